using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Coevo.Tests.Coevolution.Metrics;

[TestClass]
public class FeatureNetTests : TempFolders
{
    private static FeatureExtractor Shipped() => FeatureExtractor.Load(FeatureExtractor.DefaultName, CPU);

    private static ByteImageDataset TestSet => FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Test);

    [TestMethod]
    public void TheShippedNetworkClassifiesFashionMnistAtLeast90PercentRight()
    {
        using var extractor = Shipped();
        var card = extractor.Card;
        using var g = new Generator(0);
        using var net = new FeatureNet(card.Channels, card.ClassNames.Count, card.FeatureDim, g);
        net.load_safetensors(FeatureExtractor.Resolve(FeatureExtractor.DefaultName));
        double accuracy = FeatureNetTrainer.Accuracy(net, TestSet, CPU);
        Assert.IsTrue(accuracy >= 0.90, $"test accuracy {accuracy:P2}");
        Assert.AreEqual(card.TestAccuracy, accuracy, 1e-6, "the card records what the weights do");
        Assert.AreEqual("Coevo Fashion-MNIST features", card.Label);
        StringAssert.StartsWith(card.Command, "coevo features train --data fashion-mnist:train --seed ");
        Assert.AreEqual((28, 28, 1), (card.Width, card.Height, card.Channels));
    }

    [TestMethod]
    public void FeaturesAreTakenInEvalModeSoAnImageHasOneFeatureVector()
    {
        using var extractor = Shipped();
        var data = TestSet;
        var alone = extractor.Extract(data, [5]).Row(0).ToArray();
        var inBatch = extractor.Extract(data, [0, 1, 2, 3, 4, 5, 6, 7]).Row(5).ToArray();
        for (int i = 0; i < alone.Length; i++)
            Assert.AreEqual(alone[i], inBatch[i], 1e-5f * Math.Max(1, Math.Abs(alone[i])), "batch norm uses its running statistics, not the batch's");
        Assert.IsTrue(alone.Any(v => v > 0));

        // in training mode the same image's features would depend on its batch: the mistake eval mode avoids
        using var g = new Generator(0);
        using var net = new FeatureNet(1, 10, 128, g);
        net.load_safetensors(FeatureExtractor.Resolve(FeatureExtractor.DefaultName));
        net.train();
        using var noGrad = no_grad();
        using var batch = tensor(data.Batch([0, 1, 2, 3, 4, 5, 6, 7]), [8, 1, 28, 28]);
        using var single = tensor(data.Batch([5]), [1, 1, 28, 28]);
        using var trainBatch = net.Features(batch);
        using var trainAlone = net.Features(single);
        double gap = (trainBatch[5] - trainAlone[0]).abs().max().item<float>();
        Assert.IsTrue(gap > 0.1, $"training-mode features differ by only {gap}");
    }

    [TestMethod]
    public void ImagesTensorsAndDataSetsGiveTheSameFeatures()
    {
        using var extractor = Shipped();
        var data = TestSet;
        int[] indices = [10, 20, 30];
        var fromData = extractor.Extract(data, indices);
        var images = indices.Select(data.Get).ToList(); // RGB images with R = G = B
        var fromImages = extractor.Extract(images);
        using var batch = tensor(images.SelectMany(i => i.Data).ToArray(), [3, 3, 28, 28]);
        using var fromTensor = extractor.Extract(batch);
        var asMatrix = FeatureMatrix.FromTensor(fromTensor);
        for (int i = 0; i < fromData.Data.Length; i++)
        {
            Assert.AreEqual(fromData.Data[i], fromImages.Data[i], 1e-4f);
            Assert.AreEqual(fromData.Data[i], asMatrix.Data[i], 1e-4f);
        }
        // a larger image is resized to the network's 28x28 first
        var big = extractor.Extract([data.Get(10).Resize(56, 56)]);
        Assert.AreEqual(128, big.Dim);
    }

    [TestMethod]
    public void FidGrowsWithImageNoiseAndKidOfOneDistributionIsZeroWithinItsSpread()
    {
        using var extractor = Shipped();
        var data = TestSet;
        var real = extractor.Extract(data, Enumerable.Range(0, 1000).ToArray());
        var other = Enumerable.Range(1000, 1000).Select(data.Get).ToList();
        Assert.AreEqual(0, MetricSet.Compute(real, real, "x", CPU).Fid, 1e-6);
        var rng = new Random(3);
        var noise = other.Select(img => img.Data.Select(_ => (float)Gaussian(rng)).ToArray()).ToList();
        double previous = -1;
        foreach (double sigma in new[] { 0.0, 0.05, 0.1, 0.2, 0.4 })
        {
            var noisy = other.Select((img, k) =>
            {
                var d = img.Data.Select((v, i) => Math.Clamp(v + (float)sigma * noise[k][i], 0f, 1f)).ToArray();
                return new Image(28, 28, d);
            }).ToList();
            var m = MetricSet.Compute(real, extractor.Extract(noisy), extractor.Card.Name, CPU, new MetricOptions(KidSubsets: 50, KidSubsetSize: 500));
            Assert.IsTrue(m.Fid > previous, $"FID {m.Fid} at noise {sigma} is not above {previous}");
            if (sigma == 0) Assert.IsTrue(Math.Abs(m.Kid) <= m.KidStd, $"KID {m.Kid} ± {m.KidStd} between two halves of the test set");
            previous = m.Fid;
        }
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [TestMethod]
    public void TrainingIsReproducibleAndSavedWeightsLoadBackWithTheirCard()
    {
        // two classes of 28x28 Fashion-MNIST, briefly: enough to check the loop, the seed and the files
        var train = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Train, ["Trouser", "Bag"], 512);
        var test = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Test, ["Trouser", "Bag"], 200);
        var options = new FeatureTraining(Seed: 5, Epochs: 3, BatchSize: 32, FeatureDim: 16);
        var (a, accuracyA) = FeatureNetTrainer.Train(train, test, options, CPU, TextWriter.Null);
        var (b, accuracyB) = FeatureNetTrainer.Train(train, test, options, CPU, TextWriter.Null);
        Assert.AreEqual(accuracyA, accuracyB);
        Assert.IsTrue(accuracyA > 0.8, $"trousers vs bags after three short epochs: {accuracyA:P1}");

        string weights = Path.Combine(TempDir(), "tiny.safetensors");
        var card = FeatureExtractor.Save(a, new FeatureNetCard
        {
            Name = "tiny", Label = "Coevo tiny features", Width = 28, Height = 28, Channels = 1, FeatureDim = 16,
            ClassNames = train.ClassNames, TestAccuracy = accuracyA, TestSet = test.Name, TrainSet = train.Name,
            Command = "test", Seed = 5, Epochs = 3, WeightsSha256 = "",
        }, weights);
        Assert.AreEqual(64, card.WeightsSha256.Length);
        using var loaded = FeatureExtractor.Load(weights, CPU);
        using var original = new FeatureExtractor(b, card, CPU);
        var image = test.Get(0);
        CollectionAssert.AreEqual(original.Extract([image]).Data, loaded.Extract([image]).Data, "reproducible training, and a faithful round trip");
        a.Dispose();

        // weights that do not match their card are refused
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x55;
        File.WriteAllBytes(weights, bytes);
        var e = Assert.ThrowsExactly<InputException>(() => FeatureExtractor.Load(weights, CPU));
        StringAssert.Contains(e.Message, "are not the ones its card");
        Assert.ThrowsExactly<InputException>(() => FeatureExtractor.Load("no-such-network", CPU));
    }
}
