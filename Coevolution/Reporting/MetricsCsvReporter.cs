using System.Globalization;
using System.Text;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Writes <c>metrics.csv</c>, one row per generation, replacing the file atomically after each row so a crash never
/// leaves a torn line. On resume, rows after the checkpoint's generation (written after it, then lost) are dropped.
/// </summary>
public sealed class MetricsCsvReporter : RunReporter
{
    /// <summary>The CSV header.</summary>
    public const string Header = "generation,best,mean,std,diversity,best_ever,elapsed_s";

    private readonly string _path;
    private readonly List<string> _rows = new();

    /// <summary>Writes to <paramref name="path"/>, keeping existing rows up to the resumed generation.</summary>
    public MetricsCsvReporter(string path) => _path = path;

    /// <inheritdoc />
    public override void Started(RunState state)
    {
        _rows.Clear();
        if (!File.Exists(_path)) return;
        foreach (var line in File.ReadLines(_path).Skip(1))
        {
            int comma = line.IndexOf(',');
            if (comma > 0 && int.TryParse(line[..comma], CultureInfo.InvariantCulture, out int g) && g <= state.Generation)
                _rows.Add(line);
        }
    }

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r)
    {
        _rows.Add(string.Join(',',
            r.Generation.ToString(CultureInfo.InvariantCulture), F(r.Best), F(r.Mean), F(r.Std), F(r.Diversity),
            F(r.State.BestEver), r.State.ElapsedSeconds.ToString("F3", CultureInfo.InvariantCulture)));
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var row in _rows) sb.Append(row).Append('\n');
        AtomicFile.WriteAllText(_path, sb.ToString());
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
