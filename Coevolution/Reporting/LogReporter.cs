using System.Globalization;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Appends a human-readable line per event to the run's <c>log.txt</c> (flushed at once, so it survives a crash);
/// units are called <c>unitName</c> ("generation", "step").
/// </summary>
public sealed class LogReporter(string path, string unitName = "generation") : RunReporter
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
        Write(state.Units == 0 ? "run started" : $"run resumed after {unitName} {state.Units}");

    /// <inheritdoc />
    public override void UnitEnded(UnitReport r) =>
        Write(string.Create(CultureInfo.InvariantCulture,
            $"{unitName} {r.Unit}{(r.Phase == DefaultPhase(unitName) ? "" : $" ({r.Phase})")}: {string.Join(' ', r.Values.Where(v => !double.IsNaN(v.Value)).Select(v => $"{v.Key} {v.Value:G5}"))} ({r.State.ElapsedSeconds:F1} s)"));

    private static string DefaultPhase(string unit) => unit switch { "generation" => "evolve", "step" => "gan", _ => "" };

    /// <inheritdoc />
    public override void CheckpointSaved(string directory, RunState state) =>
        Write($"checkpoint written: {Path.GetFileName(directory)}");

    /// <inheritdoc />
    public override void Ended(RunState state, RunOutcome outcome, string reason) =>
        TryWrite($"run {outcome switch { RunOutcome.Completed => "finished", RunOutcome.Interrupted => "interrupted", _ => "failed" }} after {unitName} {state.Units}: {reason}");
}
