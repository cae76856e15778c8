using System.CommandLine;
using System.Globalization;
using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Experiments.Measuring;

namespace Coevo.Experiments.Cli;

public static partial class CoevoCli
{
    private static Command FeaturesCommand(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data") { Description = "labelled training images: fashion-mnist:train, a folder with one PNG subfolder per class, or a .yaml data config", Required = true };
        var seed = new Option<int>("--seed") { Description = "seeds the initial weights and the shuffles", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training images", DefaultValueFactory = _ => new FeatureTraining().Epochs };
        var size = new Option<int>("--size") { Description = "side folder images are resized to (Fashion-MNIST stays 28)", DefaultValueFactory = _ => 32 };
        var grey = new Option<bool>("--grey") { Description = "train a grey (1-channel) network on folder images" };
        var name = new Option<string?>("--name") { Description = "the network's name (default coevo-<data>); figures say \"Coevo <name> features\"" };
        var output = new Option<string?>("--output", "-o") { Description = "weights file to write (default <name>.safetensors); its card <name>.json goes beside it" };
        var train = new Command("train", "Train Coevo's feature CNN on labelled images and report its held-out accuracy; its penultimate layer is the feature space of coevo metrics.")
            { data, seed, epochs, size, grey, name, output };
        train.SetAction(parse => Guard(stderr, () =>
        {
            string spec = parse.GetValue(data)!;
            int e = parse.GetValue(epochs), side = parse.GetValue(size), s = parse.GetValue(seed);
            if (e < 1 || e > 1000) throw new InputException($"--epochs must be between 1 and 1000, got {e}");
            if (side < 8 || side > 512) throw new InputException($"--size must be between 8 and 512, got {side}");
            var (trainSet, testSet) = TrainingSplit(spec, side, parse.GetValue(grey), s);
            bool fashion = spec.StartsWith(ImageSets.FashionMnistPrefix, StringComparison.OrdinalIgnoreCase) && !Directory.Exists(spec);
            string display = fashion ? "Fashion-MNIST" : Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(spec));
            string netName = parse.GetValue(name) ?? "coevo-" + (fashion ? ImageSets.FashionMnistPrefix : Slug(display));
            string weights = Path.GetFullPath(parse.GetValue(output) ?? netName + ".safetensors");
            if (!weights.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)) throw new InputException($"--output must name a .safetensors file, got '{weights}'");
            string command = string.Create(CultureInfo.InvariantCulture, $"coevo features train --data {spec} --seed {s} --epochs {e}")
                + (Directory.Exists(spec) ? string.Create(CultureInfo.InvariantCulture, $" --size {side}") + (parse.GetValue(grey) ? " --grey" : "") : "");

            stdout.WriteLine($"training on {trainSet.Name}, holding out {testSet.Name}");
            var device = Coevo.Coevolution.Gradient.TorchDevices.Best;
            var options = new FeatureTraining(Seed: s, Epochs: e);
            var (net, accuracy) = FeatureNetTrainer.Train(trainSet, testSet, options, device, stdout);
            using (net)
            {
                var card = FeatureExtractor.Save(net, new FeatureNetCard
                {
                    Name = netName,
                    Label = parse.GetValue(name) is { } n ? $"Coevo {n} features" : $"Coevo {display} features",
                    Width = trainSet.Width, Height = trainSet.Height, Channels = trainSet.Channels,
                    FeatureDim = net.FeatureDim, ClassNames = trainSet.ClassNames,
                    TestAccuracy = Math.Round(accuracy, 6), TestSet = testSet.Name, TrainSet = trainSet.Name,
                    Command = command, Seed = s, Epochs = e, WeightsSha256 = "",
                }, weights);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy {accuracy:P2} on {testSet.Name}"));
                stdout.WriteLine($"wrote {weights} and {Path.GetFileName(FeatureExtractor.CardPath(weights))} ({card.Label})");
            }
            return Ok;
        }));
        return new Command("features", "Coevo's own feature network (the measuring instrument of coevo metrics).") { train };
    }

    /// <summary>
    /// Training and held-out images: for Fashion-MNIST the other split (same classes); otherwise a seeded 10% of the images.
    /// </summary>
    private static (IImageDataset Train, IImageDataset Test) TrainingSplit(string spec, int side, bool grey, int seed)
    {
        if (spec.StartsWith(ImageSets.FashionMnistPrefix, StringComparison.OrdinalIgnoreCase) && !Directory.Exists(spec))
        {
            var train = ImageSets.FashionMnistSpec(spec, 0);
            var parts = spec.Split(':');
            parts[1] = parts[1].Equals("test", StringComparison.OrdinalIgnoreCase) ? "train" : "test";
            return (train, ImageSets.FashionMnistSpec(string.Join(':', parts), 0));
        }
        var all = ImageSets.LoadDataset(spec, side, side, grey, 0);
        if (all.Count < 20) throw new InputException($"{all.Name}: {all.Count} images are too few to train and hold out a tenth", spec);
        var order = Enumerable.Range(0, all.Count).ToArray();
        Coevo.Coevolution.Schedules.SeedSequence.For(seed, 0, 3).Shuffle(order);
        int held = Math.Max(1, all.Count / 10);
        return (new SubsetDataset(all, order[held..]), new SubsetDataset(all, order[..held]));
    }

    private static string Slug(string s) =>
        new string(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') is { Length: > 0 } slug ? slug : "images";
}
