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
/// <para>
/// A run without a checkpoint first writes one of its starting population, so a run killed at any moment can be
/// resumed. The session's state only moves on once the artist has learnt, so artist and state always agree outside
/// <see cref="IArtist.Learn"/>; an error elsewhere (out of memory in a render, a full disk) still ends with a checkpoint.
/// </para>
/// </summary>
public sealed class EvolveSchedule(EvolveScheduleOptions options) : ISchedule
{
    /// <summary>The options this schedule was made with.</summary>
    public EvolveScheduleOptions Options { get; } = options;

    /// <inheritdoc />
    public RunOutcome Run(RunSession session, CancellationToken cancel)
    {
        foreach (var r in session.Reporters) r.Started(session.State);
        var clock = Stopwatch.StartNew();
        double elapsedBefore = session.State.ElapsedSeconds;
        var run = new Progress(session);
        try
        {
            run.Begin();
            while (true)
            {
                if (cancel.IsCancellationRequested)
                    return run.Stop(RunOutcome.Interrupted, "stopped on request");

                var state = session.State;
                var rng = SeedSequence.For(session.Seed, state.Generation);
                var images = session.Artist.Produce(rng);
                var scores = session.Critic.Score(images);
                if (scores.Count != images.Count)
                    throw new InvalidOperationException($"the critic returned {scores.Count} scores for {images.Count} images");
                var stats = FitnessStats.Of(scores);

                var next = state.Copy();
                next.Generation++;
                if (stats.Best > next.BestEver)
                {
                    next.BestEver = stats.Best;
                    next.GenerationsWithoutImprovement = 0;
                }
                else next.GenerationsWithoutImprovement++;
                next.ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds;

                var report = new GenerationReport(next.Generation, images, scores, stats.Best, stats.Mean, stats.Std,
                    Diversity.MeanPairwiseDistance(images), next);
                foreach (var r in session.Reporters) r.GenerationEnded(report);

                run.Learning = true;
                session.Artist.Learn(scores, rng);
                session.State = next;
                run.Learning = false;

                if (session.Termination.HasReached(next.Progress(stats.Best, stats.Mean)))
                    return run.Stop(RunOutcome.Completed, "budget reached");
                if (next.Generation % session.CheckpointEvery == 0)
                    run.Save();
            }
        }
        catch (Exception e) when (e is not InputException and not RunFailedException)
        {
            throw run.Fail(e);
        }
    }

    /// <summary>Checkpoints and endings of one run: no generation is saved twice, and a failure saves what it can.</summary>
    private sealed class Progress(RunSession session)
    {
        private int _savedAt = -1;
        private string? _lastCheckpoint;

        /// <summary>True while the artist learns: its state may be half-way, so it must not be saved.</summary>
        public bool Learning { get; set; }

        /// <summary>A run without a checkpoint saves its starting point; a resumed one already has it.</summary>
        public void Begin()
        {
            _lastCheckpoint = session.Checkpoints.Newest;
            if (_lastCheckpoint is null) Save();
            else _savedAt = session.State.Generation;
        }

        public void Save()
        {
            if (_savedAt == session.State.Generation) return;
            _lastCheckpoint = session.Checkpoints.Save(session.State, session.SaveParts);
            _savedAt = session.State.Generation;
            foreach (var r in session.Reporters) r.CheckpointSaved(_lastCheckpoint, session.State);
        }

        public RunOutcome Stop(RunOutcome outcome, string reason)
        {
            Save();
            foreach (var r in session.Reporters) r.Ended(session.State, outcome, reason);
            return outcome;
        }

        public RunFailedException Fail(Exception error)
        {
            string what = error is OutOfMemoryException ? "out of memory" : $"{error.GetType().Name}: {error.Message}";
            string saved;
            try
            {
                if (!Learning) Save();
                saved = _lastCheckpoint is null ? "no checkpoint was written" : $"the newest checkpoint is {Path.GetFileName(_lastCheckpoint)}";
            }
            catch (Exception e)
            {
                saved = $"writing a checkpoint failed too ({e.Message})";
            }
            string reason = $"{what}; {saved}";
            try
            {
                foreach (var r in session.Reporters) r.Ended(session.State, RunOutcome.Failed, reason);
            }
            catch (Exception) { } // the log may be on the full disk as well: the message still reaches the caller
            return new RunFailedException($"generation {session.State.Generation + 1} failed: {reason}", _lastCheckpoint, error);
        }
    }
}
