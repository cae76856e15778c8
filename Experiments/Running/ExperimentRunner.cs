using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>Builds the components a config names, wires reporters and checkpoints into a run folder, and runs the schedule.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Runs <paramref name="config"/> in <paramref name="runDir"/>. When <paramref name="resume"/> is set, the latest
    /// checkpoint in the folder is restored first and the run continues from it.
    /// </summary>
    public static RunOutcome Run(ExperimentConfig config, string runDir, bool resume, TextWriter console, CancellationToken cancel)
    {
        var context = config.Context;
        var log = new LogReporter(Path.Combine(runDir, RunFolder.LogFile));
        if (context.Data is { } data)
        {
            // load (and so check) the real images before any generation runs
            var d = data.Value;
            log.Write($"data: {d.Name}: {d.Count} images of {d.Width}x{d.Height}");
        }
        var artist = (IArtist)config.Artist.Create(context);
        var critic = (ICritic)config.Critic.Create(context);
        var schedule = (ISchedule)config.Schedule.Create(context);
        var checkpoints = new Checkpointer(Path.Combine(runDir, RunFolder.Checkpoints));

        var state = new RunState();
        if (resume)
        {
            if (!checkpoints.HasCheckpoint)
                throw new InputException("this run folder has no checkpoint to resume from", runDir);
            state = checkpoints.Load(artist);
        }
        else AtomicFile.WriteAllText(Path.Combine(runDir, RunFolder.ConfigFile), config.ToYaml());

        using var measuring = config.Metrics is { } m && context.Data is { } real ? FeatureExtractor.Load(m.Features, TorchDevice.Choose()) : null;
        IMetricColumns[] measured = measuring is null ? []
            : [new RunMeasurement(measuring, context.Data!.Value, config.Metrics!.Every, config.Metrics.Samples, config.Seed, config.Budget.Generations ?? config.Budget.Steps, log.Write)];

        var progress = new ProgressReporter(config.Budget, console);
        var session = new RunSession
        {
            Artist = artist,
            Critic = critic,
            Termination = Termination(config.Budget),
            Seed = config.Seed,
            State = state,
            Checkpoints = checkpoints,
            CheckpointEvery = config.Output.CheckpointEvery,
            Reporters =
            [
                new MetricsCsvReporter(Path.Combine(runDir, RunFolder.MetricsFile), measured),
                new SampleSheetReporter(Path.Combine(runDir, RunFolder.Samples), config.Output.SampleEvery, config.Output.SampleCount, config.Budget.Generations),
                log,
                new RunReportReporter(runDir, RunReports.Info(config)),
                progress,
            ],
        };
        if (resume && session.Termination.HasReached(state.Progress(state.BestEver, state.BestEver)))
            throw new InputException($"the run already reached its budget at generation {state.Generation}; raise it to go on, e.g. --set budget.generations={state.Generation * 2}", runDir);
        return progress.Show(config.Name, () => schedule.Run(session, cancel));
    }

    /// <summary>The budget as a termination: whichever limit is reached first.</summary>
    public static ITermination Termination(BudgetOptions budget)
    {
        var parts = new List<ITermination>();
        if (budget.Generations is int g) parts.Add(new GenerationLimit(g));
        if (budget.Steps is int s) parts.Add(new GenerationLimit(s));
        if (budget.Seconds is double sec) parts.Add(new WallClock(TimeSpan.FromSeconds(sec)));
        if (budget.TargetFitness is double t) parts.Add(new TargetFitness(t));
        if (budget.Stagnation is int n) parts.Add(new Stagnation(n));
        return parts.Aggregate((a, b) => a.Or(b));
    }
}
