using System.Diagnostics;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics.Features;

/// <summary>How a feature network is trained.</summary>
/// <param name="Seed">Seeds the initial weights and every epoch's shuffle.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Images per SGD step.</param>
/// <param name="LearningRate">Adam's starting rate; it follows a cosine down to 0 over the epochs.</param>
/// <param name="FeatureDim">Width of the penultimate (feature) layer.</param>
public sealed record FeatureTraining(int Seed = 1, int Epochs = 8, int BatchSize = 128, double LearningRate = 2e-3, int FeatureDim = 128);

/// <summary>Trains a <see cref="FeatureNet"/> classifier with Adam and cross-entropy, and measures its held-out accuracy.</summary>
public static class FeatureNetTrainer
{
    private const int InitStream = 1, ShuffleStream = 2;

    /// <summary>
    /// Trains on <paramref name="train"/> (labels 0..classes-1) and returns the network in eval mode with its accuracy on
    /// <paramref name="test"/>. Progress lines (one per epoch) go to <paramref name="log"/>.
    /// </summary>
    public static (FeatureNet Net, double TestAccuracy) Train(IImageDataset train, IImageDataset test, FeatureTraining options, Device device, TextWriter log)
    {
        int classes = train.ClassNames.Count;
        if (classes < 2) throw new InputException($"{train.Name}: a feature network is trained to tell classes apart, and these images have {classes} class(es); give a data set with at least 2 classes (for a folder: one subfolder per class)");
        if (train.Width != test.Width || train.Height != test.Height || train.Channels != test.Channels)
            throw new ArgumentException("train and test images differ in size or channels");
        var labels = Labels(train);
        using var initGenerator = new Generator((ulong)SeedSequence.Mix(options.Seed, 0, InitStream));
        var net = new FeatureNet(train.Channels, classes, options.FeatureDim, initGenerator);
        net.to(device);
        using var optimizer = optim.Adam(net.parameters(), options.LearningRate);
        var scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Epochs);

        int per = train.Channels * train.Height * train.Width;
        var batchPixels = new float[options.BatchSize * per];
        var batchLabels = new long[options.BatchSize];
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            net.train();
            int[] order;
            using (var g = new Generator((ulong)SeedSequence.Mix(options.Seed, epoch, ShuffleStream)))
            using (var perm = randperm(train.Count, generator: g))
                order = perm.data<long>().Select(i => (int)i).ToArray();
            double lossSum = 0;
            int steps = 0;
            for (int start = 0; start + options.BatchSize <= order.Length; start += options.BatchSize) // drop the last partial batch
            {
                using var scope = NewDisposeScope();
                var idx = order.AsSpan(start, options.BatchSize);
                train.CopyBatch(idx, batchPixels);
                for (int b = 0; b < idx.Length; b++) batchLabels[b] = labels[idx[b]];
                var x = tensor(batchPixels, [options.BatchSize, train.Channels, train.Height, train.Width], device: device); // [B, C, H, W]
                var y = tensor(batchLabels, device: device);                                                                // [B]
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(net.forward(x), y);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                steps++;
            }
            scheduler.step();
            double accuracy = Accuracy(net, test, device);
            log.WriteLine($"epoch {epoch + 1}/{options.Epochs}: loss {lossSum / Math.Max(1, steps):F4}, held-out accuracy {accuracy:P2} ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        net.eval();
        return (net, Accuracy(net, test, device));
    }

    /// <summary>Fraction of <paramref name="data"/> that <paramref name="net"/> (put in eval mode) classifies correctly.</summary>
    public static double Accuracy(FeatureNet net, IImageDataset data, Device device, int batchSize = 1000)
    {
        net.eval();
        var labels = Labels(data);
        int per = data.Channels * data.Height * data.Width;
        var pixels = new float[batchSize * per];
        long correct = 0;
        using var noGrad = no_grad();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(batchSize, data.Count - start);
            var idx = Enumerable.Range(start, n).ToArray();
            data.CopyBatch(idx, pixels.AsSpan(0, n * per));
            var x = tensor(pixels.AsSpan(0, n * per).ToArray(), [n, data.Channels, data.Height, data.Width], device: device); // [n, C, H, W]
            var predicted = net.forward(x).argmax(1).cpu().data<long>().ToArray();                                         // [n]
            for (int i = 0; i < n; i++) if (predicted[i] == labels[start + i]) correct++;
        }
        return (double)correct / data.Count;
    }

    private static int[] Labels(IImageDataset data)
    {
        var labels = new int[data.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = data.Label(i);
            if (labels[i] < 0 || labels[i] >= data.ClassNames.Count)
                throw new InputException($"{data.Name}: image {i} has no class (label {labels[i]}); every image must sit in a class subfolder to train a feature network");
        }
        return labels;
    }
}
