namespace Coevo.Coevolution.Evolution;

/// <summary>
/// Orders and weighs fitness values (higher is better) robustly: NaN ranks below every number,
/// ties keep the lower index first, and weights are shifted so none is negative.
/// </summary>
public static class FitnessRanking
{
    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/> (NaN is worst).</summary>
    public static bool IsBetter(double a, double b) => !double.IsNaN(a) && (double.IsNaN(b) || a > b);

    /// <summary>Indices sorted best first; NaN last; equal fitness keeps index order (deterministic).</summary>
    public static int[] Order(IReadOnlyList<double> fitness)
    {
        var idx = new int[fitness.Count];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        Array.Sort(idx, (i, j) =>
        {
            if (IsBetter(fitness[i], fitness[j])) return -1;
            if (IsBetter(fitness[j], fitness[i])) return 1;
            return i.CompareTo(j);
        });
        return idx;
    }

    /// <summary>Index of the best value (the first one on ties); -1 for an empty list.</summary>
    public static int BestIndex(IReadOnlyList<double> fitness)
    {
        int best = fitness.Count > 0 ? 0 : -1;
        for (int i = 1; i < fitness.Count; i++)
            if (IsBetter(fitness[i], fitness[best])) best = i;
        return best;
    }

    /// <summary>
    /// Non-negative weights for roulette-wheel selection and fitness sharing. When every finite fitness is &gt;= 0 the
    /// weights are the fitness values themselves; otherwise all are shifted by the minimum, so the worst weighs 0.
    /// NaN and -infinity weigh 0. If any fitness is +infinity, those share all the weight (1 each, the rest 0).
    /// </summary>
    public static double[] PositiveWeights(IReadOnlyList<double> fitness)
    {
        var w = new double[fitness.Count];
        if (fitness.Any(double.IsPositiveInfinity))
        {
            for (int i = 0; i < w.Length; i++) w[i] = double.IsPositiveInfinity(fitness[i]) ? 1 : 0;
            return w;
        }
        double min = double.PositiveInfinity;
        foreach (double f in fitness)
            if (double.IsFinite(f)) min = Math.Min(min, f);
        double shift = min < 0 ? -min : 0;
        for (int i = 0; i < w.Length; i++)
            w[i] = double.IsFinite(fitness[i]) ? fitness[i] + shift : 0;
        return w;
    }
}
