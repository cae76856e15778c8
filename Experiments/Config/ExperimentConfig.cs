using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Gradient;
using YamlDotNet.RepresentationModel;

namespace Coevo.Experiments.Config;

/// <summary>A component chosen by <c>type:</c> in a section, with its bound options.</summary>
/// <param name="Component">The registered component.</param>
/// <param name="Options">Its bound options.</param>
/// <param name="Section">The section's name, e.g. "artist (gp)".</param>
/// <param name="ErrorAt">An error located at the section in the config (file:line:column).</param>
public sealed record ComponentChoice(Component Component, object Options, string Section, Func<string, InputException> ErrorAt)
{
    /// <summary>
    /// Creates the component. A factory's complaint about its options (an <see cref="ArgumentException"/>, an unreadable
    /// file) becomes an <see cref="InputException"/> located at the section, so no bad config gets past this point.
    /// </summary>
    public object Create(ComponentContext context)
    {
        try
        {
            return Component.Create(Options, context);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or NotSupportedException)
        {
            throw ErrorAt($"{Section}: {e.Message}");
        }
    }

    /// <summary>"target (metric: ssim)": the name and the choice-valued options of its own (not shared ones like selection), for titles.</summary>
    public string Summary
    {
        get
        {
            var choices = OptionBinder.Options(Options.GetType())
                .Where(o => o.Property.DeclaringType == Options.GetType())
                .Where(o => (Nullable.GetUnderlyingType(o.Property.PropertyType) ?? o.Property.PropertyType).IsEnum && o.Property.GetValue(Options) != null)
                .Select(o => $"{o.Key}: {OptionBinder.DefaultText(o, Options)}")
                .ToList();
            return choices.Count == 0 ? Component.Name : $"{Component.Name} ({string.Join(", ", choices)})";
        }
    }
}

/// <summary>The <c>budget:</c> section: when a run stops (whichever limit comes first).</summary>
public sealed class BudgetOptions
{
    [Description("generations to run (evolutionary schedules)")]
    [Range(1, 100_000_000)]
    public int? Generations { get; set; }

    [Description("optimisation steps to run (gradient schedules)")]
    [Range(1, 100_000_000)]
    public int? Steps { get; set; }

    [Description("artist images judged by a critic: one budget for artists that learn in different ways (coevo compare)")]
    [Range(1L, 1_000_000_000_000L)]
    public long? Images { get; set; }

    [Description("wall-clock limit in seconds")]
    [Range(0.001, 1e9)]
    public double? Seconds { get; set; }

    [Description("stop once the best score reaches this value")]
    public double? TargetFitness { get; set; }

    [Description("stop after this many generations without a better best score")]
    [Range(1, 100_000_000)]
    public int? Stagnation { get; set; }
}

/// <summary>The <c>output:</c> section: where results go and how often samples and checkpoints are written.</summary>
public sealed class OutputOptions
{
    [Description("folder that holds run folders (a new <yyyyMMdd-HHmmss>-<name>/ inside it per run); by default results/ in the current folder")]
    [OutputPath]
    public string Dir { get; set; } = "results";

    [Description("write a labelled contact sheet every N generations (and always the last)")]
    [Range(1, 1_000_000)]
    public int SampleEvery { get; set; } = 5;

    [Description("most images on one contact sheet")]
    [Range(1, 1024)]
    public int SampleCount { get; set; } = 16;

    [Description("write a checkpoint every N generations (and always at the end and on Ctrl-C)")]
    [Range(1, 1_000_000)]
    public int CheckpointEvery { get; set; } = 10;
}

/// <summary>A whole experiment, parsed and validated from YAML before any work starts.</summary>
public sealed class ExperimentConfig
{
    private static readonly string[] TopLevelKeys = ["name", "seed", "threads", "device", "artist", "critic", "schedule", "data", "metrics", "budget", "output"];

    /// <summary>The experiment's name; part of the run folder's name.</summary>
    public required string Name { get; init; }
    /// <summary>Seeds every random choice of the run.</summary>
    public required int Seed { get; init; }
    /// <summary>Threads for CPU-parallel work.</summary>
    public required int Threads { get; init; }
    /// <summary>Where tensors live: cpu, or cuda on a CUDA build (see <see cref="TorchDevices"/>).</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>The artist section.</summary>
    public required ComponentChoice Artist { get; init; }
    /// <summary>The critic section.</summary>
    public required ComponentChoice Critic { get; init; }
    /// <summary>The schedule section.</summary>
    public required ComponentChoice Schedule { get; init; }
    /// <summary>The data section (a dataset chosen by type), when present.</summary>
    public ComponentChoice? Data { get; init; }
    /// <summary>The metrics section (measuring against the data as the run goes), when present.</summary>
    public MetricsOptions? Metrics { get; init; }
    /// <summary>The budget section.</summary>
    public required BudgetOptions Budget { get; init; }
    /// <summary>The output section.</summary>
    public required OutputOptions Output { get; init; }
    /// <summary>The config file's folder; relative paths start there.</summary>
    public required string BaseDirectory { get; init; }
    /// <summary>The config file it was read from (for errors that concern the whole config).</summary>
    public string? File { get; init; }

