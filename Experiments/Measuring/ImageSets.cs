using System.Globalization;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Measuring;

/// <summary>Images named by a SPEC: a data set (possibly labelled), or pictures made by a run's artist.</summary>
/// <param name="Description">What they are, for messages.</param>
/// <param name="Dataset">The images when they come from a data set or folder.</param>
/// <param name="Images">The images when a run's artist made them.</param>
public sealed record ImageSet(string Description, IImageDataset? Dataset, IReadOnlyList<Image>? Images)
{
    /// <summary>Number of images.</summary>
    public int Count => Dataset?.Count ?? Images!.Count;
}

/// <summary>
/// Resolves the SPECs of <c>coevo metrics</c> and <c>coevo features train</c>:
/// <list type="bullet">
/// <item><c>fashion-mnist:test</c>, <c>fashion-mnist:train:class=7</c>, <c>fashion-mnist:train:class=Sneaker,Bag</c>;</item>
/// <item>a folder of PNGs (subfolders are classes);</item>
/// <item>a YAML file with a <c>data:</c> section (an experiment config), or holding just such a section;</item>
/// <item>a run folder: its latest checkpoint's population, rendered and ranked best first by the run's own critic.</item>
/// </list>
/// </summary>
public static class ImageSets
{
    /// <summary>The prefix of a Fashion-MNIST spec.</summary>
    public const string FashionMnistPrefix = "fashion-mnist";

    /// <summary>A one-paragraph description of SPEC for help texts.</summary>
    public const string SpecHelp =
        "a folder of PNGs; a run folder (its latest population, best first); or fashion-mnist:SPLIT[:class=C[,C...]] " +
        "with SPLIT train or test and C a class index 0-9 or name, e.g. fashion-mnist:test or fashion-mnist:train:class=7";

    /// <summary>
    /// Loads at most <paramref name="limit"/> images (0 = all) named by <paramref name="spec"/>. Folders are read at
    /// <paramref name="width"/> x <paramref name="height"/>, grey when <paramref name="grey"/>.
    /// </summary>
    public static ImageSet Load(string spec, int width, int height, bool grey, int limit)
    {
        if (IsRunFolder(spec)) return RunImages(spec, limit);
        var data = LoadDataset(spec, width, height, grey, limit);
        return new ImageSet(data.Name, data, null);
    }

    /// <summary>True when <paramref name="path"/> is a run folder (it has config.yaml and checkpoints/).</summary>
    public static bool IsRunFolder(string path) =>
        Directory.Exists(path) && File.Exists(Path.Combine(path, RunFolder.ConfigFile)) && Directory.Exists(Path.Combine(path, RunFolder.Checkpoints));

    /// <summary>A data set named by a spec (not a run folder); see <see cref="Load"/>.</summary>
    public static IImageDataset LoadDataset(string spec, int width, int height, bool grey, int limit)
    {
        if (spec.StartsWith(FashionMnistPrefix, StringComparison.OrdinalIgnoreCase) && !Directory.Exists(spec) && !File.Exists(spec))
            return FashionMnistSpec(spec, limit);
        if (File.Exists(spec) && (spec.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            var data = ExperimentConfig.LoadData(spec);
            var context = new ComponentContext(1, Environment.ProcessorCount, Path.GetDirectoryName(Path.GetFullPath(spec))!);
            var loaded = (IImageDataset)data.Create(context);
            return limit > 0 && loaded.Count > limit ? new SubsetDataset(loaded, Enumerable.Range(0, limit).ToArray()) : loaded;
        }
        if (Directory.Exists(spec)) return ImageFolder.Load(spec, width, height, grey, limit);
        if (File.Exists(spec)) throw new InputException("expected a folder of PNGs, a run folder, a .yaml data config or fashion-mnist:SPLIT; this is a file", spec);
        throw new InputException($"no such folder, and not a data set spec ({SpecHelp})", spec);
    }

    /// <summary>Parses <c>fashion-mnist:SPLIT[:class=C[,C...]]</c>.</summary>
    public static ByteImageDataset FashionMnistSpec(string spec, int limit)
    {
        var parts = spec.Split(':');
        if (!parts[0].Equals(FashionMnistPrefix, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"'{spec}' is not a data set spec; did you mean {FashionMnistPrefix}:test?");
        if (parts.Length < 2 || parts[1].Length == 0)
            throw new InputException($"'{spec}' needs a split: {FashionMnistPrefix}:train or {FashionMnistPrefix}:test");
        var split = parts[1].ToLowerInvariant() switch
        {
            "train" => DatasetSplit.Train,
            "test" => DatasetSplit.Test,
            _ => throw new InputException($"'{spec}': unknown split '{parts[1]}'; use train or test"),
        };
        List<string>? classes = null;
        foreach (var part in parts.Skip(2))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq];
            if (key != "class" || eq < 0 || part.Length == eq + 1)
                throw new InputException($"'{spec}': unknown part '{part}'; the only option is class=C (C an index 0-9 or a class name; several separated by commas)");
            classes = part[(eq + 1)..].Split(',').ToList();
        }
        return FashionMnist.Load(FashionMnist.DefaultDirectory, split, classes, limit);
    }

    /// <summary>
    /// The latest population of a run: the artist and critic are rebuilt from the run's config.yaml, the artist is
    /// restored from the latest checkpoint, its images are scored by the critic and the best <paramref name="limit"/>
    /// (0 = all) are kept, best first.
    /// </summary>
    public static ImageSet RunImages(string runDir, int limit)
    {
        var run = OpenedRun.Open(runDir);
        var images = RunSamples(run, limit > 0 ? limit : 1000, run.Experiment.Config.Seed);
        string what = string.Create(CultureInfo.InvariantCulture, $"run {Path.GetFileName(run.Directory)} {run.Position} ({images.Count} images{(run.Experiment.Artist is IEvolvingArtist ? ", best first" : "")})");
        return new ImageSet(what, null, images);
    }

    /// <summary>
    /// Up to <paramref name="n"/> images of an opened run: a generator's fresh samples (latent vectors of
    /// <paramref name="seed"/>), or an evolving artist's population scored by the run's critic, best first.
    /// </summary>
    public static IReadOnlyList<Image> RunSamples(OpenedRun run, int n, int seed)
    {
        var (artist, critic) = (run.Experiment.Artist, run.Experiment.Critic);
        if (artist is IDifferentiableArtist g)
        {
            using var z = LatentSpace.Draw(n, g.LatentSize, seed);
            var samples = new List<Image>(n);
            for (int start = 0; start < n; start += 500)
                using (var chunk = z.narrow(0, start, Math.Min(500, n - start)))
                    samples.AddRange(g.Render(chunk));
            return samples;
        }
        var images = artist.Produce(SeedSequence.For(run.Experiment.Config.Seed, run.State.Units));
        var scores = critic.Score(images);
        return Enumerable.Range(0, images.Count)
            .OrderByDescending(i => double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i]).ThenBy(i => i)
            .Take(n).Select(i => images[i]).ToList();
    }
}
