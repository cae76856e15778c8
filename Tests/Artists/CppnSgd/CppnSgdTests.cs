using Coevo.Artists.Cppn;
using Coevo.Artists.CppnSgd;
using Coevo.Coevolution.Gradient;
using Coevo.Tests.Coevolution.Gradient;
using static TorchSharp.torch;

namespace Coevo.Tests.Artists.CppnSgd;

[TestClass]
public class CppnSgdTests
{
    private static readonly float[] Points = [-7f, -2.5f, -1f, -0.3f, 0f, 0.2f, 0.999f, 1f, 1.7f, 4f];

    [TestMethod]
    public void TensorActivationsAreTheEvolvedCppnsActivations()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Points, dtype: float64);
        foreach (var a in TorchActivations.Differentiable)
        {
            var got = TorchActivations.Apply(a, x).data<double>().ToArray();
            for (int i = 0; i < Points.Length; i++)
                Assert.AreEqual(ActivationNames.Apply(a, Points[i]), got[i], 1e-12, $"{ActivationNames.ToJson(a)}({Points[i]})");
        }
        Assert.ThrowsExactly<ArgumentException>(() => TorchActivations.Apply(Activation.Step, x));
    }

    [TestMethod]
    public void GreyPixelsAreCppnxsAndPassGradientsStraightThrough()
    {
        using var scope = NewDisposeScope();
        var rng = new Random(3);
        var values = Enumerable.Range(0, 500).Select(_ => (float)(rng.NextDouble() * 4 - 2)).Concat(Points).ToArray();
        var expected = new float[values.Length];
        PixelMath.Grey(values, expected);
        var v = tensor(values).requires_grad_(true);
        var grey = CppnPixels.Grey(v);
        var got = grey.data<float>().ToArray();
        for (int i = 0; i < values.Length; i++) // the renderer's vector path multiplies by 1/255, its scalar tail divides: 1 ulp apart
            Assert.AreEqual(expected[i], got[i], 1e-7, $"grey({values[i]}) as the evolved renderer writes it");
        grey.sum().backward();
        var grad = v.grad!.data<float>().ToArray();
        for (int i = 0; i < values.Length; i++)
            Assert.AreEqual(Math.Abs(values[i]) <= 1 ? Math.Sign(values[i]) : 0f, grad[i], $"d grey / d v at {values[i]}");
    }

    [TestMethod]
    public void TheNetworkRendersOneFunctionAtAnySize()
    {
        using var scope = NewDisposeScope();
        using var net = new CppnNetwork(28, 3, [16, 8], [Activation.Sin, Activation.Gaussian, Activation.Tanh]);
        var z = randn(2, 3);
        var small = net.call(z);
        CollectionAssert.AreEqual(new long[] { 2, 1, 28, 28 }, small.shape);
        var large = net.Ink(z, 56);
        // cppn-x's grid: pixel (i, j) of 28 sits at x = i/14 - 1, which is pixel (2i, 2j) of 56
        var sampled = large[.., .., TensorIndex.Slice(0, 56, 2), TensorIndex.Slice(0, 56, 2)];
        Assert.IsTrue(sampled.allclose(small, rtol: 1e-5, atol: 1e-6));
        Assert.IsFalse(small[0].allclose(small[1]), "different z, different pictures");
    }

    [TestMethod]
    public void SgdLowersItsLossAgainstAFixedCritic()
    {
        using var scope = NewDisposeScope();
        using var g = new CppnSgdArtist(new CppnSgdArtistOptions { ImageSize = 16, LatentSize = 4, Widths = [16, 16], Lr = 5e-3 }, 2, CPU);
        using var d = GanTestData.Critic(seed: 2);
        using var trainer = new GanTrainer(g, d, GanTestData.Squares(), new GanOptions { BatchSize = 16 }, seed: 1);
        using var gen = new Generator(8);
        var z = randn([16, 4], generator: gen);
        var losses = new List<float>();
        for (int i = 0; i < 25; i++)
            losses.Add(trainer.GeneratorStep(g.Generate(z), 0, gen).Loss.item<float>()); // D never steps: a fixed critic
        Assert.IsTrue(losses.TakeLast(5).Average() < losses.Take(5).Average() - 0.05, $"G loss {string.Join(", ", losses)}");
    }

    [TestMethod]
    public void BadActivationsAreNamed()
    {
        StringAssert.Contains(new CppnSgdArtistOptions { Activations = "sin step" }.Problem(), "'step'");
        StringAssert.Contains(new CppnSgdArtistOptions { Activations = "sin wobble" }.Problem(), "'wobble'");
        Assert.IsNull(new CppnSgdArtistOptions().Problem());
    }
}
