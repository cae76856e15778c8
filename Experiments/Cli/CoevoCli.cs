using System.CommandLine;
using Coevo.Coevolution;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Cli;

/// <summary>The <c>coevo</c> command line. Exit codes: 0 ok, 1 the run failed, 2 bad input, 130 stopped by Ctrl-C (checkpoint written).</summary>
public static partial class CoevoCli
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>The run failed.</summary>
    public const int Failed = 1;
    /// <summary>Bad input: config, arguments, files.</summary>
    public const int BadInput = 2;
    /// <summary>Stopped by Ctrl-C after writing a checkpoint.</summary>
    public const int Interrupted = 130;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var root = Build(stdout, stderr, cancel);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var e in parsed.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("run 'coevo --help' for usage");
            return BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null });
    }

    /// <summary>Runs <paramref name="body"/>, mapping exceptions to messages and exit codes in one place.</summary>
    internal static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"error: the run failed: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine(e.StackTrace);
            return Failed;
        }
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var root = new RootCommand("Coevo: image-making artists (GP trees, CPPNs, biomorphs) and judging critics learning against each other.");
        root.Subcommands.Add(RunCommand(stdout, stderr, cancel));
        root.Subcommands.Add(ValidateCommand(stdout, stderr));
        root.Subcommands.Add(ListCommand(stdout));
        root.Subcommands.Add(RenderCommand(stdout, stderr));
        root.Subcommands.Add(FeaturesCommand(stdout, stderr));
        root.Subcommands.Add(MetricsCommand(stdout, stderr));
        root.Subcommands.Add(ReportCommand(stdout, stderr));
        return root;
    }

    private static Option<string[]> SetOption() => new("--set")
    {
        Description = "override a config value, e.g. --set artist.population=64 (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Command RunCommand(TextWriter stdout, TextWriter stderr, CancellationToken outer)
    {
        var config = new Argument<string?>("config") { Description = "experiment YAML file", Arity = ArgumentArity.ZeroOrOne };
        var seed = new Option<int?>("--seed") { Description = "override the config's seed" };
        var outDir = new Option<string?>("--out") { Description = "use exactly this (new or empty) folder as the run folder" };
        var set = SetOption();
        var resume = new Option<string?>("--resume") { Description = "continue the run in this run folder from its latest checkpoint" };
        var cmd = new Command("run", "Run an experiment from a YAML config; writes a run folder under results/.") { config, seed, outDir, set, resume };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string? resumeDir = parse.GetValue(resume);
            string? configPath = parse.GetValue(config);
            var overrides = parse.GetValue(set) ?? [];
            string runDir;
            ExperimentConfig cfg;
            if (resumeDir != null)
            {
                if (configPath != null) throw new InputException("give either a config file or --resume <run-dir>, not both");
                if (parse.GetValue(outDir) != null) throw new InputException("--out cannot be combined with --resume (the run continues in its own folder)");
                if (parse.GetValue(seed) != null) throw new InputException("--seed cannot be combined with --resume (a run keeps its seed)");
                runDir = Path.GetFullPath(resumeDir);
                if (!Directory.Exists(runDir)) throw new InputException("run folder not found", resumeDir);
                string resolved = Path.Combine(runDir, RunFolder.ConfigFile);
                if (!File.Exists(resolved)) throw new InputException($"not a run folder: {RunFolder.ConfigFile} is missing", resumeDir);
                cfg = ExperimentConfig.Load(resolved, overrides);
            }
            else
            {
                if (configPath is null) throw new InputException("missing config file: coevo run <config.yaml> (or --resume <run-dir>)");
                cfg = ExperimentConfig.Load(configPath, overrides, parse.GetValue(seed));
                runDir = RunFolder.Create(cfg.Output.Dir, cfg.Name, DateTime.Now, parse.GetValue(outDir));
            }
            stdout.WriteLine($"{(resumeDir != null ? "resuming" : "running")} '{cfg.Name}' in {runDir}");

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                if (cts.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
                e.Cancel = true;
                cts.Cancel();
                stderr.WriteLine("stopping at the next safe point and writing a checkpoint (Ctrl-C again to abort)...");
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var outcome = ExperimentRunner.Run(cfg, runDir, resumeDir != null, stdout, cts.Token);
                if (outcome == RunOutcome.Interrupted)
                {
                    stdout.WriteLine($"stopped; continue with: coevo run --resume {runDir}");
                    return Interrupted;
                }
                stdout.WriteLine($"done: {runDir}");
                return Ok;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return cmd;
    }

    private static Command ValidateCommand(TextWriter stdout, TextWriter stderr)
    {
        var config = new Argument<string>("config") { Description = "experiment YAML file" };
        var set = SetOption();
        var cmd = new Command("validate", "Check a config without running it.") { config, set };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            var cfg = ExperimentConfig.Load(parse.GetValue(config)!, parse.GetValue(set) ?? []);
            stdout.WriteLine($"{parse.GetValue(config)}: ok ({cfg.Artist.Component.Name} artist, {cfg.Critic.Component.Name} critic, {cfg.Schedule.Component.Name} schedule)");
            return Ok;
        }));
        return cmd;
    }

    private static Command RenderCommand(TextWriter stdout, TextWriter stderr)
    {
        var genome = new Argument<string>("genome") { Description = "genome file: .json (gp, cppn or biomorph), .sexp (GP) or .xml (Picbreeder cppn-x)" };
        var size = new Option<int>("--size") { Description = "width and height in pixels", DefaultValueFactory = _ => 512 };
        var output = new Option<string?>("--output", "-o") { Description = "PNG to write (default: the genome's name with .png)" };
        var cmd = new Command("render", "Render a genome file to a PNG at any size.") { genome, size, output };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string path = parse.GetValue(genome)!;
            int side = parse.GetValue(size);
            if (side < 1 || side > 16384) throw new InputException($"--size must be between 1 and 16384, got {side}");
            string png = parse.GetValue(output) ?? Path.ChangeExtension(path, null) + $"-{side}.png";
            if (!png.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new InputException($"--output must name a .png file, got '{png}'");
            var render = Rendering.GenomeFiles.Load(path);
            Coevo.Coevolution.Imaging.Png.Write(render(side, side), png);
            stdout.WriteLine($"wrote {png} ({side}x{side})");
            return Ok;
        }));
        return cmd;
    }

    private static Command ListCommand(TextWriter stdout)
    {
        var cmd = new Command("list", "List every registered artist, critic, schedule and dataset with its options and defaults.");
        cmd.SetAction(_ =>
        {
            stdout.Write(Listing());
            return Ok;
        });
        return cmd;
    }

    /// <summary>The text of <c>coevo list</c>.</summary>
    public static string Listing()
    {
        var sw = new StringWriter();
        foreach (var kind in Enum.GetValues<ComponentKind>())
        {
            sw.WriteLine($"{kind.ToString().ToLowerInvariant()}s:");
            foreach (var c in Registry.All.Where(c => c.Kind == kind))
            {
                sw.WriteLine($"  {c.Name} - {c.Description}");
                var defaults = c.DefaultOptions();
                var options = OptionBinder.Options(c.OptionsType);
                if (options.Count == 0) sw.WriteLine("      (no options)");
                foreach (var o in options)
                    sw.WriteLine($"      {o.Key,-22} {OptionBinder.DefaultText(o, defaults),-14} {o.Description}{RangeText(o)}");
            }
            sw.WriteLine();
        }
        return sw.ToString();
    }

    private static string RangeText(OptionInfo o) =>
        o.Range is { } r ? $" [{r.Minimum}..{r.Maximum}]" : "";
}
