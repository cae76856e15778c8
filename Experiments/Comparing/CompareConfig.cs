using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Experiments.Config;
using YamlDotNet.RepresentationModel;

namespace Coevo.Experiments.Comparing;

/// <summary>The <c>measure:</c> section of a comparison: how every finished cell is measured, the same way for all.</summary>
public sealed class MeasureOptions
{
    [Description("the real images every cell is measured against (a coevo metrics SPEC, e.g. fashion-mnist:test:class=Sneaker)")]
    public string Real { get; set; } = "fashion-mnist:test";

    [Description("images measured per cell: a generator's fresh samples, an evolving artist's final population (all cells use the smallest count any cell has)")]
    [Range(8, 100_000)]
    public int Samples { get; set; } = 500;

    [Description("epochs the held-out critic (a fresh cnn) learns real images against half of every cell's images; the other half measures each cell's fooling rate")]
    [Range(1, 1000)]
    public int CriticEpochs { get; set; } = 5;

    [Description("feature network for FID, KID, precision, recall and diversity: a shipped name or a .safetensors")]
    public string Features { get; set; } = FeatureExtractor.DefaultName;
}

/// <summary>One run of the matrix: an approach (a named artist–critic–schedule cell) with one seed.</summary>
/// <param name="Approach">The cell's name in <c>cells:</c>.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Config">Its full experiment config (common settings, the cell's own, the shared budget and the seed).</param>
public sealed record CompareCell(string Approach, int Seed, ExperimentConfig Config)
{
    /// <summary>Its name in the comparison folder: <c>approach-seedN</c>.</summary>
    public string Id => $"{Approach}-seed{Seed}";
}

/// <summary>
/// A <c>compare.yaml</c>: a matrix of approaches × seeds run under one budget and measured one way.
/// <code>
/// name: compare-fashion
/// seeds: [1, 2, 3]
/// parallel: 2               # cells at once (default: cores / threads)
/// budget: {seconds: 120}    # the same for every cell
/// common: {threads: 1, data: ..., metrics: ...}   # merged into every cell (a cell's own keys win)
/// measure: {real: fashion-mnist:test:class=Sneaker, samples: 500}
/// cells:
///   cppn-vs-cnn: {artist: {type: cppn}, critic: {type: cnn}, schedule: {type: coevolve}}
/// </code>
/// </summary>
public sealed class CompareConfig
{
    private static readonly string[] TopLevelKeys = ["name", "seeds", "parallel", "budget", "common", "measure", "cells"];
    private static readonly string[] Reserved = ["name", "seed", "budget"];

    /// <summary>The comparison's name (part of its folder's name).</summary>
    public required string Name { get; init; }
    /// <summary>The seeds every approach runs with.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>Approaches, in file order.</summary>
    public required IReadOnlyList<string> Approaches { get; init; }
    /// <summary>Every run: approaches × seeds, approach-major.</summary>
    public required IReadOnlyList<CompareCell> Cells { get; init; }
    /// <summary>Cells run at once.</summary>
    public required int Parallel { get; init; }
    /// <summary>The budget every cell gets.</summary>
    public required BudgetOptions Budget { get; init; }
    /// <summary>How cells are measured.</summary>
    public required MeasureOptions Measure { get; init; }
    /// <summary>The file it was read from.</summary>
    public required string File { get; init; }
    /// <summary>Its folder; relative paths start there.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>True when the YAML file at <paramref name="path"/> is a compare file (it has a top-level <c>cells:</c>); false for anything else, readable or not.</summary>
    public static bool IsCompareFile(string path)
    {
        try { return ExperimentConfig.Node(YamlSource.Load(path).Root, "cells") is not null; }
        catch (InputException) { return false; }
    }

    /// <summary>The cells of one approach, by seed.</summary>
    public IEnumerable<CompareCell> Of(string approach) => Cells.Where(c => c.Approach == approach);

