using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;
using Coevo.Critics.Features;

namespace Coevo.Critics.Novelty;

/// <summary>How the novelty critic turns the distance to what it has seen into a score.</summary>
public enum NoveltyResponse
{
    /// <summary>The more novel the better: d / (d + half_distance), in [0,1).</summary>
    Novelty,
    /// <summary>Saunders' hedonic (Wundt) curve: moderate novelty is best, too much is punished; in (−1,1).</summary>
    Wundt,
}

/// <summary>Options of the <c>novelty</c> critic.</summary>
[Description("novelty: distance in feature space to an archive of earlier artist images (Saunders' curious agents)")]
public sealed class NoveltyCriticOptions : IValidatableObject
{
    [Description("nearest archived images whose mean distance is an image's novelty")]
    [Range(1, 10000)]
    public int K { get; set; } = 5;

    [Description("most feature vectors kept; beyond it, a seeded reservoir sample of everything seen")]
    [Range(1, 10_000_000)]
    public int ArchiveSize { get; set; } = 1000;

    [Description("feature-space distance that scores 0.5 (response: novelty)")]
    [Range(1e-9, 1000.0)]
    public double HalfDistance { get; set; } = 0.1;

    [Description("novelty (more is better) or wundt (Saunders' hedonic curve: moderate novelty is best)")]
    public NoveltyResponse Response { get; set; } = NoveltyResponse.Novelty;

    [Description("distance at which the Wundt curve's reward is half on (response: wundt)")]
    [Range(0.0, 1000.0)]
    public double RewardAt { get; set; } = 0.1;

    [Description("distance at which the Wundt curve's punishment is half on (response: wundt; above reward_at)")]
    [Range(0.0, 1000.0)]
    public double PunishAt { get; set; } = 0.3;

    [Description("steepness of the Wundt curve's two sigmoids, per unit distance (response: wundt)")]
    [Range(0.001, 1e6)]
    public double Slope { get; set; } = 30;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Problem() is { } problem) yield return new ValidationResult(problem);
    }

    /// <summary>A problem between keys (null when none).</summary>
    public string? Problem() => Response == NoveltyResponse.Wundt && !(PunishAt > RewardAt)
        ? $"punish_at ({PunishAt}) must be above reward_at ({RewardAt}) for the Wundt curve" : null;
}

/// <summary>
/// Scores by novelty, after Saunders' curious agents (Saunders &amp; Gero 2001; Saunders 2002): an image's novelty N is
/// the mean Euclidean distance from its <see cref="ImageFeatures"/> vector to its k nearest neighbours in an archive
/// of feature vectors of images seen before (k shrinks to the archive's size; an empty archive makes every image
/// infinitely novel). The score is N / (N + half_distance), or with <c>response: wundt</c> Saunders' hedonic function
/// H(N) = F⁺(N) − F⁻(N), with F±(N) = 1 / (1 + e^(−slope·(N − N±))), N⁺ = reward_at and N⁻ = punish_at: a Wundt curve
/// that rewards moderate novelty and punishes too much.
/// <para>
/// <see cref="Learn"/> adds the artist images to the archive; real images are only scored. The archive holds at most
/// <c>archive_size</c> vectors: once full it is a reservoir sample (Vitter's algorithm R) of every image ever added,
/// the choices drawn from the <see cref="Random"/> passed to Learn. The checkpoint holds the archive and the count seen.
/// </para>
/// </summary>
public sealed class NoveltyCritic : ILearningCritic
{
    /// <summary>The checkpoint file inside a checkpoint folder.</summary>
    public const string CheckpointFile = "novelty.json";
    private const string FormatTag = "coevo.novelty_critic";
    private const int FormatVersion = 1;

    private readonly NoveltyCriticOptions _options;
    private readonly int _threads;
    private List<double[]> _archive = [];

