using System.Globalization;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// A run's <c>metrics.csv</c> read back as numeric columns against its first column (generation or step). Cells that
/// are empty or not numbers (a metric measured only every N generations) read as NaN.
/// </summary>
public sealed class MetricsTable
{
    /// <summary>Name of the first column: the x axis (<c>generation</c> or <c>step</c>).</summary>
    public string XName { get; }
    /// <summary>The first column's values, one per row.</summary>
    public IReadOnlyList<double> X { get; }
    /// <summary>Every other column, in file order, with one value per row (NaN where empty).</summary>
    public IReadOnlyList<(string Name, double[] Values)> Columns { get; }

    private MetricsTable(string xName, IReadOnlyList<double> x, IReadOnlyList<(string, double[])> columns)
    {
        XName = xName;
        X = x;
        Columns = columns;
    }

    /// <summary>The values of column <paramref name="name"/>, or null when there is none.</summary>
    public double[]? this[string name] => Columns.FirstOrDefault(c => c.Name == name).Values;

    /// <summary>Reads <paramref name="path"/>; a missing or empty file gives a table without rows.</summary>
    public static MetricsTable Read(string path)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];
        if (lines.Count == 0) return new MetricsTable("generation", [], []);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        double Cell(string[] row, int c) =>
            c < row.Length && double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
        var x = rows.Select(r => Cell(r, 0)).ToList();
        var columns = Enumerable.Range(1, header.Length - 1)
            .Select(c => (header[c].Trim(), rows.Select(r => Cell(r, c)).ToArray()))
            .ToList();
        return new MetricsTable(header[0].Trim(), x, columns);
    }
}
