using System.Diagnostics;

namespace Coevo.Coevolution.Schedules;

/// <summary>
/// Runs phases in turn, unit by unit: the one loop every schedule uses. It owns what every run needs once: stopping
/// on request, telling reporters, periodic checkpoints and what to save when something fails. A single phase runs
/// until the budget; several run in cycles, each until it says it is finished, for at most <see cref="Cycles"/>.
/// <para>
/// A run without a checkpoint first writes one of its starting point, so a run killed at any moment can be resumed.
/// The session's state only moves on once a unit is complete, so components and state always agree outside
/// <see cref="RunSession.Learning"/>; an error elsewhere (out of memory in a render, a full disk) still ends with a checkpoint.
/// </para>
/// </summary>
public class PhasedSchedule : ISchedule
{
    private readonly IReadOnlyList<IPhase> _phases;

    /// <summary>A schedule of <paramref name="phases"/>, whose units are called <paramref name="unitName"/>.</summary>
    public PhasedSchedule(string unitName, IReadOnlyList<IPhase> phases, int? cycles = null)
    {
        if (phases.Count == 0) throw new ArgumentException("a schedule needs at least one phase", nameof(phases));
        UnitName = unitName;
        _phases = phases;
        Cycles = cycles;
        var columns = phases.SelectMany(p => p.Columns).Distinct().ToList();
        if (phases.Count > 1) columns.Insert(0, "phase");
        Columns = columns;
    }

    /// <inheritdoc />
    public string UnitName { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }
    /// <summary>The phases, in the order they run.</summary>
    public IReadOnlyList<IPhase> Phases => _phases;
    /// <summary>Most cycles through the phases (null: until the budget).</summary>
    public int? Cycles { get; }

    /// <inheritdoc />
    public string? Problem(IArtist artist, ICritic critic, Datasets.IImageDataset? data) =>
        _phases.Select(p => p.Problem(artist, critic, data)).FirstOrDefault(p => p != null);

    /// <inheritdoc />
    public string? Problem(RunState state) =>
        state.Phase >= _phases.Count ? $"Phase must be below the schedule's number of phases ({_phases.Count}), got {state.Phase}" : null;

    /// <inheritdoc />
    public void SaveCheckpoint(string directory)
    {
        foreach (var p in _phases) p.SaveCheckpoint(directory);
    }

    /// <inheritdoc />
    public void LoadCheckpoint(string directory)
    {
        foreach (var p in _phases) p.LoadCheckpoint(directory);
    }

    /// <inheritdoc />
    public RunOutcome Run(RunSession session, CancellationToken cancel)
    {
        foreach (var r in session.Reporters) r.Started(session.State);
        var clock = Stopwatch.StartNew();
        double elapsedBefore = session.State.ElapsedSeconds;
        var run = new Progress(session, UnitName);
        try
        {
            run.Begin();
            while (true)
            {
                if (cancel.IsCancellationRequested)
                    return run.Stop(RunOutcome.Interrupted, "stopped on request");

                int phaseIndex = session.State.Phase;
                var phase = _phases[phaseIndex];
                var next = session.State.Copy();
                next.PhaseUnits++;
                var report = phase.Step(session, next);
                if (_phases.Count > 1) report = WithPhase(report, phaseIndex);
                next.ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds;
                if (_phases.Count > 1 && phase.Finished(next, report))
                {
                    next.Phase = (phaseIndex + 1) % _phases.Count;
                    next.PhaseUnits = 0;
                    if (next.Phase == 0) next.Cycle++;
                }
                session.State = next;
                session.Learning = false;
                run.Reporting = true; // a failure now is in reporting the unit just done, which the checkpoint already holds
                foreach (var r in session.Reporters) r.UnitEnded(report);
                run.Reporting = false;

                if (session.Termination.HasReached(next.Progress(report["best"], report["mean"])))
                    return run.Stop(RunOutcome.Completed, "budget reached");
                if (Cycles is int cycles && next.Cycle >= cycles)
                    return run.Stop(RunOutcome.Completed, $"{cycles} cycles done");
                if (next.Units % session.CheckpointEvery == 0)
                    run.Save();
            }
        }
        catch (Exception e) when (e is not InputException and not RunFailedException)
        {
            throw run.Fail(e);
        }
    }

    /// <summary>The report with the phase's index (0 for the first phase of a cycle) as the figure "phase".</summary>
    private static UnitReport WithPhase(UnitReport r, int phase) => new()
    {
        Unit = r.Unit, Phase = r.Phase, State = r.State, Judged = r.Judged, Sample = r.Sample, Summary = r.Summary, Ranked = r.Ranked,
        Values = new Dictionary<string, double>(r.Values) { ["phase"] = phase },
    };

    /// <summary>Checkpoints and endings of one run: no unit is saved twice, and a failure saves what it can.</summary>
    private sealed class Progress(RunSession session, string unitName)
    {
        private int _savedAt = -1;
        private string? _lastCheckpoint;

        /// <summary>True while reporters are told about the unit in <see cref="RunSession.State"/> (not a unit to come).</summary>
        public bool Reporting { get; set; }

        /// <summary>A run without a checkpoint saves its starting point; a resumed one already has it.</summary>
        public void Begin()
        {
            _lastCheckpoint = session.Checkpoints.Newest;
            if (_lastCheckpoint is null) Save();
            else _savedAt = session.State.Units;
        }

        public void Save()
        {
            if (_savedAt == session.State.Units) return;
            _lastCheckpoint = session.Checkpoints.Save(session.State, session.SaveParts);
            _savedAt = session.State.Units;
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
                if (!session.Learning) Save();
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
            return new RunFailedException($"{unitName} {session.State.Units + (Reporting ? 0 : 1)} failed: {reason}", _lastCheckpoint, error);
        }
    }
}
