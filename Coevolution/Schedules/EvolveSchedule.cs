using System.ComponentModel;
using System.Diagnostics;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Metrics;

namespace Coevo.Coevolution.Schedules;

/// <summary>Options of the <c>evolve</c> schedule (none yet beyond budget and output).</summary>
[Description("the critic stays fixed; the artist evolves with the critic's scores as fitness")]
public sealed class EvolveScheduleOptions { }

/// <summary>
/// Evolution against a fixed critic: each generation the artist produces images, the critic scores them, and the
/// scores are the artist's fitness for breeding the next generation (ask/tell).
/// </summary>
public sealed class EvolveSchedule(EvolveScheduleOptions options) : ISchedule
{
    /// <summary>The options this schedule was made with.</summary>
    public EvolveScheduleOptions Options { get; } = options;

    /// <inheritdoc />
    public RunOutcome Run(RunSession session, CancellationToken cancel)
    {
        var state = session.State;
        foreach (var r in session.Reporters) r.Started(state);
        var clock = Stopwatch.StartNew();
        double elapsedBefore = state.ElapsedSeconds;
        while (true)
        {
            if (cancel.IsCancellationRequested)
                return Stop(session, RunOutcome.Interrupted, "stopped on request");

            var rng = SeedSequence.For(session.Seed, state.Generation);
            var images = session.Artist.Produce(rng);
            var scores = session.Critic.Score(images);
            if (scores.Count != images.Count)
                throw new InvalidOperationException($"the critic returned {scores.Count} scores for {images.Count} images");
            var stats = FitnessStats.Of(scores);

            state.Generation++;
            if (stats.Best > state.BestEver)
            {
                state.BestEver = stats.Best;
                state.GenerationsWithoutImprovement = 0;
            }
            else state.GenerationsWithoutImprovement++;
            state.ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds;

            var report = new GenerationReport(state.Generation, images, scores, stats.Best, stats.Mean, stats.Std,
                Diversity.MeanPairwiseDistance(images), state);
            foreach (var r in session.Reporters) r.GenerationEnded(report);

            session.Artist.Learn(scores, rng);
            if (session.Termination.HasReached(state.Progress(stats.Best, stats.Mean)))
                return Stop(session, RunOutcome.Completed, "budget reached");
            if (state.Generation % session.CheckpointEvery == 0)
                Save(session);
        }
    }

    private static void Save(RunSession session)
    {
        string dir = session.Checkpoints.Save(session.Artist, session.State);
        foreach (var r in session.Reporters) r.CheckpointSaved(dir, session.State);
    }

    private static RunOutcome Stop(RunSession session, RunOutcome outcome, string reason)
    {
        Save(session);
        foreach (var r in session.Reporters) r.Ended(session.State, outcome, reason);
        return outcome;
    }
}
