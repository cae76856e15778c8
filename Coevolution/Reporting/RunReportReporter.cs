using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Keeps a run folder's <c>report.html</c> current: rewrites it (atomically) after every checkpoint and when the run
/// ends, so it can be watched during a run. Also keeps <c>best.png</c>, the highest-scoring image so far. Place it
/// after the reporters whose files the report reads (metrics.csv, samples, log).
/// </summary>
public sealed class RunReportReporter(string runDir, RunReportInfo info) : RunReporter
{
    /// <inheritdoc />
    public override void Started(RunState state) => RunReport.Write(runDir, info);

    /// <inheritdoc />
    public override void UnitEnded(UnitReport r)
    {
        // evolution only: the schedule has already counted this generation, so a new best ever resets the stagnation count
        if (double.IsNaN(r["best"]) || r.State.GenerationsWithoutImprovement != 0 || r["best"] != r.State.BestEver) return;
        var (images, scores) = r.Judged.Value;
        if (images.Count == 0) return;
        int best = Enumerable.Range(0, scores.Count).Where(i => !double.IsNaN(scores[i])).MaxBy(i => scores[i]);
        Png.Write(images[best], Path.Combine(runDir, RunReport.BestImage));
    }

    /// <inheritdoc />
    public override void CheckpointSaved(string directory, RunState state) => RunReport.Write(runDir, info);

    /// <inheritdoc />
    public override void Ended(RunState state, RunOutcome outcome, string reason) => RunReport.Write(runDir, info);
}
