namespace Coevo.Coevolution.Evolution;

/// <summary>Tournament selection: each pick is the best of <c>size</c> individuals drawn uniformly with replacement.</summary>
public sealed class TournamentSelection : ISelection
{
    /// <summary>Individuals per tournament.</summary>
    public int Size { get; }

    /// <summary>A tournament of <paramref name="size"/> (1 = uniform random choice).</summary>
    public TournamentSelection(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), $"tournament size must be at least 1, got {size}");
        Size = size;
    }

    /// <inheritdoc/>
    public int[] Select(IReadOnlyList<double> fitness, int count, Random rng)
    {
        Selections.Check(fitness, count);
        if (count == 0) return [];
        var picks = new int[count];
        for (int p = 0; p < count; p++)
        {
            int best = rng.Next(fitness.Count);
            for (int k = 1; k < Size; k++)
            {
                int c = rng.Next(fitness.Count);
                if (FitnessRanking.IsBetter(fitness[c], fitness[best])) best = c;
            }
            picks[p] = best;
        }
        return picks;
    }
}

/// <summary>Truncation selection: uniformly from the best <c>fraction</c> of the population (at least one individual).</summary>
public sealed class TruncationSelection : ISelection
{
    /// <summary>Fraction of the population parents come from.</summary>
    public double Fraction { get; }

    /// <summary>Parents from the top <paramref name="fraction"/> (0 &lt; fraction &lt;= 1).</summary>
    public TruncationSelection(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), $"truncation fraction must be in (0, 1], got {fraction}");
        Fraction = fraction;
    }

    /// <summary>How many individuals of <paramref name="n"/> are eligible: ceil(fraction * n), at least 1.</summary>
    public int Eligible(int n) => Math.Clamp((int)Math.Ceiling(Fraction * n - 1e-9), 1, n);

    /// <inheritdoc/>
    public int[] Select(IReadOnlyList<double> fitness, int count, Random rng)
    {
        Selections.Check(fitness, count);
        if (count == 0) return [];
        int[] order = FitnessRanking.Order(fitness);
        int keep = Eligible(fitness.Count);
        var picks = new int[count];
        for (int p = 0; p < count; p++) picks[p] = order[rng.Next(keep)];
        return picks;
    }
}

/// <summary>
/// Roulette-wheel selection: probability proportional to <see cref="FitnessRanking.PositiveWeights"/>
/// (the fitness itself when none is negative, else shifted by the minimum). All-zero weights fall back to uniform.
/// </summary>
public sealed class FitnessProportionalSelection : ISelection
{
    /// <inheritdoc/>
    public int[] Select(IReadOnlyList<double> fitness, int count, Random rng)
    {
        Selections.Check(fitness, count);
        if (count == 0) return [];
        double[] w = FitnessRanking.PositiveWeights(fitness);
        double max = w.Max();
        if (max > 0) for (int i = 0; i < w.Length; i++) w[i] /= max; // the total cannot overflow
        var cumulative = new double[w.Length];
        double total = 0;
        for (int i = 0; i < w.Length; i++) { total += w[i]; cumulative[i] = total; }
        var picks = new int[count];
        if (!(total > 0) || double.IsInfinity(total))
        {
            for (int p = 0; p < count; p++) picks[p] = rng.Next(w.Length);
            return picks;
        }
        for (int p = 0; p < count; p++)
        {
            double r = rng.NextDouble() * total;
            // First index whose cumulative weight exceeds r: never one with zero weight.
            int lo = 0, hi = w.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (cumulative[mid] > r) hi = mid; else lo = mid + 1;
            }
            picks[p] = lo;
        }
        return picks;
    }
}

/// <summary>Builds the <see cref="ISelection"/> that <see cref="EvolutionOptions.Selection"/> names.</summary>
public static class Selections
{
    /// <summary>The selection configured by <paramref name="options"/>.</summary>
    public static ISelection FromOptions(EvolutionOptions options) => options.Selection switch
    {
        SelectionKind.Tournament => new TournamentSelection(options.TournamentSize),
        SelectionKind.Truncation => new TruncationSelection(options.Truncation),
        SelectionKind.FitnessProportional => new FitnessProportionalSelection(),
        _ => throw new ArgumentOutOfRangeException(nameof(options), $"unknown selection {options.Selection}"),
    };

    internal static void Check(IReadOnlyList<double> fitness, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"count must not be negative, got {count}");
        if (fitness.Count == 0 && count > 0) throw new ArgumentException("cannot select from an empty population", nameof(fitness));
    }
}
