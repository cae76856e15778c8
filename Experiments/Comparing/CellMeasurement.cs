using System.Globalization;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Coevolution.Schedules;
using Coevo.Critics.Aesthetic;
using Coevo.Critics.Cnn;
using Coevo.Experiments.Measuring;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Comparing;

/// <summary>The figures of one finished cell.</summary>
public sealed record CellFigures(CompareCell Cell, IReadOnlyDictionary<string, double> Values);

/// <summary>Everything measured about a comparison.</summary>
/// <param name="Cells">Figures of every finished cell.</param>
/// <param name="Missing">Cells that have not finished (left out of the tables).</param>
/// <param name="SamplesPerCell">Images measured per cell (the same for every cell).</param>
/// <param name="RealImages">Real images measured against.</param>
/// <param name="RealDescription">What the real images are.</param>
/// <param name="FeaturesLabel">The feature network, in words.</param>
/// <param name="CriticRealAccuracy">Share of held-out real images the held-out critic calls real.</param>
public sealed record Measurements(IReadOnlyList<CellFigures> Cells, IReadOnlyList<CompareCell> Missing, int SamplesPerCell,
    int RealImages, string RealDescription, string FeaturesLabel, double CriticRealAccuracy);

/// <summary>
/// Measures every finished cell of a comparison the same way: its final images (a generator's fresh samples, an
/// evolving artist's final population best first; as many for every cell) against the real images in Coevo's feature
/// space (FID, KID, precision, recall, diversity), the aesthetic critics' mean scores, and the fooling rate against
/// a held-out critic: a fresh CNN trained on real images against half of every cell's images, scoring the other half.
/// </summary>
public static class CellMeasurement
{
    /// <summary>The figures, in table order: name, heading, which way is better (+1 higher, -1 lower, 0 neither).</summary>
    public static IReadOnlyList<(string Key, string Heading, int Better)> Columns { get; } =
    [
        ("fid", "FID", -1),
        ("kid", "KID", -1),
        ("precision", "precision", 1),
        ("recall", "recall", 1),
        ("diversity", "diversity", 0),
        ("fooling_rate", "fooling rate (held-out critic)", 1),
        ("complexity", "complexity (Machado & Cardoso)", 0),
        ("bell", "bell curve (Ross & Ralph)", 0),
        ("images_judged", "images judged", 0),
        ("seconds", "seconds", 0),
    ];

    private const int HeldOutSeed = 20_261_203, KidStream = 9;

