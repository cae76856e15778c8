using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Coevo.Tests.Coevolution.Gradient;

[TestClass]
public class TorchFilesTests : TempFolders
{
    private static Module<Tensor, Tensor> Net() => Sequential(Conv2d(1, 4, 3, padding: 1L), BatchNorm2d(4), ReLU(), Flatten(), Linear(4 * 5 * 5, 2));

    private static void Train(Module<Tensor, Tensor> net, TorchSharp.Modules.Adam opt, Generator g, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var x = randn([8, 1, 5, 5], generator: g);
            opt.zero_grad();
            net.call(x).pow(2).mean().backward();
            opt.step();
        }
    }

    private static void AssertSameState(Module<Tensor, Tensor> a, Module<Tensor, Tensor> b)
    {
        var sa = a.state_dict();
        var sb = b.state_dict();
        CollectionAssert.AreEqual(sa.Keys.ToList(), sb.Keys.ToList());
        foreach (var k in sa.Keys)
            Assert.IsTrue(Same(sa[k], sb[k]), $"{k} differs");
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.equal(b).all().item<bool>();

    [TestMethod]
    public void WeightsRoundTripExactlyWithBatchNormBuffers()
    {
        string dir = TempDir();
        using var g = new Generator(1);
        var net = Net();
        var opt = optim.Adam(net.parameters());
        Train(net, opt, g, 3); // moves the batch-norm running statistics away from their defaults
        TorchFiles.SaveWeights(net, Path.Combine(dir, "w.safetensors"));
        var copy = Net();
        TorchFiles.LoadWeights(copy, Path.Combine(dir, "w.safetensors"));
        AssertSameState(net, copy);
        Assert.IsFalse(copy.state_dict().Keys.Where(k => k.EndsWith("running_mean")).All(k => copy.state_dict()[k].count_nonzero().item<long>() == 0));
    }

    /// <summary>Trains 3 steps, checkpoints (weights, generator, and the optimiser when asked), trains 4 more; returns the net.</summary>
    private static Module<Tensor, Tensor> Uninterrupted(string dir, bool saveOptimizer)
    {
        using var g = new Generator(5);
        var net = Net();
        var opt = optim.Adam(net.parameters(), 1e-2, 0.5, 0.999);
        Train(net, opt, g, 3);
        TorchFiles.SaveWeights(net, Path.Combine(dir, "w.safetensors"));
        if (saveOptimizer) TorchFiles.SaveOptimizer(opt, Path.Combine(dir, "adam.bin"));
        TorchFiles.SaveGenerator(g, Path.Combine(dir, "rng.bin"));
        Train(net, opt, g, 4);
        return net;
    }

    /// <summary>Restores the checkpoint into a fresh net (with a cold Adam when there is no optimiser state) and trains 4 steps.</summary>
    private static Module<Tensor, Tensor> Resumed(string dir, bool loadOptimizer)
    {
        var net = Net();
        var opt = optim.Adam(net.parameters(), 1e-2, 0.5, 0.999);
        using var g = new Generator(999);
        TorchFiles.LoadWeights(net, Path.Combine(dir, "w.safetensors"));
        if (loadOptimizer) TorchFiles.LoadOptimizer(opt, Path.Combine(dir, "adam.bin"));
        TorchFiles.LoadGenerator(g, Path.Combine(dir, "rng.bin"));
        Train(net, opt, g, 4);
        return net;
    }

    [TestMethod]
    public void OptimizerStateMakesAResumedRunEqualAnUninterruptedOne()
    {
        string dir = TempDir();
        AssertSameState(Uninterrupted(dir, saveOptimizer: true), Resumed(dir, loadOptimizer: true));
    }

    [TestMethod]
    public void WithoutTheOptimizerStateTheResumeWouldDiffer()
    {
        // The control for the test above: a cold Adam (moments at zero) gives other weights.
        string dir = TempDir();
        var net = Uninterrupted(dir, saveOptimizer: false);
        var cold = Resumed(dir, loadOptimizer: false);
        Assert.IsFalse(Same(net.state_dict()["4.weight"], cold.state_dict()["4.weight"]));
    }

    [TestMethod]
    public void MissingCorruptOrMismatchedFilesNameTheFile()
    {
        string dir = TempDir();
        var net = Net();
        string missing = Path.Combine(dir, "none.safetensors");
        var e = Assert.ThrowsExactly<InputException>(() => TorchFiles.LoadWeights(net, missing));
        Assert.AreEqual(missing, e.File);

        string garbage = Path.Combine(dir, "garbage.safetensors");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        e = Assert.ThrowsExactly<InputException>(() => TorchFiles.LoadWeights(net, garbage));
        Assert.AreEqual(garbage, e.File);

        string other = Path.Combine(dir, "other.safetensors");
        TorchFiles.SaveWeights(Sequential(Linear(3, 3)), other);
        e = Assert.ThrowsExactly<InputException>(() => TorchFiles.LoadWeights(net, other));
        Assert.AreEqual(other, e.File);

        string rng = Path.Combine(dir, "rng.bin");
        File.WriteAllBytes(rng, [1, 2, 3]);
        using var g = new Generator(1);
        e = Assert.ThrowsExactly<InputException>(() => TorchFiles.LoadGenerator(g, rng));
        StringAssert.Contains(e.Message, "bytes");
    }
}
