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
        if (!File.Exists(_path)) return;
        foreach (var line in File.ReadLines(_path).Skip(1))
        {
            int comma = line.IndexOf(',');
            if (comma > 0 && int.TryParse(line[..comma], CultureInfo.InvariantCulture, out int g) && g <= state.Generation)
                _rows.Add(Pad(line));
        }
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
