using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Columns that something adds to <c>metrics.csv</c> besides the score statistics: figures measured during the run
/// (FID against the data set every N generations, a GAN's losses). Cells of generations it does not measure stay empty.
/// </summary>
public interface IMetricColumns
{
    /// <summary>The column names, fixed for the run.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>One value per column for the unit just done; NaN leaves a cell empty.</summary>
    IReadOnlyList<double> Measure(UnitReport report);
}
