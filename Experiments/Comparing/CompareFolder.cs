using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coevo.Coevolution;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Comparing;

/// <summary>How far one cell's run has got.</summary>
public enum CellStatus
{
    /// <summary>No run folder yet (or one a run left unused).</summary>
    NotStarted,
    /// <summary>A run folder whose run has not reached its budget: it is resumed.</summary>
    Partial,
    /// <summary>The run reached its budget.</summary>
    Finished,
}

/// <summary>
/// A comparison's folder: <c>compare.yaml</c> (a copy of the matrix) with <c>compare.json</c> (where its relative paths
/// start), <c>configs/ID.yaml</c> (each cell's full experiment config), <c>runs/ID/</c> (each cell's ordinary run
/// folder, resumable with <c>coevo run --resume</c>), <c>logs/ID.txt</c> (each cell's console output) and, once
/// measured, <c>cells.csv</c>, <c>comparison.csv</c>, <c>comparison.md</c> and <c>report.html</c>.
/// </summary>
public static partial class CompareFolder
{
    /// <summary>File and folder names inside a comparison folder.</summary>
    public const string ConfigCopy = "compare.yaml", Origin = "compare.json", Configs = "configs", Runs = "runs", Logs = "logs";

    private sealed record OriginInfo(string BaseDirectory, string Source);

    /// <summary>
    /// Makes <paramref name="dir"/> a comparison folder for <paramref name="config"/>, or checks that it already is
    /// this comparison's (so running again continues it). Writes every cell's config.
    /// </summary>
    public static void Prepare(string dir, CompareConfig config)
    {
        string text = File.ReadAllText(config.File);
        string copy = Path.Combine(dir, ConfigCopy);
        if (File.Exists(copy))
        {
            if (File.ReadAllText(copy) != text)
                throw new InputException($"holds another comparison ({ConfigCopy} differs from {config.File}); choose another folder, or continue it with coevo compare --resume", dir);
        }
        else if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new InputException("is not empty and holds no comparison; nothing is overwritten: choose another folder", dir);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, Configs));
        Directory.CreateDirectory(Path.Combine(dir, Runs));
        Directory.CreateDirectory(Path.Combine(dir, Logs));
        AtomicFile.WriteAllText(Path.Combine(dir, Origin), JsonSerializer.Serialize(new OriginInfo(config.BaseDirectory, Path.GetFullPath(config.File))));
        AtomicFile.WriteAllText(copy, text);
        foreach (var cell in config.Cells)
            AtomicFile.WriteAllText(ConfigOf(dir, cell), cell.Config.ToYaml());
    }

    /// <summary>Reads the comparison a folder holds; a folder that holds none is an <see cref="InputException"/>.</summary>
    public static CompareConfig Open(string dir)
    {
        if (!Directory.Exists(dir)) throw new InputException("comparison folder not found", dir);
        string copy = Path.Combine(dir, ConfigCopy), origin = Path.Combine(dir, Origin);
        if (!File.Exists(copy)) throw new InputException($"not a comparison folder: {ConfigCopy} is missing", dir);
        string? baseDirectory = null;
        if (File.Exists(origin))
        {
            try { baseDirectory = JsonSerializer.Deserialize<OriginInfo>(File.ReadAllText(origin))?.BaseDirectory; }
            catch (JsonException e) { throw new InputException($"is not valid JSON: {e.Message}", origin, inner: e); }
        }
        return CompareConfig.Load(copy, baseDirectory);
    }

    /// <summary>The cell's config file.</summary>
    public static string ConfigOf(string dir, CompareCell cell) => Path.Combine(dir, Configs, cell.Id + ".yaml");
    /// <summary>The cell's run folder.</summary>
    public static string RunOf(string dir, CompareCell cell) => Path.Combine(dir, Runs, cell.Id);
    /// <summary>The cell's console log.</summary>
    public static string LogOf(string dir, CompareCell cell) => Path.Combine(dir, Logs, cell.Id + ".txt");

    /// <summary>Where the cell's run stands, read from its newest checkpoint.</summary>
    public static (CellStatus Status, RunState? State) StatusOf(string dir, CompareCell cell)
    {
        string run = RunOf(dir, cell);
        if (!Directory.Exists(run) || RunFolder.IsUnused(run)) return (CellStatus.NotStarted, null);
        var state = NewestState(run, cell);
        if (state is null) return (CellStatus.Partial, null);
        bool reached = ExperimentRunner.Termination(cell.Config.Budget).HasReached(state.Progress(state.BestEver, state.BestEver));
        return (reached || EndedComplete(run) ? CellStatus.Finished : CellStatus.Partial, state);
    }

    /// <summary>True when the run's log says its last part ended complete (a schedule can end before the budget, e.g. after its cycles).</summary>
    private static bool EndedComplete(string run)
    {
        string log = Path.Combine(run, RunFolder.LogFile);
        if (!File.Exists(log)) return false;
        string? last = File.ReadLines(log).LastOrDefault(l => l.Contains(" run ", StringComparison.Ordinal) && RunEvent().IsMatch(l));
        return last is not null && last.Contains(" run finished ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\S+ \S+ run (finished|interrupted|failed|started|resumed)\b")]
    private static partial Regex RunEvent();

    private static RunState? NewestState(string run, CompareCell cell)
    {
        var schedule = (ISchedule)cell.Config.Schedule.Create(cell.Config.Context);
        var checkpoints = new Checkpointer(Path.Combine(run, RunFolder.Checkpoints)) { Prefix = SampleSheetReporter.Prefix(schedule.UnitName) + "-" };
        if (checkpoints.Newest is not { } newest) return null;
        string file = Path.Combine(newest, Checkpointer.StateFile);
        return RunState.FromJson(File.ReadAllText(file), file);
    }

    /// <summary>"12 of 18 cells finished".</summary>
    public static string Tally(int finished, int total) => string.Create(CultureInfo.InvariantCulture, $"{finished} of {total} cells finished");
}
