using Coevo.Coevolution.Gradient;
using Coevo.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Tests.Coevolution.Gradient;

[TestClass]
public class GanTrainerTests : TempFolders
{
    [TestMethod]
    public void OneDiscriminatorStepLowersItsLossOnAFixedBatch()
    {
        using var scope = NewDisposeScope();
        using var g = GanTestData.Artist();
        using var d = GanTestData.Critic();
        var data = GanTestData.Squares();
        using var trainer = new GanTrainer(g, d, data, new GanOptions { BatchSize = 16 }, seed: 3);
        using var gen = new Generator(4);
        var real = ImageTensors.FromDataset(data, Enumerable.Range(0, 16).ToArray());
        var fake = g.Generate(randn([16, 8], generator: gen)).detach();
        float before = trainer.DiscriminatorLoss(real, fake, 0, gen).Loss.item<float>();
        trainer.DiscriminatorStep(real, fake, 0, gen);
        float after = trainer.DiscriminatorLoss(real, fake, 0, gen).Loss.item<float>();
        Assert.IsTrue(after < before, $"D loss {before} -> {after}");
    }

    [TestMethod]
    public void OneGeneratorStepRaisesDOfGz()
    {
        using var scope = NewDisposeScope();
        using var g = GanTestData.Artist();
        using var d = GanTestData.Critic();
        using var trainer = new GanTrainer(g, d, GanTestData.Squares(), new GanOptions { BatchSize = 16 }, seed: 3);
        using var gen = new Generator(5);
        var z = randn([16, 8], generator: gen);
        float before = sigmoid(d.Logits(g.Generate(z))).mean().item<float>();
        trainer.GeneratorStep(g.Generate(z), 0, gen);
        float after = sigmoid(d.Logits(g.Generate(z))).mean().item<float>();
        Assert.IsTrue(after > before, $"D(G(z)) {before} -> {after}");
    }

    [TestMethod]
    [DataRow(GanLoss.NonSaturating)]
    [DataRow(GanLoss.Minimax)]
    public void TheGeneratorLossIsItsFormula(GanLoss loss)
    {
        // non-saturating: mean(-log σ(l)); minimax: mean(log(1 - σ(l))), from D's logits l of the fakes
        using var scope = NewDisposeScope();
        using var g = GanTestData.Artist();
        using var d = GanTestData.Critic();
        using var trainer = new GanTrainer(g, d, GanTestData.Squares(), new GanOptions { Loss = loss }, seed: 3);
        using var gen = new Generator(5);
        var (value, logits) = trainer.GeneratorStep(g.Generate(randn([16, 8], generator: gen)), 0, gen);
        double expected = logits.data<float>().ToArray().Average(l =>
        {
            double p = 1 / (1 + Math.Exp(-l));
            return loss == GanLoss.NonSaturating ? -Math.Log(p) : Math.Log(1 - p);
        });
        Assert.AreEqual(expected, value.item<float>(), 1e-5);
    }

    [TestMethod]
    public void SmoothingLowersRealTargetsAndFlipsSwapPairs()
    {
        using var scope = NewDisposeScope();
        using var g = GanTestData.Artist();
        using var d = GanTestData.Critic();
        var data = GanTestData.Squares();
        using var smooth = new GanTrainer(g, d, data, new GanOptions { LabelSmoothing = 0.1 }, seed: 1);
        using var gen = new Generator(9);
        var (real, fake) = smooth.Targets(1000, gen);
        Assert.AreEqual(0.9f, real.min().item<float>(), 1e-6);
        Assert.AreEqual(0.9f, real.max().item<float>(), 1e-6);
        Assert.AreEqual(0f, fake.abs().max().item<float>());

        using var flip = new GanTrainer(g, d, data, new GanOptions { LabelFlip = 0.3 }, seed: 1);
        (real, fake) = flip.Targets(10000, gen);
        Assert.IsTrue((real + fake).eq(1).all().item<bool>(), "each pair stays one real and one fake label");
        double flipped = (1 - real.mean().item<float>());
        Assert.AreEqual(0.3, flipped, 0.02);
    }

    [TestMethod]
    public void AResumedTrainerEqualsAnUninterruptedOne()
    {
        string dir = TempDir();
        var data = GanTestData.Squares();
        var options = new GanOptions { BatchSize = 8, DSteps = 2, LabelFlip = 0.1, LabelSmoothing = 0.1, InstanceNoise = 0.1, InstanceNoiseSteps = 6, ReplaySize = 12, ReplayFraction = 0.5 };

        using var g1 = GanTestData.Artist();
        using var d1 = GanTestData.Critic(dropout: 0.2, stddev: true);
        using (var t1 = new GanTrainer(g1, d1, data, options, seed: 7))
        {
            for (int s = 0; s < 4; s++) t1.Step(s);
            g1.SaveCheckpoint(dir);
            d1.SaveCheckpoint(dir);
            t1.Replay!.Save(Path.Combine(dir, "replay.safetensors"));
            for (int s = 4; s < 8; s++) t1.Step(s);
        }

        using var g2 = GanTestData.Artist(seed: 99); // other initial weights: everything must come from the checkpoint
        using var d2 = GanTestData.Critic(seed: 99, dropout: 0.2, stddev: true);
        using (var t2 = new GanTrainer(g2, d2, data, options, seed: 7))
        {
            g2.LoadCheckpoint(dir);
            d2.LoadCheckpoint(dir);
            t2.Replay!.Load(Path.Combine(dir, "replay.safetensors"));
            for (int s = 4; s < 8; s++) t2.Step(s);
        }
        foreach (var (a, b) in new[] { (g1.Network, g2.Network), (d1.Network, d2.Network) })
        {
            var sa = a.state_dict();
            var sb = b.state_dict();
            foreach (var k in sa.Keys)
                Assert.IsTrue(sa[k].equal(sb[k]).all().item<bool>(), $"{k} differs after resuming");
        }
    }

    [TestMethod]
    public void MismatchedDataOrNetworksAreRejected()
    {
        using var g = GanTestData.Artist();
        using var d = GanTestData.Critic();
        var e = Assert.ThrowsExactly<ArgumentException>(() => new GanTrainer(g, d, GanTestData.Squares(size: 8), new GanOptions(), 1));
        StringAssert.Contains(e.Message, "1x8x8");
    }
}
