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
        var realRadii = Radii(real, k, out _);
        var fakeRadii = Radii(fake, k, out fakeMeanDistance);
        using (realRadii)
        using (fakeRadii)
            return (Coverage(fake, real, realRadii), Coverage(real, fake, fakeRadii));
    }

    /// <summary>
    /// Each row's distance to its <paramref name="k"/>-th nearest other row [N], and, as a by-product, the mean
    /// distance over all pairs of distinct rows (<paramref name="meanPairwise"/>; what <c>diversity</c> reports).
    /// </summary>
    public static Tensor Radii(Tensor points, int k, out double meanPairwise)
    {
        long n = points.shape[0];
        if (n < k + 1) throw new ArgumentException($"precision/recall with k = {k} needs at least {k + 1} images on each side, got {n}");
        var radii = new List<Tensor>();
        double sum = 0;
        using var squared = points.square().sum(1);                                  // [N]
        for (long start = 0; start < n; start += BlockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(BlockRows, n - start);
            var distances = Distances(points.narrow(0, start, rows), points, squared.narrow(0, start, rows), squared); // [rows, N]
            // the row itself is at distance ~0, so the k-th neighbour is the (k+1)-th smallest
            radii.Add(distances.topk(k + 1, dim: 1, largest: false).values.select(1, k).MoveToOuterDisposeScope()); // [rows]
            var self = distances.narrow(1, start, rows).diagonal();                 // ~0 up to rounding
            sum += distances.sum().to(ScalarType.Float64).item<double>() - self.sum().to(ScalarType.Float64).item<double>();
        }
        meanPairwise = sum / ((double)n * (n - 1));
        var result = cat(radii, 0);
        foreach (var r in radii) r.Dispose();
        return result;
    }

    /// <summary>Fraction of <paramref name="query"/> rows within the ball of at least one row of <paramref name="manifold"/>.</summary>
    public static double Coverage(Tensor query, Tensor manifold, Tensor radii)
    {
        using var querySquared = query.square().sum(1);
        using var manifoldSquared = manifold.square().sum(1);
        long inside = 0;
        for (long start = 0; start < query.shape[0]; start += BlockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(BlockRows, query.shape[0] - start);
            var distances = Distances(query.narrow(0, start, rows), manifold, querySquared.narrow(0, start, rows), manifoldSquared); // [rows, M]
            inside += (distances <= radii.unsqueeze(0)).any(1).sum().item<long>();
        }
        return (double)inside / query.shape[0];
    }

    /// <summary>Euclidean distances [A, B] from √(‖a‖² + ‖b‖² − 2aᵀb), clamped at 0 against rounding.</summary>
    private static Tensor Distances(Tensor a, Tensor b, Tensor aSquared, Tensor bSquared) =>
        (aSquared.unsqueeze(1) + bSquared.unsqueeze(0) - 2 * a.mm(b.t())).clamp_min(0).sqrt();
}
