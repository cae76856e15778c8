using System.Globalization;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics;

/// <summary>How the sample-based measures are computed.</summary>
/// <param name="KidSubsets">Subsets KID is averaged over (Bińkowski et al. use 100).</param>
/// <param name="KidSubsetSize">Images per side in one KID subset (at most half the smaller set).</param>
/// <param name="NearestK">k of the k-NN manifolds of precision and recall.</param>
/// <param name="Seed">Seeds the KID subsets.</param>
public sealed record MetricOptions(int KidSubsets = 100, int KidSubsetSize = 1000, int NearestK = PrecisionRecall.DefaultK, long Seed = 0);

/// <summary>
/// How close generated images are to real ones, measured in the feature space of one network (named in
/// <see cref="Features"/>; every figure must say which).
/// </summary>
/// <param name="Fid">Fréchet distance between Gaussians fitted to the two feature sets (0 = same mean and covariance; lower is better).</param>
/// <param name="Kid">Unbiased squared MMD with the cubic polynomial kernel, mean over subsets (≈ 0 for the same distribution).</param>
/// <param name="KidStd">Standard deviation of <see cref="Kid"/> over its subsets.</param>
/// <param name="Precision">Fraction of generated images that fall inside the real images' k-NN manifold (realism).</param>
/// <param name="Recall">Fraction of real images that fall inside the generated images' k-NN manifold (coverage).</param>
/// <param name="Diversity">
/// Mean Euclidean distance between the feature vectors of two different generated images: 0 when every image is the
/// same, larger when they differ more. Compare it with the same figure for real images.
/// </param>
/// <param name="NReal">Real images measured.</param>
/// <param name="NFake">Generated images measured.</param>
/// <param name="Features">The feature network's name, e.g. <c>coevo-fashion-mnist</c>.</param>
/// <param name="FidDiagonal">ε added to the covariance diagonals for FID (0 when none was needed).</param>
/// <param name="Warnings">What makes the figures less trustworthy, in words.</param>
public sealed record MetricSet(double Fid, double Kid, double KidStd, double Precision, double Recall, double Diversity,
    int NReal, int NFake, string Features, double FidDiagonal, IReadOnlyList<string> Warnings)
{
    /// <summary>The column names the figures take in <c>metrics.csv</c> of a run (diversity becomes <c>feature_diversity</c>, apart from the pixel diversity of evolution).</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["fid", "kid", "kid_std", "precision", "recall", "feature_diversity"];

    /// <summary>The figures in the order of <see cref="CsvColumns"/>.</summary>
    public IReadOnlyList<double> CsvValues => [Fid, Kid, KidStd, Precision, Recall, Diversity];

    /// <summary>All measures between two feature sets [N, D] (float32 rows on one device).</summary>
    public static MetricSet Compute(Tensor real, Tensor fake, string features, MetricOptions? options = null)
    {
        options ??= new MetricOptions();
        if (real.shape[1] != fake.shape[1])
            throw new ArgumentException($"real features have {real.shape[1]} dimensions, generated ones {fake.shape[1]}: were they made by the same network?");
        int minimum = options.NearestK + 1;
        if (real.shape[0] < minimum || fake.shape[0] < minimum)
            throw new InputException($"need at least {minimum} images on each side to measure (got {real.shape[0]} real, {fake.shape[0]} generated)");
        var fid = FrechetDistance.Compute(real, fake);
        var (kid, kidStd) = KernelInceptionDistance.Compute(real, fake, options.KidSubsets, options.KidSubsetSize, options.Seed);
        var (precision, recall) = PrecisionRecall.Compute(real, fake, options.NearestK, out double diversity);
        return new MetricSet(fid.Value, kid, kidStd, precision, recall, diversity, (int)real.shape[0], (int)fake.shape[0], features, fid.DiagonalAdded, fid.Warnings);
    }

    /// <summary>All measures between two feature matrices, computed on <paramref name="device"/>.</summary>
    public static MetricSet Compute(FeatureMatrix real, FeatureMatrix fake, string features, Device device, MetricOptions? options = null)
    {
        using var r = real.ToTensor(device);
        using var f = fake.ToTensor(device);
        return Compute(r, f, features, options);
    }

    /// <summary>One line: <c>fid=… kid=… kid_std=… precision=… recall=… diversity=… n_real=… n_fake=… features=…</c>.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"fid={Fid:F4} kid={Kid:F6} kid_std={KidStd:F6} precision={Precision:F4} recall={Recall:F4} diversity={Diversity:F4} n_real={NReal} n_fake={NFake} features={Features}");
}
