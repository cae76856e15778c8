using Coevo.Coevolution.Gradient;
using static TorchSharp.torch;

namespace Coevo.Tests.Coevolution.Gradient;

[TestClass]
public class LatentAndInpaintingTests
{
    [TestMethod]
    public void SlerpFollowsTheGreatCircleAndLerpTheChord()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 0 });
        var b = tensor(new float[] { 0, 1 });
        var s = LatentSpace.Interpolate(a, b, 3).data<float>().ToArray();
        CollectionAssert.AreEqual(new float[] { 1, 0 }, s[..2]);
        Assert.AreEqual(Math.Sqrt(0.5), s[2], 1e-6);
        Assert.AreEqual(Math.Sqrt(0.5), s[3], 1e-6);
        CollectionAssert.AreEqual(new float[] { 0, 1 }, s[4..]);
        var l = LatentSpace.Interpolate(a, b, 3, spherical: false).data<float>().ToArray();
        Assert.AreEqual(0.5, l[2], 1e-6);
        Assert.AreEqual(0.5, l[3], 1e-6);
    }

    [TestMethod]
    public void ArithmeticAveragesEachGroup()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 1, 3, 3 }).view(2, 2);   // mean (2, 2)
        var b = tensor(new float[] { 1, 0 }).view(1, 2);         // mean (1, 0)
        var c = tensor(new float[] { 0, 4, 0, 0 }).view(2, 2);   // mean (0, 2)
        CollectionAssert.AreEqual(new float[] { 1, 4 }, LatentSpace.Arithmetic(a, b, c).data<float>().ToArray());
    }

    [TestMethod]
    public void DrawGivesTheSameVectorsForASeed()
    {
        using var scope = NewDisposeScope();
        Assert.IsTrue(LatentSpace.Draw(5, 3, 42).equal(LatentSpace.Draw(5, 3, 42)).all().item<bool>());
        Assert.IsTrue(LatentSpace.Draw(5, 3, 42)[2].equal(LatentSpace.Draw(9, 3, 42)[2]).all().item<bool>(), "sample k does not depend on how many are drawn");
    }

    [TestMethod]
    public void InpaintingKeepsTheKnownPixelsAndLowersTheContextualLoss()
    {
        using var scope = NewDisposeScope();
        using var g = GanTestData.Artist(seed: 4);
        using var d = GanTestData.Critic(seed: 4);
        g.Network.eval();
        Tensor target;
        using (no_grad()) target = g.Generate(LatentSpace.Draw(1, 8, 777)); // an image the generator can make
        var mask = ones(1, 1, 16, 16);
        mask[.., .., 4..12, 4..12] = zeros(1, 1, 8, 8);                     // a square hole
        var result = Inpainting.Run(g, d, target, mask, new InpaintingOptions(Steps: 150, Restarts: 4, LearningRate: 0.05, RecordEvery: 50));

        var known = mask.expand_as(target).to_type(ScalarType.Bool);
        Assert.IsTrue(result.Blend.masked_select(known).equal(target.masked_select(known)).all().item<bool>(), "known pixels are kept exactly");
        Assert.AreEqual(4, result.Progress.Count, "steps 0, 50, 100 and 150");
        Assert.IsTrue(result.ContextualLoss[^1] < 0.5 * result.ContextualLoss[0],
            $"contextual loss {string.Join(" -> ", result.ContextualLoss)}");
        Assert.IsTrue(g.Network.parameters().All(p => p.requires_grad), "the networks are left trainable");
    }
}