    /// <summary>Measures the finished cells in <paramref name="dir"/>, telling progress on <paramref name="console"/>.</summary>
    public static Measurements Measure(CompareConfig config, string dir, TextWriter console)
    {
        var finished = new List<(CompareCell Cell, RunState State)>();
        var missing = new List<CompareCell>();
        foreach (var cell in config.Cells)
        {
            var (status, state) = CompareFolder.StatusOf(dir, cell);
            if (status == CellStatus.Finished) finished.Add((cell, state!));
            else missing.Add(cell);
        }
        if (finished.Count == 0)
            throw new InputException($"no cell has finished yet ({CompareFolder.Tally(0, config.Cells.Count)}); run them first", dir);

        var device = TorchDevices.Best;
        using var extractor = FeatureExtractor.Load(config.Measure.Features, device);
        var card = extractor.Card;
        var real = ImageSets.LoadDataset(config.Measure.Real, card.Width, card.Height, card.Channels == 1, 0);

        var images = new List<IReadOnlyList<Image>>();
        foreach (var (cell, _) in finished)
        {
            console.WriteLine($"sampling {cell.Id}");
            var run = OpenedRun.Open(CompareFolder.RunOf(dir, cell));
            images.Add(ImageSets.RunSamples(run, config.Measure.Samples, cell.Seed));
            (run.Experiment.Artist as IDisposable)?.Dispose();
            (run.Experiment.Critic as IDisposable)?.Dispose();
        }
        int n = Math.Min(config.Measure.Samples, images.Min(i => i.Count));
        if (n < PrecisionRecall.DefaultK + 1)
            throw new InputException($"a cell offers only {n} images; measuring needs at least {PrecisionRecall.DefaultK + 1} (raise its population or samples)", dir);
        images = images.Select(i => (IReadOnlyList<Image>)i.Take(n).ToList()).ToList();

        int realCount = Math.Min(real.Count, Math.Max(2 * n, 1000));
        var order = Enumerable.Range(0, real.Count).ToArray();
        SeedSequence.For(HeldOutSeed, 0, 1).Shuffle(order);
        var realPicks = order.Take(realCount).Order().ToArray();
        console.WriteLine($"measuring {finished.Count} cells: {n} images each against {realCount} of {real.Name}, in {card.Label}");
        var realFeatures = extractor.Extract(real, realPicks);

        var (fooling, realAccuracy) = HeldOutCritic(config, real, realPicks, images, console);
        var complexity = new ComplexityCritic(new ComplexityCriticOptions(), Environment.ProcessorCount);
        var bell = new BellCurveCritic(new BellCurveCriticOptions(), Environment.ProcessorCount);

        var figures = new List<CellFigures>();
        for (int c = 0; c < finished.Count; c++)
        {
            var (cell, state) = finished[c];
            var m = MetricSet.Compute(realFeatures, extractor.Extract(images[c]), card.Name, device,
                new MetricOptions(Seed: SeedSequence.Mix(HeldOutSeed, c, KidStream)));
            figures.Add(new CellFigures(cell, new Dictionary<string, double>
            {
                ["fid"] = m.Fid, ["kid"] = m.Kid, ["precision"] = m.Precision, ["recall"] = m.Recall, ["diversity"] = m.Diversity,
                ["fooling_rate"] = fooling[c],
                ["complexity"] = Mean(complexity.Score(images[c])),
                ["bell"] = Mean(bell.Score(images[c])),
                ["images_judged"] = state.ImagesJudged,
                ["seconds"] = state.ElapsedSeconds,
            }));
        }
        return new Measurements(figures, missing, n, realCount, real.Name, card.Label, realAccuracy);
    }

    /// <summary>
    /// Trains a fresh CNN critic on half the real images against the even-numbered images of every cell, then returns
    /// each cell's share of odd-numbered images it calls real (≥ 0.5), and its hit rate on the other half of the reals.
    /// </summary>
    private static (double[] Fooling, double RealAccuracy) HeldOutCritic(CompareConfig config, Coevo.Coevolution.Datasets.IImageDataset real,
        int[] realPicks, IReadOnlyList<IReadOnlyList<Image>> images, TextWriter console)
    {
        var options = new CnnCriticOptions { ImageSize = real.Width, Channels = real.Channels == 1 ? 1 : 3 };
        if (options.Problem() is { } problem) throw new InputException($"measure.real: the held-out critic cannot judge {real.Width}x{real.Height} images: {problem}");
        using var critic = new CnnCritic(options, HeldOutSeed, TorchDevices.Best);
        var realTrain = realPicks.Where((_, i) => i % 2 == 0).Select(real.Get).ToList();
        var realTest = realPicks.Where((_, i) => i % 2 == 1).Select(real.Get).ToList();
        var fakeTrain = images.SelectMany(set => set.Where((_, i) => i % 2 == 0)).ToList();
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        for (int epoch = 1; epoch <= config.Measure.CriticEpochs; epoch++)
            last = critic.Learn(realTrain, fakeTrain, SeedSequence.For(HeldOutSeed, epoch, 2));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held-out critic: {config.Measure.CriticEpochs} epochs on {realTrain.Count} real vs {fakeTrain.Count} artist images, training accuracy {last.GetValueOrDefault("accuracy", double.NaN):F3}"));
        var fooling = images.Select(set =>
        {
            var test = set.Where((_, i) => i % 2 == 1).ToList();
            return test.Count == 0 ? double.NaN : critic.Score(test).Count(s => s >= 0.5) / (double)test.Count;
        }).ToArray();
        double realAccuracy = realTest.Count == 0 ? double.NaN : critic.Score(realTest).Count(s => s >= 0.5) / (double)realTest.Count;
        return (fooling, realAccuracy);
    }

    private static double Mean(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }
}