    /// <summary>Loads and validates a compare file: every cell is bound as a full experiment config, so a bad cell is
    /// an <see cref="InputException"/> at its line in this file before anything runs.</summary>
    /// <param name="path">The compare file.</param>
    /// <param name="baseDirectory">Where its relative paths start (default: its folder; a comparison folder's copy
    /// passes the original's folder).</param>
    public static CompareConfig Load(string path, string? baseDirectory = null)
    {
        var source = YamlSource.Load(path);
        baseDirectory ??= Path.GetDirectoryName(Path.GetFullPath(path))!;
        var root = source.Root;
        foreach (var key in root.Children.Keys)
            if (!TopLevelKeys.Contains((key as YamlScalarNode)?.Value ?? ""))
                throw source.Error(key, $"unknown section '{(key as YamlScalarNode)?.Value}'; valid sections of a compare file: {string.Join(", ", TopLevelKeys)}");

        string name = (string?)Scalar(source, root, "name", typeof(string)) ?? throw source.Error(root, "missing required key 'name'");
        if (!ExperimentConfig.IsFolderName(name))
            throw source.Error(ExperimentConfig.Node(root, "name")!, $"name '{name}' must be 1-64 letters, digits, '.', '_' or '-' (it names the comparison's folder)");
        var seeds = (List<int>?)Scalar(source, root, "seeds", typeof(List<int>)) ?? [1];
        if (seeds.Count == 0) throw source.Error(ExperimentConfig.Node(root, "seeds")!, "seeds: give at least one seed, e.g. [1, 2, 3]");
        if (seeds.Distinct().Count() != seeds.Count) throw source.Error(ExperimentConfig.Node(root, "seeds")!, "seeds: each seed once");

        var budgetNode = ExperimentConfig.Node(root, "budget") as YamlMappingNode
            ?? throw source.Error((YamlNode?)ExperimentConfig.Node(root, "budget") ?? root, "missing 'budget:' mapping: the one budget every cell gets (images, seconds, generations or steps)");
        var common = ExperimentConfig.Node(root, "common") switch
        {
            null => new YamlMappingNode(),
            YamlMappingNode m => m,
            var n => throw source.Error(n, "common: must be a mapping of experiment settings shared by every cell (threads, data, metrics, output ...)"),
        };
        foreach (var key in common.Children.Keys.OfType<YamlScalarNode>())
            if (Reserved.Contains(key.Value)) throw source.Error(key, $"common: '{key.Value}' is set by the comparison itself ({(key.Value == "budget" ? "the top-level budget: applies to every cell" : key.Value == "seed" ? "seeds: lists them" : "each cell is named after its key")})");

        var cellsNode = ExperimentConfig.Node(root, "cells") as YamlMappingNode
            ?? throw source.Error((YamlNode?)ExperimentConfig.Node(root, "cells") ?? root, "missing 'cells:' mapping: name: {artist: ..., critic: ..., schedule: ...} per approach");
        if (cellsNode.Children.Count == 0) throw source.Error(cellsNode, "cells: name at least one approach");
        var approaches = new List<string>();
        var cells = new List<CompareCell>();
        foreach (var (keyNode, valueNode) in cellsNode.Children)
        {
            string approach = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!ExperimentConfig.IsFolderName(approach, 48))
                throw source.Error(keyNode, $"cell name '{approach}' must be 1-48 letters, digits, '.', '_' or '-' (it names the cell's run folders)");
            if (valueNode is not YamlMappingNode cell) throw source.Error(valueNode, $"cells.{approach}: must be a mapping with artist:, critic: and schedule:");
            foreach (var key in cell.Children.Keys.OfType<YamlScalarNode>())
                if (Reserved.Contains(key.Value)) throw source.Error(key, $"cells.{approach}: '{key.Value}' is set by the comparison (every cell gets the same budget and seeds)");
            approaches.Add(approach);
            foreach (int seed in seeds)
            {
                var merged = Merge(common, cell);
                merged.Children[new YamlScalarNode("name")] = new YamlScalarNode(approach);
                merged.Children[new YamlScalarNode("seed")] = new YamlScalarNode(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
                merged.Children[new YamlScalarNode("budget")] = budgetNode;
                var config = ExperimentConfig.Bind(YamlSource.FromMapping(merged, source.File), baseDirectory);
                cells.Add(new CompareCell(approach, seed, config));
            }
        }
        var measure = (MeasureOptions)OptionBinder.Bind(typeof(MeasureOptions), ExperimentConfig.Node(root, "measure") as YamlMappingNode, source, "measure", baseDirectory);
        // a folder or file (not a fashion-mnist: spec or a shipped network's name) starts at the compare file's folder
        if (!measure.Real.StartsWith(Measuring.ImageSets.FashionMnistPrefix + ":", StringComparison.OrdinalIgnoreCase))
            measure.Real = Path.GetFullPath(Path.Combine(baseDirectory, measure.Real));
        if (measure.Features.Contains('/') || measure.Features.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            measure.Features = Path.GetFullPath(Path.Combine(baseDirectory, measure.Features));
        int threads = cells.Max(c => c.Config.Threads);
        int parallel = (int?)Scalar(source, root, "parallel", typeof(int)) ?? Math.Max(1, Environment.ProcessorCount / threads);
        if (parallel < 1 || parallel > 1024) throw source.Error(ExperimentConfig.Node(root, "parallel")!, $"parallel must be between 1 and 1024, got {parallel}");

        return new CompareConfig
        {
            Name = name, Seeds = seeds, Approaches = approaches, Cells = cells, Parallel = parallel,
            Budget = cells[0].Config.Budget, Measure = measure, File = source.File, BaseDirectory = baseDirectory,
        };
    }

    /// <summary><paramref name="over"/> laid over <paramref name="under"/>: mappings merge key by key, anything else is replaced.</summary>
    private static YamlMappingNode Merge(YamlMappingNode under, YamlMappingNode over)
    {
        var result = new YamlMappingNode();
        foreach (var (k, v) in under.Children) result.Children[k] = v;
        foreach (var (k, v) in over.Children)
        {
            var existing = result.Children.Keys.FirstOrDefault(x => x is YamlScalarNode s && k is YamlScalarNode t && s.Value == t.Value);
            if (existing is not null && result.Children[existing] is YamlMappingNode a && v is YamlMappingNode b)
            {
                result.Children.Remove(existing);
                result.Children[k] = Merge(a, b);
            }
            else
            {
                if (existing is not null) result.Children.Remove(existing);
                result.Children[k] = v;
            }
        }
        return result;
    }

    private static object? Scalar(YamlSource source, YamlMappingNode root, string key, Type type) =>
        ExperimentConfig.Node(root, key) is { } node ? OptionBinder.Convert(node, type, source, key) : null;
}
