using System.Globalization;
using System.Text;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Writes <c>metrics.csv</c>, one row per unit of work (a generation, a step): the unit's number, the schedule's
/// columns, the elapsed seconds, then columns from <see cref="IMetricColumns"/> (e.g. FID). A figure a unit does not
/// have is an empty cell. The file is replaced atomically after each row, so a crash never leaves a torn line. On
/// resume, rows after the checkpoint (written after it, then lost) are dropped.
/// </summary>
public sealed class MetricsCsvReporter : RunReporter
{
    /// <summary>The header of an evolution run (the <c>evolve</c> schedule's columns).</summary>
    public const string Header = "generation,best,mean,std,diversity,best_ever,elapsed_s,images_judged";

    private readonly string _path;
    private readonly IReadOnlyList<string> _columns;
    private readonly IReadOnlyList<IMetricColumns> _extra;
    private readonly List<string> _rows = new();

    /// <summary>
    /// Writes to <paramref name="path"/> rows numbered by <paramref name="unitName"/> with <paramref name="columns"/>;
    /// <paramref name="extra"/> adds measured columns.
    /// </summary>
    public MetricsCsvReporter(string path, string unitName, IReadOnlyList<string> columns, IReadOnlyList<IMetricColumns>? extra = null)
    {
        _path = path;
        _columns = columns;
        _extra = extra ?? [];
        StandardHeader = string.Join(',', columns.Prepend(unitName).Append("elapsed_s").Append("images_judged"));
        FullHeader = string.Join(',', _extra.SelectMany(e => e.Columns).Prepend(StandardHeader));
    }

    /// <summary>The unit's number, the schedule's columns, elapsed_s and images_judged (the budget spent, so runs that learn differently can be compared).</summary>
    public string StandardHeader { get; }
    /// <summary>This file's header: the standard columns, then the measured ones.</summary>
    public string FullHeader { get; }

    /// <inheritdoc />
    public override void Started(RunState state)
    {
        _rows.Clear();
        _rows.AddRange(Rows(state.Units).Select(Pad));
    }

    /// <summary>
    /// The rows of units 1 to <paramref name="units"/> in an existing <c>metrics.csv</c> (rows after it were written
    /// after the checkpoint, then lost to a kill, and are dropped). A file that is missing when rows are needed, has
    /// another header, a malformed row, a gap, or fewer rows than <paramref name="units"/> is an
    /// <see cref="InputException"/> naming it: the run's history and its checkpoint must agree.
    /// </summary>
    public IReadOnlyList<string> Rows(int units)
    {
        var rows = new List<string>();
        string path = _path;
        if (!File.Exists(path))
        {
            if (units == 0) return rows;
            throw new InputException($"is missing, but the checkpoint is after {units} units", path);
        }
        var lines = InputFile.ReadText(path, "metrics file", maxBytes: 1L << 30).Split('\n');
        string header = lines[0].TrimEnd('\r');
        if (header != StandardHeader && !header.StartsWith(StandardHeader + ",", StringComparison.Ordinal))
            throw new InputException($"does not start with the header {StandardHeader}", path, 1, 1);
        int columns = header.Split(',').Length;
        for (int i = 1; i < lines.Length && rows.Count < units; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0 && i == lines.Length - 1) break;
            var cells = line.Split(',');
            if (cells.Length != columns || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out int unit)
                || cells.Skip(1).Any(c => c.Length > 0 && !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new InputException($"row {i} is not {columns} numbers or empty cells: '{(line.Length > 80 ? line[..80] + "..." : line)}'", path, i + 1, 1);
            if (unit != rows.Count + 1)
                throw new InputException($"row {i} is number {unit}, expected {rows.Count + 1}", path, i + 1, 1);
            rows.Add(line);
        }
        if (rows.Count < units)
            throw new InputException($"ends after {rows.Count} rows, but the checkpoint is after {units} units", path);
        return rows;
    }

    /// <inheritdoc />
    public override void UnitEnded(UnitReport r)
    {
        var cells = new List<string> { r.Unit.ToString(CultureInfo.InvariantCulture) };
        cells.AddRange(_columns.Select(c => F(r[c])));
        cells.Add(r.State.ElapsedSeconds.ToString("F3", CultureInfo.InvariantCulture));
        cells.Add(r.State.ImagesJudged.ToString(CultureInfo.InvariantCulture));
        cells.AddRange(_extra.SelectMany(e => e.Measure(r)).Select(F));
        _rows.Add(string.Join(',', cells));
        var sb = new StringBuilder(FullHeader).Append('\n');
        foreach (var row in _rows) sb.Append(row).Append('\n');
        AtomicFile.WriteAllText(_path, sb.ToString());
    }

    /// <summary>A kept row with empty cells for columns it lacks (when a resumed run measures more).</summary>
    private string Pad(string line)
    {
        int missing = FullHeader.Count(c => c == ',') - line.Count(c => c == ',');
        return missing > 0 ? line + new string(',', missing) : line;
    }

    private static string F(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);
}
