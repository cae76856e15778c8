using System.Globalization;
using System.Text;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Writes <c>metrics.csv</c>, one row per generation, replacing the file atomically after each row so a crash never
/// leaves a torn line. On resume, rows after the checkpoint's generation (written after it, then lost) are dropped.
/// Columns from <see cref="IMetricColumns"/> (e.g. FID) follow the standard ones.
/// </summary>
public sealed class MetricsCsvReporter : RunReporter
{
    /// <summary>The standard CSV header.</summary>
    public const string Header = "generation,best,mean,std,diversity,best_ever,elapsed_s";

    private readonly string _path;
    private readonly IReadOnlyList<IMetricColumns> _extra;
    private readonly List<string> _rows = new();

    /// <summary>Writes to <paramref name="path"/>, keeping existing rows up to the resumed generation; <paramref name="extra"/> adds columns.</summary>
    public MetricsCsvReporter(string path, IReadOnlyList<IMetricColumns>? extra = null)
    {
        _path = path;
        _extra = extra ?? [];
    }

    /// <summary>This file's header: the standard columns, then the extra ones.</summary>
    public string FullHeader => string.Join(',', _extra.SelectMany(e => e.Columns).Prepend(Header));

    /// <inheritdoc />
    public override void Started(RunState state)
    {
        _rows.Clear();
        _rows.AddRange(Rows(_path, state.Generation).Select(Pad));
    }

    /// <summary>
    /// The rows of generations 1 to <paramref name="generation"/> in an existing <c>metrics.csv</c> (rows after it were
    /// written after the checkpoint, then lost to a kill, and are dropped). A file that is missing when rows are
    /// needed, has another header, a malformed row, a gap, or fewer rows than <paramref name="generation"/> is an
    /// <see cref="InputException"/> naming it: the run's history and its checkpoint must agree.
    /// </summary>
    public static IReadOnlyList<string> Rows(string path, int generation)
    {
        var rows = new List<string>();
        if (!File.Exists(path))
        {
            if (generation == 0) return rows;
            throw new InputException($"is missing, but the checkpoint is at generation {generation}", path);
        }
        var lines = IO.InputFile.ReadText(path, "metrics file", maxBytes: 1L << 30).Split('\n');
        string header = lines[0].TrimEnd('\r');
        if (header != Header && !header.StartsWith(Header + ",", StringComparison.Ordinal))
            throw new InputException($"does not start with the header {Header}", path, 1, 1);
        int columns = header.Split(',').Length, standard = Header.Split(',').Length;
        for (int i = 1; i < lines.Length && rows.Count < generation; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0 && i == lines.Length - 1) break;
            var cells = line.Split(',');
            if (cells.Length != columns || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out int g)
                || cells.Skip(1).Select((c, k) => (c, k)).Any(x => !(x.k + 1 >= standard && x.c.Length == 0)
                    && !double.TryParse(x.c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new InputException($"row {i} is not {columns} numbers: '{(line.Length > 80 ? line[..80] + "..." : line)}'", path, i + 1, 1);
            if (g != rows.Count + 1)
                throw new InputException($"row {i} is generation {g}, expected {rows.Count + 1}", path, i + 1, 1);
            rows.Add(line);
        }
        if (rows.Count < generation)
            throw new InputException($"ends at generation {rows.Count}, but the checkpoint is at generation {generation}", path);
        return rows;
    }

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r)
    {
        var extra = _extra.SelectMany(e => e.Measure(r)).Select(v => double.IsNaN(v) ? "" : F(v));
        _rows.Add(string.Join(',', new[]
        {
            r.Generation.ToString(CultureInfo.InvariantCulture), F(r.Best), F(r.Mean), F(r.Std), F(r.Diversity),
            F(r.State.BestEver), r.State.ElapsedSeconds.ToString("F3", CultureInfo.InvariantCulture),
        }.Concat(extra)));
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

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
