using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Experiments.Measuring;

namespace Coevo.Experiments.Cli;

public static partial class CoevoCli
{
    /// <summary>What <c>diversity</c> means, wherever it is shown.</summary>
    public const string DiversityHelp =
        "diversity = mean distance between the feature vectors of two different generated images (0 = all alike; compare with the real images' own figure)";

    private static Command MetricsCommand(TextWriter stdout, TextWriter stderr)
    {
        var real = new Option<string>("--real") { Description = "the real images: " + ImageSets.SpecHelp, Required = true };
        var fake = new Option<string>("--fake") { Description = "the generated images, a SPEC as for --real", Required = true };
        var limit = new Option<int>("--limit") { Description = "use at most N images from each side (0 = all)", DefaultValueFactory = _ => 0 };
        var features = new Option<string>("--features") { Description = "feature network: a shipped name or a .safetensors made by 'coevo features train'", DefaultValueFactory = _ => FeatureExtractor.DefaultName };
        var threads = new Option<int>("--threads") { Description = "CPU threads for torch (default: all cores; on a busy shared machine 1 is often faster)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("metrics",
            "Measure generated images against real ones in the feature space of a Coevo network (not Inception). Prints one line: " +
            "fid kid kid_std precision recall diversity n_real n_fake features; " + DiversityHelp + ".")
            { real, fake, limit, features, threads };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            int n = parse.GetValue(limit);
            if (n < 0) throw new InputException($"--limit must be 0 (all) or positive, got {n}");
            int t = parse.GetValue(threads);
            if (t < 1 || t > 1024) throw new InputException($"--threads must be between 1 and 1024, got {t}");
            TorchSharp.torch.set_num_threads(t);
            var clock = Stopwatch.StartNew();
            var device = Coevo.Coevolution.Gradient.TorchDevices.Best;
            using var extractor = FeatureExtractor.Load(parse.GetValue(features)!, device);
            var card = extractor.Card;
            var realSet = ImageSets.Load(parse.GetValue(real)!, card.Width, card.Height, card.Channels == 1, n);
            var fakeSet = ImageSets.Load(parse.GetValue(fake)!, card.Width, card.Height, card.Channels == 1, n);
            double loaded = clock.Elapsed.TotalSeconds;
            var realFeatures = Extract(extractor, realSet);
            var fakeFeatures = Extract(extractor, fakeSet);
            double extracted = clock.Elapsed.TotalSeconds;
            var result = MetricSet.Compute(realFeatures, fakeFeatures, card.Name, device);
            stdout.WriteLine(result.ToLine());
            foreach (var w in result.Warnings) stderr.WriteLine($"warning: {w}");
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"measured in {card.Label} ({card.FeatureDim} dimensions; the network classifies {card.TestSet} {card.TestAccuracy:P1} right): real = {realSet.Description}, generated = {fakeSet.Description}; " +
                $"{DiversityHelp}. Time: {loaded:F1} s loading, {extracted - loaded:F1} s features, {clock.Elapsed.TotalSeconds - extracted:F1} s measures."));
            return Ok;
        }));
        return cmd;
    }

    private static FeatureMatrix Extract(FeatureExtractor extractor, ImageSet set) =>
        set.Dataset is { } data ? extractor.Extract(data) : extractor.Extract(set.Images!);
}
