using System.CommandLine;
using System.Runtime.InteropServices;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Cli;

/// <summary>
/// The <c>coevo</c> command line. Exit codes: 0 ok, 1 the run failed, 2 bad input, and for a run stopped by a signal
/// after writing a checkpoint 128 + the signal's number: 130 Ctrl-C (SIGINT), 129 SIGHUP, 143 SIGTERM.
/// </summary>
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

    /// <summary>Set to 1 to have an unexpected error's stack trace printed after its one-line message.</summary>
    public const string TraceVariable = "COEVO_TRACE";

    /// <summary>Signals that stop a run at the next safe point with a checkpoint, and their exit codes (128 + number).</summary>
    private static readonly (PosixSignal Signal, string Name, int Exit)[] StopSignals =
    [
        (PosixSignal.SIGINT, "Ctrl-C", 130),
        (PosixSignal.SIGTERM, "SIGTERM", 143),
        (PosixSignal.SIGHUP, "SIGHUP", 129),
    ];

    /// <summary>
    /// Cancels <paramref name="cts"/> on the first stop signal, after telling <paramref name="stopping"/> its name and
    /// exit code; a second signal is left to end the process at once. Dispose the registrations when done.
    /// </summary>
    private static List<PosixSignalRegistration> OnStopSignals(CancellationTokenSource cts, Action<string, int> stopping) =>
        StopSignals.Select(s => PosixSignalRegistration.Create(s.Signal, context =>
        {
            if (cts.IsCancellationRequested) return;
            context.Cancel = true;
            stopping(s.Name, s.Exit);
            cts.Cancel();
        })).ToList();

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var root = Build(stdout, stderr, cancel);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var e in parsed.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("run 'coevo help' for usage");
            return BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// Runs <paramref name="body"/>, mapping exceptions to one-line messages and exit codes in one place: bad input is
    /// exit 2, a failed run or any other error exit 1. No stack trace reaches the user (a failed run's is in its log.txt;
    /// other errors print theirs with <c>COEVO_TRACE=1</c>).
    /// </summary>
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
        catch (RunFailedException e)
        {
            stderr.WriteLine($"error: the run failed: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            string what = e is OutOfMemoryException ? "out of memory" : $"{e.GetType().Name}: {e.Message}";
            stderr.WriteLine($"error: {what}".ReplaceLineEndings(" "));
            if (Environment.GetEnvironmentVariable(TraceVariable) is "1") stderr.WriteLine(e);
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
        root.Subcommands.Add(InfoCommand(stdout, stderr));
        root.Subcommands.Add(BreedCommand(stdout, stderr, cancel));
        root.Subcommands.Add(HelpCommand(root, stdout, stderr));
        root.Subcommands.Add(FeaturesCommand(stdout, stderr));
        root.Subcommands.Add(MetricsCommand(stdout, stderr));
        root.Subcommands.Add(ReportCommand(stdout, stderr));
        root.Subcommands.Add(SampleCommand(stdout, stderr));
        root.Subcommands.Add(LatentCommand(stdout, stderr));
        root.Subcommands.Add(InpaintCommand(stdout, stderr));
        root.Subcommands.Add(CompareCommand(stdout, stderr, cancel));
        return root;
    }

    private static Command HelpCommand(RootCommand root, TextWriter stdout, TextWriter stderr)
    {
        var topic = new Argument<string?>("command") { Description = "the command to explain (all commands when left out)", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("help", "Show help for coevo or one of its commands.") { topic };
        cmd.SetAction(parse =>
        {
            string? name = parse.GetValue(topic);
            if (name != null && root.Subcommands.All(c => c.Name != name))
            {
                stderr.WriteLine($"error: unknown command '{name}'; commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
                return BadInput;
            }
            return Execute(name is null ? ["--help"] : [name, "--help"], stdout, stderr);
        });
        return cmd;
    }

    private static Option<string[]> SetOption() => new("--set")
    {
        Description = "override a config value, e.g. --set artist.population=64 (repeatable); paths are relative to the current folder",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>An integer option whose parse error names the option and the value, not .NET types.</summary>
    private static Option<int?> IntOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v)) return v;
            result.AddError($"{name}: expected a whole number, got '{text}'");
            return null;
        },
    };

    /// <summary>A number option whose parse error names the option and the value, not .NET types.</summary>
    private static Option<double?> DoubleOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
            result.AddError($"{name}: expected a number, got '{text}'");
            return null;
        },
    };

    private static Command RunCommand(TextWriter stdout, TextWriter stderr, CancellationToken outer)
    {
        var config = new Argument<string?>("config") { Description = "experiment YAML file", Arity = ArgumentArity.ZeroOrOne };
        var seed = IntOption("--seed", "override the config's seed");
        var outDir = new Option<string?>("--out") { Description = "use exactly this (new or empty) folder as the run folder" };
        var set = SetOption();
        var resume = new Option<string?>("--resume") { Description = "continue the run in this run folder from its newest checkpoint (--set may only raise the budget)" };
        var cmd = new Command("run", "Run an experiment from a YAML config; writes a run folder under results/. Ctrl-C, SIGTERM and SIGHUP stop it with a checkpoint.")
            { config, seed, outDir, set, resume };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string? resumeDir = parse.GetValue(resume);
            string? configPath = parse.GetValue(config);
            var overrides = parse.GetValue(set) ?? [];
            string runDir;
            ExperimentConfig cfg;
            Resumption? resumption = null;
            if (resumeDir != null)
            {
                if (configPath != null) throw new InputException("give either a config file or --resume <run-dir>, not both");
                if (parse.GetValue(outDir) != null) throw new InputException("--out cannot be combined with --resume (the run continues in its own folder)");
                if (parse.GetValue(seed) != null) throw new InputException("--seed cannot be combined with --resume (a run keeps its seed)");
                if (string.IsNullOrWhiteSpace(resumeDir)) throw new InputException("--resume: expected a run folder, got ''");
                runDir = Path.GetFullPath(resumeDir);
                if (!Directory.Exists(runDir)) throw new InputException("run folder not found", resumeDir);
                string resolved = Path.Combine(runDir, RunFolder.ConfigFile);
                if (!File.Exists(resolved)) throw new InputException($"not a run folder: {RunFolder.ConfigFile} is missing", resumeDir);
                var stored = ExperimentConfig.Load(resolved);
                cfg = overrides.Length == 0 ? stored : ExperimentConfig.Load(resolved, overrides);
                resumption = new Resumption(ExperimentRunner.RaisedBudget(overrides, stored.Budget, cfg.Budget));
            }
            else
            {
                if (configPath is null) throw new InputException("missing config file: coevo run <config.yaml> (or --resume <run-dir>)");
                cfg = ExperimentConfig.Load(configPath, overrides, parse.GetValue(seed));
                runDir = "";
            }
            var experiment = Experiment.Build(cfg);
            if (resumeDir is null) runDir = RunFolder.Create(cfg.Output.Dir, cfg.Name, DateTime.Now, parse.GetValue(outDir));
            stdout.WriteLine($"{(resumeDir != null ? "resuming" : "running")} '{cfg.Name}' in {runDir}");

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
            int stopCode = Interrupted;
            var registrations = OnStopSignals(cts, (name, exit) =>
            {
                stopCode = exit;
                stderr.WriteLine($"{name}: stopping at the next safe point and writing a checkpoint ({(name == "Ctrl-C" ? "Ctrl-C" : "the signal")} again to abort)...");
            });
            try
            {
                var outcome = ExperimentRunner.Run(experiment, runDir, resumption, stdout, cts.Token);
                if (outcome == RunOutcome.Interrupted)
                {
                    stdout.WriteLine($"stopped; continue with: coevo run --resume {runDir}");
                    return outer.IsCancellationRequested ? Interrupted : stopCode;
                }
                stdout.WriteLine($"done: {runDir}");
                return Ok;
            }
            catch (RunFailedException e)
            {
                throw new RunFailedException($"{e.Message}. {(e.Checkpoint is null ? "Start it again" : $"Resume with: coevo run --resume {runDir}")} (details in {Path.Combine(runDir, RunFolder.LogFile)})",
                    e.Checkpoint, e.InnerException!);
            }
            finally
            {
                foreach (var r in registrations) r.Dispose();
            }
        }));
        return cmd;
    }

    private static Command ValidateCommand(TextWriter stdout, TextWriter stderr)
    {
        var config = new Argument<string>("config") { Description = "experiment YAML file" };
        var set = SetOption();
        var cmd = new Command("validate", "Check a config (or a compare file, cell by cell) without running it: everything a run would reject, including its memory need, is rejected here.") { config, set };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string path = parse.GetValue(config)!;
            if (Comparing.CompareConfig.IsCompareFile(path))
            {
                if (parse.GetValue(set) is { Length: > 0 }) throw new InputException("--set applies to experiment configs; this is a compare file (edit it, or its cells)", path);
                var comparison = Comparing.CompareConfig.Load(path);
                Validate(comparison, stdout);
                stdout.WriteLine($"{path}: ok (a comparison: {comparison.Approaches.Count} approaches x {comparison.Seeds.Count} seeds; run it with coevo compare {path})");
                return Ok;
            }
            var experiment = Experiment.Build(ExperimentConfig.Load(path, parse.GetValue(set) ?? []));
            stdout.WriteLine($"{parse.GetValue(config)}: ok ({experiment.Describe()}; needs about {InputFile.Size(MemoryEstimate.Bytes(experiment.Config))} of memory)");
            return Ok;
        }));
        return cmd;
    }

    private static Command RenderCommand(TextWriter stdout, TextWriter stderr)
    {
        var genome = new Argument<string>("genome") { Description = "genome file: .json (gp, cppn or biomorph), .sexp (GP) or .xml (Picbreeder cppn-x)" };
        var size = IntOption("--size", $"width and height in pixels, 1 to {MaxRenderSize} [default: {DefaultRenderSize}]");
        var output = new Option<string?>("--output", "-o") { Description = "PNG to write [default: <genome name>-<size>.png in the current folder]" };
        var cmd = new Command("render", "Render a genome file to a PNG at any size.") { genome, size, output };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string path = parse.GetValue(genome)!;
            int side = parse.GetValue(size) ?? DefaultRenderSize;
            if (side < 1 || side > MaxRenderSize) throw new InputException($"--size must be between 1 and {MaxRenderSize}, got {side}");
            string png = parse.GetValue(output) ?? DefaultRenderName(path, side);
            string full = OutputPng(png);
            var render = Rendering.GenomeFiles.Load(path);
            WritePng(render(side, side), full);
            stdout.WriteLine($"wrote {png} ({side}x{side})");
            return Ok;
        }));
        return cmd;
    }

    /// <summary>The full path of a PNG to write (-o): an InputException when it is not a .png, is a folder or lies under a file.</summary>
    internal static string OutputPng(string png, string option = "--output")
    {
        if (!png.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new InputException($"{option} must name a .png file, got '{png}'");
        string full = Path.GetFullPath(png);
        if (Directory.Exists(full)) throw new InputException($"{option} names a folder, not a .png file", png);
        if (OptionBinder.FileOnTheWay(Path.GetDirectoryName(full)!) is { } file)
            throw new InputException($"{option}: '{file}' is a file, so nothing can be written under it", png);
        return full;
    }

    /// <summary>A folder to write into (-o): created if missing; an InputException when it has files already (nothing is overwritten) or cannot be made.</summary>
    internal static string OutputFolder(string dir, string option = "--output")
    {
        if (string.IsNullOrWhiteSpace(dir)) throw new InputException($"{option}: expected a folder");
        string full = Path.GetFullPath(dir);
        if (File.Exists(full)) throw new InputException($"{option} names a file, not a folder", dir);
        if (OptionBinder.FileOnTheWay(full) is { } file)
            throw new InputException($"{option}: '{file}' is a file, so nothing can be written under it", dir);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new InputException($"{option}: the folder is not empty (nothing is overwritten; choose a new one)", dir);
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"{option}: {e.Message}", dir, inner: e); }
        return full;
    }

    /// <summary>Writes a PNG atomically; an I/O failure is bad input (the place given), not a crash.</summary>
    internal static void WritePng(Coevo.Coevolution.Imaging.Image image, string path)
    {
        try { Coevo.Coevolution.Imaging.Png.Write(image, path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException(e.Message, path, inner: e); }
    }

    private static Command InfoCommand(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("info", "Show the deep-learning set-up (TorchSharp, libtorch, devices, threads) and run a forward/backward self-check.");
        cmd.SetAction(_ => Guard(stderr, () =>
        {
            string torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?";
            stdout.WriteLine($"TorchSharp {torchSharp}, libtorch {TorchSharp.torch.__version__} ({TorchDevices.Backend} build; -p:TorchBackend=cpu|cuda chooses)");
            stdout.WriteLine($"libtorch threads: {TorchSharp.torch.get_num_threads()}");
            string cuda = TorchDevices.Problem("cuda") is { } why ? $"cuda unavailable: {why}" : "cuda available";
            stdout.WriteLine($"devices: cpu; {cuda}");
            var (ok, detail) = TorchSelfCheck.Run(TorchSharp.torch.CPU);
            stdout.WriteLine($"self-check (forward and backward on cpu): {(ok ? "ok" : "FAILED")}: {detail}");
            string fashion = Coevo.Coevolution.Datasets.FashionMnist.DefaultDirectory;
            stdout.WriteLine($"fashion-mnist: {fashion} ({(Directory.Exists(fashion) ? "found" : "missing: apt-get install dataset-fashion-mnist")})");
            return ok ? Ok : Failed;
        }));
        return cmd;
    }

    private static Command BreedCommand(TextWriter stdout, TextWriter stderr, CancellationToken outer)
    {
        var defaults = new Breeding.BreedOptions();
        var artist = new Option<string>("--artist") { Description = "artist of a new session: cppn, gp or biomorph", DefaultValueFactory = _ => defaults.Artist };
        var session = new Option<string>("--session") { Description = "session to open (created if new)", DefaultValueFactory = _ => defaults.Session };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => defaults.Port };
        var host = new Option<string>("--host") { Description = "address to listen on (default loopback only; 0.0.0.0 opens it to the network)", DefaultValueFactory = _ => defaults.Host };
        var outDir = new Option<string>("--out") { Description = "folder of the breeding database", DefaultValueFactory = _ => defaults.OutDir };
        var cmd = new Command("breed", "Breed pictures in the browser (Blind Watchmaker / Picbreeder): starts a local web server and prints its address.")
            { artist, session, port, host, outDir };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            var options = new Breeding.BreedOptions(parse.GetValue(artist)!, parse.GetValue(session)!, parse.GetValue(port), parse.GetValue(host)!, parse.GetValue(outDir)!);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
            try
            {
                return Breeding.BreedServer.Serve(options, Environment.ProcessorCount, stdout, cts.Token).GetAwaiter().GetResult();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return cmd;
    }

    /// <summary>Side of a render when --size is not given.</summary>
    public const int DefaultRenderSize = 512;
    /// <summary>Largest --size of a render.</summary>
    public const int MaxRenderSize = 16384;

    /// <summary>What <c>render</c> writes without -o: "&lt;genome name&gt;-&lt;size&gt;.png" in the current folder.</summary>
    public static string DefaultRenderName(string genome, int side) => $"{Path.GetFileNameWithoutExtension(genome)}-{side}.png";

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

    /// <summary>Widest default shown in its column by <c>coevo list</c>; longer ones get a line of their own.</summary>
    public const int ListDefaultWidth = 16;

    /// <summary>The text of <c>coevo list</c>.</summary>
    public static string Listing()
    {
        var sw = new StringWriter();
        foreach (var kind in Enum.GetValues<ComponentKind>())
        {
            sw.WriteLine($"{kind.ToString().ToLowerInvariant()}s:");
            foreach (var c in Registry.All.Where(c => c.Kind == kind))
            {
                sw.WriteLine($"  {c.Name} - {c.Description}{(c.Roles.Count > 0 ? $" [{string.Join(", ", c.Roles)}]" : "")}");
                var defaults = c.DefaultOptions();
                var options = OptionBinder.Options(c.OptionsType);
                if (options.Count == 0) sw.WriteLine("      (no options)");
                // columns as wide as this component's longest key and (short) default, so long names never shift a row;
                // a default longer than ListDefaultWidth gets its own line, with the description under the column
                int keyWidth = options.Select(o => o.Key.Length).DefaultIfEmpty(0).Max();
                int defaultWidth = options.Select(o => OptionBinder.DefaultText(o, defaults).Length).Where(n => n <= ListDefaultWidth).DefaultIfEmpty(0).Max();
                string indent = new(' ', 6 + keyWidth + 2 + defaultWidth + 2);
                foreach (var o in options)
                {
                    string text = OptionBinder.DefaultText(o, defaults);
                    string description = $"{o.Description}{RangeText(o)}";
                    if (text.Length <= defaultWidth) sw.WriteLine($"      {o.Key.PadRight(keyWidth)}  {text.PadRight(defaultWidth)}  {description}");
                    else sw.WriteLine($"      {o.Key.PadRight(keyWidth)}  {text}\n{indent}{description}");
                }
            }
            sw.WriteLine();
        }
        return sw.ToString();
    }

    private static string RangeText(OptionInfo o) =>
        o.Range is { } r ? $" [{r.Minimum}..{r.Maximum}]" : "";
}
