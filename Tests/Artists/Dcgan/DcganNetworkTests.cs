using Coevo.Artists.Dcgan;
using Coevo.Critics.Cnn;
using static TorchSharp.torch;

namespace Coevo.Tests.Artists.Dcgan;

[TestClass]
public class DcganNetworkTests
{
    /// <summary>Runs <paramref name="x"/> through each layer and returns every output shape.</summary>
    private static List<string> Shapes(nn.Module<Tensor, Tensor> main, Tensor x)
    {
        var shapes = new List<string>();
        foreach (var (_, layer) in main.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)layer).call(x);
            shapes.Add(string.Join("x", x.shape));
        }
        return shapes;
    }

    [TestMethod]
    public void Generator28LayersHaveTheDcgan28Shapes()
    {
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator(28, 1, 100, [256, 128]);
        CollectionAssert.AreEqual(new[]
        {
            "4x256x7x7", "4x256x7x7", "4x256x7x7",
            "4x128x14x14", "4x128x14x14", "4x128x14x14",
            "4x1x28x28", "4x1x28x28",
        }, Shapes(g.Main, randn(4, 100, 1, 1)));
        Assert.IsTrue(g.call(randn(4, 100)).abs().max().item<float>() <= 1f, "tanh output");
    }

    [TestMethod]
    public void Generator64LayersDoubleFrom4To64()
    {
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator(64, 3, 100, [512, 256, 128, 64]);
        var shapes = Shapes(g.Main, randn(2, 100, 1, 1));
        CollectionAssert.AreEqual(new[] { "2x512x4x4", "2x256x8x8", "2x128x16x16", "2x64x32x32", "2x3x64x64" },
            shapes.Where((_, i) => i % 3 == 0).ToArray());
    }

    [TestMethod]
    public void Discriminator28LayersHalveTo7ThenOneLogit()
    {
        using var scope = NewDisposeScope();
        using var d = new DcganDiscriminator(28, 1, [64, 128]);
        CollectionAssert.AreEqual(new[]
        {
            "4x64x14x14", "4x64x14x14",
            "4x128x7x7", "4x128x7x7", "4x128x7x7",
            "4x1x1x1", "4",
        }, Shapes(d.Main, randn(4, 1, 28, 28)));
    }

    [TestMethod]
    public void MinibatchStdDevAndDropoutAddTheirLayers()
    {
        using var scope = NewDisposeScope();
        using var d = new DcganDiscriminator(28, 1, [64, 128], dropout: 0.3, minibatchStdDev: true);
        var shapes = Shapes(d.Main, randn(4, 1, 28, 28));
        CollectionAssert.Contains(shapes, "4x129x7x7", "the stddev map is one more channel");
        Assert.AreEqual("4", shapes[^1]);
        Assert.AreEqual(2, d.Main.named_children().Count(c => c.module is SeededDropout));
    }

    [TestMethod]
    public void DropoutMasksFollowTheirSeedAndVanishInEval()
    {
        using var scope = NewDisposeScope();
        using var d = new DcganDiscriminator(28, 1, [8, 16], dropout: 0.5);
        var x = randn(4, 1, 28, 28);
        d.train();
        d.Reseed(11);
        var a = d.call(x);
        d.Reseed(11);
        var b = d.call(x);
        d.Reseed(12);
        var c = d.call(x);
        Assert.IsTrue(a.equal(b).all().item<bool>(), "the same seed gives the same masks");
        Assert.IsFalse(a.equal(c).all().item<bool>(), "another seed gives other masks");
        d.eval();
        Assert.IsTrue(d.call(x).equal(d.call(x)).all().item<bool>(), "eval mode has no dropout");

        using var gen = new Generator(3);
        var drop = new SeededDropout(0.25, () => gen);
        var ones = TorchSharp.torch.ones(200_000);
        var kept = drop.call(ones);
        Assert.AreEqual(0.25, (kept == 0).to_type(ScalarType.Float32).mean().item<float>(), 0.01, "share dropped");
        Assert.AreEqual(1.0, kept.mean().item<float>(), 0.01, "the kept ones are scaled by 1/(1-p)");
    }

    [TestMethod]
    public void MinibatchStdDevIsTheMeanOfTheBatchStandardDeviations()
    {
        using var scope = NewDisposeScope();
        // two images of one channel, two pixels: values (1, 2) and (3, 6): per-pixel std over the batch 1 and 2, mean 1.5
        var x = tensor(new float[] { 1, 2, 3, 6 }).view(2, 1, 1, 2);
        var y = new MinibatchStdDev().call(x);
        CollectionAssert.AreEqual(new long[] { 2, 2, 1, 2 }, y.shape);
        Assert.AreEqual(1.5f, y[0, 1, 0, 0].item<float>(), 1e-4);
        Assert.AreEqual(1.5f, y[1, 1, 0, 1].item<float>(), 1e-4);
        Assert.AreEqual(0f, new MinibatchStdDev().call(x.narrow(0, 0, 1).expand(3, 1, 1, 2)).select(1, 1).max().item<float>(), 1e-3,
            "a collapsed batch shows (almost) zero spread");
    }

    [TestMethod]
    public void BadShapesAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new DcganGenerator(30, 1, 100, [256, 128]));
        Assert.ThrowsExactly<ArgumentException>(() => new DcganDiscriminator(28, 1, [64, 128, 256]));
        Assert.IsNull(new DcganArtistOptions { ImageSize = 64, Widths = [512, 256, 128, 64] }.Problem());
        StringAssert.Contains(new DcganArtistOptions { Channels = 2 }.Problem(), "channels must be 1 or 3");
        StringAssert.Contains(new CnnCriticOptions { ImageSize = 20, Widths = [8, 8, 8] }.Problem(), "does not halve 3 times");
    }
}
