namespace Coevo.Coevolution.Metrics;

/// <summary>
/// Summary of one generation's fitness, over the values that are numbers (NaN is left out and counted).
/// <see cref="Std"/> is the population standard deviation (divides by the count).
/// All statistics are NaN when no value is a number.
/// </summary>
public readonly record struct FitnessStats(double Best, double Mean, double Std, double Median, int Count, int NaNCount)
{
    /// <summary>The statistics of <paramref name="fitness"/>.</summary>
    public static FitnessStats Of(IReadOnlyList<double> fitness)
    {
        var values = fitness.Where(f => !double.IsNaN(f)).ToArray();
        int nan = fitness.Count - values.Length;
        if (values.Length == 0) return new FitnessStats(double.NaN, double.NaN, double.NaN, double.NaN, 0, nan);
        Array.Sort(values);
        double mean = values.Average();
        double var = 0;
        foreach (double v in values) var += (v - mean) * (v - mean);
        var /= values.Length;
        int m = values.Length / 2;
        double median = values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
        return new FitnessStats(values[^1], mean, Math.Sqrt(var), median, values.Length, nan);
    }
}