    /// <summary>A critic with an empty archive.</summary>
    public NoveltyCritic(NoveltyCriticOptions options, int threads = 1)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Problem() is { } problem) throw new InputException($"critic: {problem}");
        _threads = Math.Max(1, threads);
    }

    /// <summary>The registry factory.</summary>
    public static NoveltyCritic Create(NoveltyCriticOptions options, ComponentContext context) => new(options, context.Threads);

    /// <summary>The archived feature vectors (do not change them).</summary>
    public IReadOnlyList<double[]> Archive => _archive;

    /// <summary>How many images were ever added (the archive keeps a sample of them).</summary>
    public long Seen { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Score(_options, _archive, ImageFeatures.OfAll(images, _threads));

    /// <summary>The novelty N of one feature vector: the mean distance to its k nearest archived vectors (∞ for an empty archive).</summary>
    public static double Novelty(IReadOnlyList<double[]> archive, ReadOnlySpan<double> features, int k)
    {
        if (archive.Count == 0) return double.PositiveInfinity;
        k = Math.Min(k, archive.Count);
        // The k smallest squared distances, kept sorted by insertion (k is small).
        Span<double> nearest = k <= 256 ? stackalloc double[k] : new double[k];
        nearest.Fill(double.PositiveInfinity);
        foreach (var a in archive)
        {
            double d = 0;
            for (int j = 0; j < features.Length; j++) { double t = a[j] - features[j]; d += t * t; }
            if (d >= nearest[k - 1]) continue;
            int at = k - 1;
            while (at > 0 && nearest[at - 1] > d) { nearest[at] = nearest[at - 1]; at--; }
            nearest[at] = d;
        }
        double sum = 0;
        foreach (double d in nearest) sum += Math.Sqrt(d);
        return sum / k;
    }

    /// <summary>The score of novelty <paramref name="n"/> under <paramref name="options"/>' response.</summary>
    public static double Response(NoveltyCriticOptions options, double n)
    {
        if (options.Response == NoveltyResponse.Novelty)
            return double.IsPositiveInfinity(n) ? 1 : n / (n + options.HalfDistance);
        return Sigmoid(options.Slope * (n - options.RewardAt)) - Sigmoid(options.Slope * (n - options.PunishAt));
    }

    private static double Sigmoid(double x) => double.IsPositiveInfinity(x) ? 1 : 1 / (1 + Math.Exp(-x));

    internal static double[] Score(NoveltyCriticOptions options, IReadOnlyList<double[]> archive, double[][] features)
    {
        var scores = new double[features.Length];
        for (int i = 0; i < scores.Length; i++) scores[i] = Response(options, Novelty(archive, features[i], options.K));
        return scores;
    }

    /// <summary>
    /// Adds <paramref name="fake"/> to the archive (a reservoir sample once full). Returns <c>accuracy</c> (after adding:
    /// the mean of the shares of real images scoring at least 0.5 and of artist images below it, over the classes
    /// given), <c>fake_novelty</c> (the artist
    /// images' mean score before they were added), <c>archive_size</c> and <c>seen</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<Image> real, IReadOnlyList<Image> fake, Random rng)
    {
        var fakeFeatures = ImageFeatures.OfAll(fake, _threads);
        double before = fake.Count == 0 ? double.NaN : Score(_options, _archive, fakeFeatures).Average();
        foreach (var f in fakeFeatures) Add(f, rng);
        var rates = new List<double>();
        if (real.Count > 0) rates.Add(Score(_options, _archive, ImageFeatures.OfAll(real, _threads)).Count(s => s >= 0.5) / (double)real.Count);
        if (fake.Count > 0) rates.Add(Score(_options, _archive, fakeFeatures).Count(s => s < 0.5) / (double)fake.Count);
        return new Dictionary<string, double>
        {
            ["accuracy"] = rates.Count == 0 ? double.NaN : rates.Average(),
            ["fake_novelty"] = before,
            ["archive_size"] = _archive.Count,
            ["seen"] = Seen,
        };
    }

    /// <summary>Adds one feature vector (Vitter's algorithm R once the archive is full).</summary>
    private void Add(double[] features, Random rng)
    {
        Seen++;
        if (_archive.Count < _options.ArchiveSize) { _archive.Add(features); return; }
        long j = rng.NextInt64(Seen);
        if (j < _options.ArchiveSize) _archive[(int)j] = features;
    }

    /// <inheritdoc />
    public ICritic Freeze() => new NoveltySnapshot(_options, [.. _archive], _threads);

    /// <inheritdoc />
    public void SaveCheckpoint(string directory) =>
        CheckpointJson.Write(Path.Combine(directory, CheckpointFile), FormatTag, FormatVersion, w =>
        {
            ImageFeatures.WriteNames(w);
            w.WriteNumber("seen", Seen);
            w.WriteStartArray("archive");
            foreach (var v in _archive)
            {
                w.WriteStartArray();
                foreach (double x in v) w.WriteNumberValue(x);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        });

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote; nothing changes unless the whole file reads correctly.</summary>
    public void LoadCheckpoint(string directory)
    {
        string path = Path.Combine(directory, CheckpointFile);
        using var doc = CheckpointJson.Read(path, FormatTag, FormatVersion, "novelty critic");
        var root = doc.RootElement;
        ImageFeatures.CheckNames(root, path);
        long seen = CheckpointJson.Long(root, "seen", path);
        var archive = new List<double[]>();
        int i = 0;
        foreach (var row in CheckpointJson.Array(root, "archive", path).EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != ImageFeatures.Count)
                throw new InputException($"archive entry {i} must be an array of {ImageFeatures.Count} numbers", path);
            var v = new double[ImageFeatures.Count];
            int j = 0;
            foreach (var x in row.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out v[j]) || !double.IsFinite(v[j]))
                    throw new InputException($"archive entry {i} value {j} is not a finite number: {x.GetRawText()}", path);
                j++;
            }
            archive.Add(v);
            i++;
        }
        if (archive.Count > _options.ArchiveSize)
            throw new InputException($"checkpoint archive holds {archive.Count} vectors, more than archive_size {_options.ArchiveSize}", path);
        if (seen < archive.Count) throw new InputException($"\"seen\" ({seen}) is less than the archive's size ({archive.Count})", path);
        _archive = archive;
        Seen = seen;
    }
}

/// <summary>A frozen novelty critic for the hall of fame: its archive as it was, never growing.</summary>
public sealed class NoveltySnapshot(NoveltyCriticOptions options, IReadOnlyList<double[]> archive, int threads = 1) : ICritic
{
    /// <inheritdoc />
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => NoveltyCritic.Score(options, archive, ImageFeatures.OfAll(images, threads));
}
