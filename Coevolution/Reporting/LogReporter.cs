using System.Globalization;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>Appends a human-readable line per event to the run's <c>log.txt</c> (flushed at once, so it survives a crash).</summary>
public sealed class LogReporter(string path) : RunReporter
{
    /// <summary>Appends one timestamped line.</summary>
    public void Write(string message)
    {
        File.AppendAllText(path, $"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {message}\n");
    }

    /// <summary>Appends a line if it can (after a failure the disk may be full): never throws an I/O error.</summary>
    public void TryWrite(string message)
    {
        try { Write(message); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <inheritdoc />
    public override void Started(RunState state) =>
        Write(state.Generation == 0 ? "run started" : $"run resumed after generation {state.Generation}");

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r) =>
        Write(string.Create(CultureInfo.InvariantCulture,
            $"generation {r.Generation}: best {r.Best:G5} mean {r.Mean:G5} std {r.Std:G4} diversity {r.Diversity:G4} (best ever {r.State.BestEver:G5}, {r.State.ElapsedSeconds:F1} s)"));

    /// <inheritdoc />
    public override void CheckpointSaved(string directory, RunState state) =>
        Write($"checkpoint written: {Path.GetFileName(directory)}");

    /// <inheritdoc />
    public override void Ended(RunState state, RunOutcome outcome, string reason) =>
        TryWrite($"run {outcome switch { RunOutcome.Completed => "finished", RunOutcome.Interrupted => "interrupted", _ => "failed" }} after generation {state.Generation}: {reason}");
}
