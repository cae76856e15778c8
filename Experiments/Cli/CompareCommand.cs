using System.CommandLine;
using Coevo.Coevolution;
using Coevo.Coevolution.IO;
using Coevo.Experiments.Comparing;
using Coevo.Experiments.Config;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Cli;

public static partial class CoevoCli
{
    private static Command CompareCommand(TextWriter stdout, TextWriter stderr, CancellationToken outer)
    {
        var config = new Argument<string?>("compare") { Description = "compare YAML: approaches (artist, critic, schedule) x seeds under one budget", Arity = ArgumentArity.ZeroOrOne };
        var outDir = new Option<string?>("--out") { Description = "the comparison folder (new or empty; the same compare file's folder is continued) [default: results/<time>-<name>]" };
        var resume = new Option<string?>("--resume") { Description = "continue the comparison in this folder: finished cells are kept, stopped ones resumed" };
        var emit = new Option<string[]>("--emit")
        {
            Description = "write a cluster job instead of running: --emit slurm DIR (a job array, one ordinary coevo run per cell)",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var collect = new Option<string?>("--collect") { Description = "measure the finished cells of this comparison folder and write its tables and report (after --emit)" };
        var cmd = new Command("compare",
            "Run a matrix of artists x critics x schedules x seeds under one budget, each cell an ordinary run folder, then measure them all one way " +
            "(FID, KID, precision, recall, diversity, a held-out critic's fooling rate, aesthetic scores) into comparison.md, comparison.csv and report.html.")
            { config, outDir, resume, emit, collect };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string? path = parse.GetValue(config), outPath = parse.GetValue(outDir), resumeDir = parse.GetValue(resume), collectDir = parse.GetValue(collect);
            string[]? emitArgs = parse.GetValue(emit) is { Length: > 0 } given ? given : null;
            int modes = (resumeDir != null ? 1 : 0) + (collectDir != null ? 1 : 0) + (emitArgs != null ? 1 : 0);
            if (modes > 1) throw new InputException("give one of --resume, --collect and --emit");
            if ((resumeDir != null || collectDir != null) && (path != null || outPath != null))
                throw new InputException($"{(resumeDir != null ? "--resume" : "--collect")} works on an existing comparison folder: give no compare file or --out");

            if (collectDir != null)
            {
                string dir = Path.GetFullPath(collectDir);
                var cfg = CompareFolder.Open(dir);
                return Measure(cfg, dir, stdout, stderr) ? Ok : Failed;
            }
            if (resumeDir != null)
            {
                string dir = Path.GetFullPath(resumeDir);
                return RunComparison(CompareFolder.Open(dir), dir, resumed: true, stdout, stderr, outer);
            }
            if (path is null) throw new InputException("missing compare file: coevo compare <compare.yaml> (or --resume DIR, or --collect DIR)");
            var loaded = CompareConfig.Load(path);
            Validate(loaded, stdout);
            if (emitArgs != null)
            {
                if (emitArgs[0] != "slurm") throw new InputException($"--emit: unknown target '{emitArgs[0]}'; the one supported is slurm (--emit slurm DIR)");
                if (outPath != null) throw new InputException("--emit slurm DIR names the folder; leave out --out");
                string dir = Path.GetFullPath(emitArgs[1]);
                if (OptionBinder.FileOnTheWay(dir) is { } file) throw new InputException($"--emit: '{file}' is a file, so nothing can be written under it", emitArgs[1]);
                string job = SlurmScript.Emit(loaded, dir);
                stdout.WriteLine($"wrote {job} ({loaded.Cells.Count} array tasks, one per cell) and {Path.Combine(dir, SlurmScript.CellScript)}");
                stdout.WriteLine($"submit it with: sbatch {job}");
                stdout.WriteLine($"when every task is done: coevo compare --collect {dir}");
                return Ok;
            }
            string target = outPath != null ? Path.GetFullPath(outPath)
                : Path.GetFullPath(Path.Combine(loaded.Cells[0].Config.Output.Dir, $"{DateTime.Now:yyyyMMdd-HHmmss}-{loaded.Name}"));
            if (File.Exists(target)) throw new InputException("--out names a file, not a folder", outPath ?? target);
            if (OptionBinder.FileOnTheWay(target) is { } onTheWay) throw new InputException($"--out: '{onTheWay}' is a file, so nothing can be written under it", target);
            return RunComparison(loaded, target, resumed: false, stdout, stderr, outer);
        }));
        return cmd;
    }

    /// <summary>Builds one cell per approach, so an impossible pairing or a bad option is refused before anything runs.</summary>
    private static void Validate(CompareConfig config, TextWriter stdout)
    {
        foreach (var approach in config.Approaches)
        {
            var experiment = Experiment.Build(config.Of(approach).First().Config);
            stdout.WriteLine($"  {approach}: {experiment.Describe()}");
            (experiment.Artist as IDisposable)?.Dispose();
            (experiment.Critic as IDisposable)?.Dispose();
        }
    }

    private static int RunComparison(CompareConfig config, string dir, bool resumed, TextWriter stdout, TextWriter stderr, CancellationToken outer)
    {
        CompareFolder.Prepare(dir, config);
        using var claim = FolderLock.Acquire(dir);
        stdout.WriteLine($"{(resumed ? "continuing" : "comparing")} '{config.Name}' in {dir}: {config.Approaches.Count} approaches x {config.Seeds.Count} seeds = {config.Cells.Count} cells, {config.Parallel} at a time; budget: {ComparisonTables.BudgetText(config)}");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        int stopCode = Interrupted;
        var registrations = OnStopSignals(cts, (name, exit) =>
        {
            stopCode = exit;
            stderr.WriteLine($"{name}: stopping the running cells at their next safe point, with a checkpoint each...");
        });
        IReadOnlyList<CellOutcome> outcomes;
        try
        {
            outcomes = CellRunner.Run(config, dir, stdout, cts.Token);
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
        }
        if (cts.IsCancellationRequested)
        {
            stdout.WriteLine($"stopped; continue with: coevo compare --resume {dir}");
            return outer.IsCancellationRequested ? Interrupted : stopCode;
        }
        var failed = outcomes.Where(o => o.ExitCode != 0).ToList();
        foreach (var f in failed) stderr.WriteLine($"error: cell {f.Cell.Id} {(f.ExitCode == 2 ? "refused its input" : "failed")} (exit {f.ExitCode}); see {CompareFolder.LogOf(dir, f.Cell)}");
        bool measured = failed.Count < outcomes.Count && Measure(config, dir, stdout, stderr);
        if (failed.Count > 0)
        {
            stderr.WriteLine($"error: {failed.Count} of {outcomes.Count} cells did not finish; the tables leave them out. Fix the cause and continue with: coevo compare --resume {dir}");
            return Failed;
        }
        return measured ? Ok : Failed;
    }

    /// <summary>Measures the finished cells and writes the tables and report; false when some cell has not finished.</summary>
    private static bool Measure(CompareConfig config, string dir, TextWriter stdout, TextWriter stderr)
    {
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        var m = CellMeasurement.Measure(config, dir, stdout);
        var summaries = ComparisonTables.Write(dir, config, m);
        string report = ComparisonReport.Write(dir, config, m, summaries);
        stdout.WriteLine();
        stdout.Write(ComparisonTables.MarkdownTable(summaries));
        stdout.WriteLine();
        stdout.WriteLine($"wrote {Path.Combine(dir, ComparisonTables.ComparisonMd)}, {Path.Combine(dir, ComparisonTables.ComparisonCsv)}, {Path.Combine(dir, ComparisonTables.CellsCsv)} and {report}");
        if (m.Missing.Count > 0)
        {
            stderr.WriteLine($"warning: {CompareFolder.Tally(m.Cells.Count, config.Cells.Count)}; not measured: {string.Join(", ", m.Missing.Select(c => c.Id))}");
            return false;
        }
        return true;
    }
}
