using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics;

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union of balls around its
/// points, each reaching to that point's k-th nearest neighbour in the same set. Precision is the fraction of
/// generated points inside the real manifold (are they realistic?); recall is the fraction of real points inside the
/// generated manifold (is the variety of the real images covered?). Distances are Euclidean, computed in blocks.
/// </summary>
public static class PrecisionRecall
{
    /// <summary>The neighbourhood size of the paper.</summary>
    public const int DefaultK = 3;

    /// <summary>Rows of the distance matrix computed at once.</summary>
    public const int BlockRows = 1024;

    /// <summary>Precision and recall of <paramref name="fake"/> against <paramref name="real"/> ([N, D] each).</summary>
    public static (double Precision, double Recall) Compute(Tensor real, Tensor fake, int k = DefaultK) => Compute(real, fake, k, out _);

    /// <summary>
    /// Precision and recall, and the mean distance between two different generated feature vectors
    /// (<paramref name="fakeMeanDistance"/>, a by-product of the generated manifold: what <c>diversity</c> reports).
    /// </summary>
    public static (double Precision, double Recall) Compute(Tensor real, Tensor fake, int k, out double fakeMeanDistance)
    {
        using var realRadii = Radii(real, k, out _, meanDistance: false);
        using var fakeRadii = Radii(fake, k, out fakeMeanDistance);
        return (Coverage(fake, real, realRadii), Coverage(real, fake, fakeRadii));
    }

    /// <summary>
    /// Each row's distance to its <paramref name="k"/>-th nearest other row [N], and (unless
    /// <paramref name="meanDistance"/> is false, then NaN) the mean distance over all pairs of distinct rows
    /// (<paramref name="meanPairwise"/>; what <c>diversity</c> reports).
    /// </summary>
    public static Tensor Radii(Tensor points, int k, out double meanPairwise, bool meanDistance = true)
    {
        long n = points.shape[0];
        if (n < k + 1) throw new ArgumentException($"precision/recall with k = {k} needs at least {k + 1} images on each side, got {n}");
        var radii = new List<Tensor>();
        double sum = 0;
        using var squared = points.square().sum(1);                                   // [N] ‖b‖²
        for (long start = 0; start < n; start += BlockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(BlockRows, n - start);
            var a = points.narrow(0, start, rows);
            var aSquared = squared.narrow(0, start, rows);
            // ‖a−b‖² − ‖a‖² = ‖b‖² − 2aᵀb orders a row's neighbours like the distance does, one fused pass
            var partial = addmm(squared.unsqueeze(0), a, points.t(), beta: 1, alpha: -2); // [rows, N]
            // the row itself is nearest (distance ~0), so the k-th neighbour is the (k+1)-th smallest
            var kth = partial.topk(k + 1, dim: 1, largest: false).values.select(1, k);     // [rows]
            radii.Add((kth + aSquared).clamp_min(0).sqrt().MoveToOuterDisposeScope());
            if (meanDistance)
            {
                var distances = partial.add_(aSquared.unsqueeze(1)).clamp_min_(0).sqrt_(); // [rows, N] in place
                sum += distances.sum(ScalarType.Float64).item<double>() - distances.narrow(1, start, rows).diagonal().sum(ScalarType.Float64).item<double>();
            }
        }
        meanPairwise = meanDistance ? sum / ((double)n * (n - 1)) : double.NaN;
        var result = cat(radii, 0);
        foreach (var r in radii) r.Dispose();
        return result;
    }

    /// <summary>Fraction of <paramref name="query"/> rows within the ball of at least one row of <paramref name="manifold"/>.</summary>
    public static double Coverage(Tensor query, Tensor manifold, Tensor radii)
    {
        // ‖q−m‖ ≤ rₘ for some m  ⇔  maxₘ (2qᵀm + rₘ² − ‖m‖²) ≥ ‖q‖²: one matrix product and one pass per block
        using var offset = radii.square() - manifold.square().sum(1);                   // [M]
        using var querySquared = query.square().sum(1);                                  // [Q]
        long inside = 0;
        for (long start = 0; start < query.shape[0]; start += BlockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(BlockRows, query.shape[0] - start);
            var best = addmm(offset.unsqueeze(0), query.narrow(0, start, rows), manifold.t(), beta: 1, alpha: 2).amax([1]); // [rows]
            inside += (best >= querySquared.narrow(0, start, rows)).sum().item<long>();
        }
        return (double)inside / query.shape[0];
    }
}
