using System.Globalization;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Critics.Target;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>How a run continues in its folder: the budget raised with --set (the one change a resume allows), if any.</summary>
/// <param name="RaisedBudget">"generations 40 -> 80", or null.</param>
public sealed record Resumption(string? RaisedBudget);

/// <summary>Wires an experiment's reporters and checkpoints into a run folder, and runs its schedule.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Runs <paramref name="experiment"/> in <paramref name="runDir"/> (locked for the run). With
    /// <paramref name="resume"/>, the newest complete checkpoint in the folder is restored first, after checking that
    /// it, the config and <c>metrics.csv</c> agree; a folder stopped before its first checkpoint starts again in place.
    /// </summary>
    public static RunOutcome Run(Experiment experiment, string runDir, Resumption? resume, TextWriter console, CancellationToken cancel)
    {
        var config = experiment.Config;
        var schedule = experiment.Schedule;
        if (experiment.Artist is IDifferentiableArtist || experiment.Critic is IDifferentiableCritic || config.Metrics is not null)
            TorchSharp.torch.set_num_threads(config.Threads); // libtorch's intra-op pool, set once for the run
        string unit = schedule.UnitName;
        using var claim = RunFolder.Claim(runDir, fresh: resume is null);
        var log = new LogReporter(Path.Combine(runDir, RunFolder.LogFile), unit);
        string metrics = Path.Combine(runDir, RunFolder.MetricsFile);
        using var measuring = config.Metrics is { } m && experiment.Data is { } real ? FeatureExtractor.Load(m.Features, TorchDevices.Resolve(config.Device)) : null;
        int? lastUnit = unit == "generation" ? config.Budget.Generations : unit == "step" ? config.Budget.Steps : null;
        IMetricColumns[] measured = measuring is null ? []
            : [new RunMeasurement(measuring, experiment.Data!, config.Metrics!.Every, config.Metrics.Samples, config.Seed, lastUnit, log.Write)];
        var progress = new ProgressReporter(config.Budget, console, unit);
        var csv = new MetricsCsvReporter(metrics, unit, schedule.Columns, measured);
        var session = new RunSession
        {
            Artist = experiment.Artist,
            Critic = experiment.Critic,
            Schedule = schedule,
            Data = experiment.Data,
            Termination = Termination(config.Budget),
            Seed = config.Seed,
            State = new RunState(),
            Checkpoints = new Checkpointer(Path.Combine(runDir, RunFolder.Checkpoints)) { Prefix = SampleSheetReporter.Prefix(unit) + "-" },
            CheckpointEvery = config.Output.CheckpointEvery,
            Warn = message => Tell(console, log, message),
            Reporters =
            [
                csv,
                new SampleSheetReporter(Path.Combine(runDir, RunFolder.Samples), config.Output.SampleEvery, config.Output.SampleCount, lastUnit, unit)
                {
                    Heading = SheetHeading(config),
                    Reference = Reference(experiment),
                },
                log,
                new RunReportReporter(runDir, RunReports.Info(config)),
                progress,
            ],
        };
        if (resume is not null)
        {
            // every check first: a refused resume changes nothing
            var loaded = session.Checkpoints.Load((dir, state) =>
            {
                if (schedule.Problem(state) is { } problem)
                    throw new InputException($"corrupt run state: {problem}", Path.Combine(dir, Checkpointer.StateFile));
                session.LoadParts(dir);
            });
            if (loaded is null && File.Exists(metrics) && File.ReadLines(metrics).Skip(1).Any(l => l.Length > 0))
                throw new InputException("has rows, but there is no checkpoint to resume them from (checkpoints/ holds none)", metrics);
            var state = session.State = loaded?.State ?? new RunState();
            csv.Rows(state.Units);
            if (session.Termination.HasReached(state.Progress(state.BestEver, state.BestEver)))
                throw new InputException($"the run already reached its budget after {unit} {state.Units}; raise it to go on, e.g. {RaiseHint(config.Budget, state)}", runDir);

            if (loaded is null) Tell(console, log, "no checkpoint yet (the run stopped before its first): it starts again in place");
            else
            {
                if (loaded.Note is { } note) Tell(console, log, note);
                console.WriteLine($"continuing after {unit} {state.Units} (checkpoints/{Path.GetFileName(loaded.Directory)})");
            }
            if (resume.RaisedBudget is { } raised)
            {
                AtomicFile.WriteAllText(Path.Combine(runDir, RunFolder.ConfigFile), config.ToYaml(RunFolder.StoredPath(runDir)));
                Tell(console, log, $"budget raised: {raised} (written to {RunFolder.ConfigFile})");
            }
        }
        else AtomicFile.WriteAllText(Path.Combine(runDir, RunFolder.ConfigFile), config.ToYaml(RunFolder.StoredPath(runDir)));
        if (experiment.Data is { } d) log.Write($"data: {d.Name}: {d.Count} images of {d.Width}x{d.Height}");

        RunOutcome outcome;
        try
        {
            outcome = progress.Show(config.Name, () => experiment.Schedule.Run(session, cancel));
        }
        catch (RunFailedException e)
        {
            log.TryWrite($"details: {e.InnerException}");
            throw;
        }
        WriteBest(runDir, session.Checkpoints.Newest, console, log);
        RunReport.Write(runDir, RunReports.Info(config)); // again, with the final best.png and log
        return outcome;
    }

    /// <summary>What every sample sheet's title starts with: the run's name, its artist, and its critic with its metric.</summary>
    public static string SheetHeading(ExperimentConfig config) => $"{config.Name}: {config.Artist.Summary} artist, {config.Critic.Summary} critic";

    /// <summary>The picture the critic compares with, shown on sample sheets (none for critics without one).</summary>
    private static Func<int, int, Image>? Reference(Experiment experiment) =>
        experiment.Critic is TargetImageCritic target ? target.TargetAt : null;

    private static void Tell(TextWriter console, LogReporter log, string message)
    {
        console.WriteLine(message);
        log.Write(message);
    }

    /// <summary>
    /// Copies the newest checkpoint's best genome into the run folder and renders it as <see cref="RunFolder.BestImage"/>,
    /// then says where both are and how to render the genome at any size.
    /// </summary>
    private static void WriteBest(string runDir, string? checkpoint, TextWriter console, LogReporter log)
    {
        string? genome = checkpoint is null ? null : Directory.EnumerateFiles(checkpoint, "best.*").Order(StringComparer.Ordinal).FirstOrDefault();
        if (genome is null) return;
        string copy = Path.Combine(runDir, Path.GetFileName(genome));
        AtomicFile.WriteAllBytes(copy, File.ReadAllBytes(genome));
        string png = Path.Combine(runDir, RunFolder.BestImage);
        Png.Write(Rendering.GenomeFiles.Load(copy)(RunFolder.BestImageSize, RunFolder.BestImageSize), png);
        log.Write($"best so far: {RunFolder.BestImage} ({RunFolder.BestImageSize}x{RunFolder.BestImageSize}) from {Path.GetFileName(copy)}");
        console.WriteLine($"best so far: {png} ({RunFolder.BestImageSize}x{RunFolder.BestImageSize})");
        console.WriteLine($"render it at any size: coevo render {Quote(copy)} --size 2048 -o {Quote(Path.Combine(runDir, "best-2048.png"))}");
    }

    /// <summary>A path as a shell word: unchanged when it is safe, else in single quotes.</summary>
    internal static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:,@".Contains(c)) ? path : "'" + path.Replace("'", "'\\''") + "'";

    /// <summary>How to raise the budget that ended a run, e.g. "--set budget.generations=80".</summary>
    private static string RaiseHint(BudgetOptions budget, RunState state) =>
        budget.Generations is int g && state.Generation >= g ? $"--set budget.generations={g * 2}"
        : budget.Steps is int st && state.Steps >= st ? $"--set budget.steps={st * 2}"
        : budget.Images is long i && state.ImagesJudged >= i ? $"--set budget.images={i * 2}"
        : budget.Seconds is double sec ? $"--set budget.seconds={(sec * 2).ToString(CultureInfo.InvariantCulture)}"
        : "--set budget.generations=N";

    /// <summary>The budget as a termination: whichever limit is reached first.</summary>
    public static ITermination Termination(BudgetOptions budget)
    {
        var parts = new List<ITermination>();
        if (budget.Generations is int g) parts.Add(new GenerationLimit(g));
        if (budget.Steps is int s) parts.Add(new StepLimit(s));
        if (budget.Images is long images) parts.Add(new ImageLimit(images));
        if (budget.Seconds is double sec) parts.Add(new WallClock(TimeSpan.FromSeconds(sec)));
        if (budget.TargetFitness is double t) parts.Add(new TargetFitness(t));
        if (budget.Stagnation is int n) parts.Add(new Stagnation(n));
        return parts.Aggregate((a, b) => a.Or(b));
    }

    /// <summary>
    /// The one change a resume allows: raising the budget's generations, steps or seconds. Returns what was raised
    /// ("generations 40 -> 80"), or null without overrides; any other --set, or a lower value, is an <see cref="InputException"/>.
    /// </summary>
    public static string? RaisedBudget(IReadOnlyList<string> overrides, BudgetOptions before, BudgetOptions after)
    {
        if (overrides.Count == 0) return null;
        string[] raisable = ["generations", "steps", "images", "seconds"];
        foreach (var o in overrides)
        {
            string key = o.Split('=')[0].Trim();
            if (!key.StartsWith("budget.", StringComparison.Ordinal) || !raisable.Contains(key["budget.".Length..]))
                throw new InputException($"--set {o}: a resumed run keeps its config (config.yaml would no longer describe it); only the budget may be raised: --set budget.generations=N, budget.steps=N, budget.images=N or budget.seconds=S");
        }
        var changes = new List<string>();
        void Compare(string key, double? old, double? now)
        {
            if (old == now) return;
            if (old is { } o && (now is null || now < o))
                throw new InputException($"--set budget.{key}: a resumed run's budget can only be raised (it is {Fmt(o)})");
            changes.Add($"{key} {(old is { } x ? Fmt(x) : "unlimited")} -> {Fmt(now!.Value)}");
        }
        Compare("generations", before.Generations, after.Generations);
        Compare("steps", before.Steps, after.Steps);
        Compare("images", before.Images, after.Images);
        Compare("seconds", before.Seconds, after.Seconds);
        return changes.Count == 0 ? null : string.Join(", ", changes);
    }

    private static string Fmt(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