    /// <summary>The context handed to component factories; the dataset loads on first use.</summary>
    public ComponentContext Context
    {
        get
        {
            var plain = new ComponentContext(Seed, Threads, BaseDirectory) { Device = Device };
            return Data is { } d ? plain with { Data = new Lazy<IImageDataset>(() => (IImageDataset)d.Create(plain)) } : plain;
        }
    }

    /// <summary>Loads, applies <paramref name="overrides"/> (<c>key.path=value</c>) and validates a config file.</summary>
    public static ExperimentConfig Load(string path, IEnumerable<string>? overrides = null, int? seed = null)
    {
        var source = YamlSource.Load(path);
        foreach (var o in overrides ?? []) source.ApplyOverride(o);
        if (seed is { } s) source.ApplyOverride($"seed={s}");
        return Bind(source, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Validates a parsed config.</summary>
    public static ExperimentConfig Bind(YamlSource source, string baseDirectory)
    {
        var root = source.Root;
        foreach (var key in root.Children.Keys)
        {
            string k = (key as YamlScalarNode)?.Value ?? "";
            if (!TopLevelKeys.Contains(k))
                throw source.Error(key, $"unknown section '{k}'; valid sections: {string.Join(", ", TopLevelKeys)}");
        }

        string name = Scalar<string>(source, root, "name", required: true)!;
        if (!IsFolderName(name))
            throw source.Error(Node(root, "name")!, $"name '{name}' must be 1-64 letters, digits, '.', '_' or '-' (it names the run folder)");
        int seed = Scalar<int?>(source, root, "seed") ?? 1;
        int threads = Scalar<int?>(source, root, "threads") ?? Environment.ProcessorCount;
        if (threads < 1 || threads > 1024)
            throw source.Error(Node(root, "threads")!, $"threads must be between 1 and 1024, got {threads}");
        string device = Scalar<string>(source, root, "device") ?? "cpu";
        if (TorchDevices.Problem(device) is { } deviceProblem)
            throw source.Error(Node(root, "device")!, deviceProblem);

        var artist = Choose(source, root, ComponentKind.Artist, baseDirectory, defaultType: null);
        var critic = Choose(source, root, ComponentKind.Critic, baseDirectory, defaultType: null);
        var schedule = Choose(source, root, ComponentKind.Schedule, baseDirectory, defaultType: "evolve");

        var budgetNode = Section(source, root, "budget");
        var budget = (BudgetOptions)OptionBinder.Bind(typeof(BudgetOptions), budgetNode, source, "budget", baseDirectory);
        if (budget.Generations is null && budget.Steps is null && budget.Images is null && budget.Seconds is null)
            throw source.Error((YamlNode?)budgetNode ?? root, "budget needs at least one of generations, steps, images or seconds");

        var output = (OutputOptions)OptionBinder.Bind(typeof(OutputOptions), Section(source, root, "output"), source, "output", baseDirectory);

        var data = Section(source, root, "data") is null ? null : Choose(source, root, ComponentKind.Dataset, baseDirectory, defaultType: null, "data");
        var metrics = BindMetrics(source, root, baseDirectory, data is not null);

        return new ExperimentConfig
        {
            Name = name, Seed = seed, Threads = threads, Device = device, File = source.File,
            Artist = artist, Critic = critic, Schedule = schedule,
            Data = data, Metrics = metrics, Budget = budget, Output = output, BaseDirectory = baseDirectory,
        };
    }

    private static MetricsOptions? BindMetrics(YamlSource source, YamlMappingNode root, string baseDirectory, bool hasData)
    {
        var map = Section(source, root, "metrics");
        if (map is null) return null;
        if (!hasData) throw source.Error(Node(root, "metrics")!, "metrics: measures the run's images against real ones; add a data: section to compare with");
        var options = (MetricsOptions)OptionBinder.Bind(typeof(MetricsOptions), map, source, "metrics", baseDirectory);
        try
        {
            // a path (not a shipped name) starts at the config's folder, as every path in a config does
            string features = options.Features;
            if (features.Contains('/') || features.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
                features = Path.GetFullPath(Path.Combine(baseDirectory, features));
            Coevo.Coevolution.Metrics.Features.FeatureExtractor.Resolve(features);
            options.Features = features;
        }
        catch (InputException e)
        {
            throw source.Error((YamlNode?)Node(map, "features") ?? map, $"metrics.features: {e.Message}");
        }
        return options;
    }

    /// <summary>
    /// The data set a YAML file describes: its <c>data:</c> section (as in an experiment config), or the whole file
    /// when it is such a section (<c>type: image_folder</c> ...). Relative paths start at the file's folder.
    /// </summary>
    public static ComponentChoice LoadData(string path)
    {
        var source = YamlSource.Load(path);
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var root = Node(source.Root, "data") is null && Node(source.Root, "type") is not null
            ? new YamlMappingNode { { "data", source.Root } }
            : source.Root;
        return Choose(source, root, ComponentKind.Dataset, baseDirectory, defaultType: null, "data");
    }

    private static ComponentChoice Choose(YamlSource source, YamlMappingNode root, ComponentKind kind, string baseDirectory, string? defaultType, string? sectionName = null)
    {
        string section = sectionName ?? kind.ToString().ToLowerInvariant();
        var map = Section(source, root, section);
        var candidates = Registry.All.Where(c => c.Kind == kind).ToList();
        string valid = string.Join(", ", candidates.Select(c => c.Name));
        if (map is null && defaultType is null)
            throw source.Error(root, $"missing required section '{section}:' (with type: one of {valid})");
        var typeNode = map is null ? null : Node(map, "type");
        string? type = typeNode is null ? defaultType : (string?)OptionBinder.Convert(typeNode, typeof(string), source, $"{section}.type");
        if (type is null)
            throw source.Error(map!, $"missing required key 'type' in {section}; valid types: {valid}");
        var component = candidates.FirstOrDefault(c => c.Name == type)
            ?? throw source.Error((YamlNode?)typeNode ?? root, $"unknown {section} type '{type}'; valid types: {valid}");
        string name = $"{section} ({type})";
        var options = OptionBinder.Bind(component.OptionsType, map, source, name, baseDirectory, "type");
        var at = (YamlNode?)map ?? root;
        return new ComponentChoice(component, options, name, problem => source.Error(at, problem));
    }

    /// <summary>True when <paramref name="name"/> can name a folder: 1 to <paramref name="max"/> letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static bool IsFolderName(string name, int max = 64) =>
        name.Length <= max && Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /// <summary>The value of <paramref name="key"/> in <paramref name="map"/>, or null.</summary>
    internal static YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

    private static YamlMappingNode? Section(YamlSource source, YamlMappingNode root, string key)
    {
        var node = Node(root, key);
        return node switch
        {
            null => null,
            YamlMappingNode m => m,
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            _ => throw source.Error(node, $"section '{key}' must be a mapping of key: value lines"),
        };
    }

    private static T? Scalar<T>(YamlSource source, YamlMappingNode root, string key, bool required = false)
    {
        var node = Node(root, key);
        if (node is null)
        {
            if (required) throw source.Error(root, $"missing required key '{key}'");
            return default;
        }
        return (T?)OptionBinder.Convert(node, typeof(T), source, key);
    }

    /// <summary>The fully resolved config (every default filled in) as YAML; <paramref name="path"/> rewrites path values
    /// (full paths) as they should be written, e.g. relative to the run folder.</summary>
    public string ToYaml(Func<string, string>? path = null)
    {
        var root = new YamlMappingNode
        {
            { "name", Name },
            { "seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { "threads", Threads.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { "device", Device },
        };
        foreach (var (key, choice) in new[] { ("artist", Artist), ("critic", Critic), ("schedule", Schedule), ("data", Data) })
        {
            if (choice is null) continue;
            var map = new YamlMappingNode { { "type", choice.Component.Name } };
            foreach (var (k, v) in OptionBinder.ToYaml(choice.Options, path).Children) map.Add(k, v);
            root.Add(key, map);
        }
        if (Metrics is not null) root.Add("metrics", OptionBinder.ToYaml(Metrics));
        root.Add("budget", OptionBinder.ToYaml(Budget));
        root.Add("output", OptionBinder.ToYaml(Output, path));
        var stream = new YamlStream(new YamlDocument(root));
        var sw = new StringWriter();
        stream.Save(sw, assignAnchors: false);
        string text = sw.ToString();
        return text.EndsWith("...\n") ? text[..^4] : text;
    }
}
