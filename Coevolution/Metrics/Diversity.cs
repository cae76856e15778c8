using System.Numerics.Tensors;
using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Metrics;

/// <summary>How different a population's images are from each other.</summary>
public static class Diversity
{
    /// <summary>Pairs compared at most by default; above this the pairs are subsampled evenly.</summary>
    public const int DefaultMaxPairs = 4096;

    /// <summary>
    /// Root-mean-square pixel distance between two images of the same size: sqrt(mean over all 3·W·H values of (a−b)²).
    /// </summary>
    public static double RmsDistance(Image a, Image b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
            throw new ArgumentException($"images differ in size: {a.Width}x{a.Height} vs {b.Width}x{b.Height}");
        return TensorPrimitives.Distance<float>(a.Data, b.Data) / Math.Sqrt(a.Data.Length);
    }

    /// <summary>
    /// Mean of <see cref="RmsDistance"/> over unordered pairs of distinct images (0 for fewer than two).
    /// With more than <paramref name="maxPairs"/> pairs, <paramref name="maxPairs"/> pairs evenly spaced in the
    /// lexicographic order of (i, j), i &lt; j, are used instead, so the result is deterministic.
    /// </summary>
    public static double MeanPairwiseDistance(IReadOnlyList<Image> images, int maxPairs = DefaultMaxPairs)
    {
        if (maxPairs < 1) throw new ArgumentOutOfRangeException(nameof(maxPairs), $"maxPairs must be at least 1, got {maxPairs}");
        int n = images.Count;
        if (n < 2) return 0;
        long total = (long)n * (n - 1) / 2;
        long used = Math.Min(total, maxPairs);
        double sum = 0;
        for (long k = 0; k < used; k++)
        {
            long p = used == total ? k : k * total / used;
            var (i, j) = PairAt(p, n);
            sum += RmsDistance(images[i], images[j]);
        }
        return sum / used;
    }

    /// <summary>The <paramref name="p"/>-th pair (0-based) in the order (0,1), (0,2) … (0,n−1), (1,2) ….</summary>
    internal static (int I, int J) PairAt(long p, int n)
    {
        int i = 0;
        long rowLength = n - 1;
        while (p >= rowLength)
        {
            p -= rowLength;
            i++;
            rowLength--;
        }
        return (i, i + 1 + (int)p);
    }
}
