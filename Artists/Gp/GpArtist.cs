using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>Options of the GP expression-tree artist (YAML <c>artist: gp</c>), on top of the shared evolution settings.</summary>
[Description("GP expression-tree artist (Sims 1991): a tree over x, y and r that gives RGB")]
public sealed class GpArtistOptions : EvolutionOptions
{
    [Description("deepest tree any operator may make (a lone terminal has depth 1)")]
    [Range(2, 64)]
    public int MaxDepth { get; set; } = 12;

    [Description("most nodes a tree may have")]
    [Range(1, 10000)]
    public int MaxSize { get; set; } = 120;

    [Description("deepest random tree in the initial population (ramped half-and-half)")]
    [Range(1, 64)]
    public int InitialDepth { get; set; } = 5;

    [Description("shallowest random tree in the initial population")]
    [Range(1, 64)]
    public int MinInitialDepth { get; set; } = 2;

    [Description("deepest subtree that the replace-subtree mutation grows")]
    [Range(1, 64)]
    public int MutationDepth { get; set; } = 3;

    [Description("chance that a growing branch stops at a terminal before its depth limit")]
    [Range(0.0, 1.0)]
    public double TerminalProbability { get; set; } = 0.3;

    [Description("chance that a terminal is a constant rather than x, y or r")]
    [Range(0.0, 1.0)]
    public double ConstantProbability { get; set; } = 0.35;

    [Description("chance that a constant is a colour vector rather than a scalar")]
    [Range(0.0, 1.0)]
    public double ColorConstantProbability { get; set; } = 0.3;

    [Description("standard deviation of the Gaussian step of perturb-constant")]
    [Range(0.0, 100.0)]
    public double ConstantSigma { get; set; } = 0.2;

    [Description("function set: 'all', or names separated by spaces or commas from + - * / mod min max abs sin cos atan2 exp log if noise color-noise hsv warp rgb")]
    public string Functions { get; set; } = "all";

    [Description("weight of the mutation that replaces a node by a random subtree")]
    [Range(0.0, 1000.0)]
    public double ReplaceSubtreeWeight { get; set; } = 3;

    [Description("weight of the mutation that perturbs a scalar or colour constant")]
    [Range(0.0, 1000.0)]
    public double PerturbConstantWeight { get; set; } = 2;

    [Description("weight of the mutation that swaps a function for another of the same arity")]
    [Range(0.0, 1000.0)]
    public double SwapFunctionWeight { get; set; } = 2;

    [Description("weight of the mutation that wraps a node in a new function")]
    [Range(0.0, 1000.0)]
    public double WrapWeight { get; set; } = 1;

    [Description("weight of the mutation that promotes an argument to replace its parent")]
    [Range(0.0, 1000.0)]
    public double PromoteWeight { get; set; } = 1;

    [Description("weight of the mutation that replaces a node by a copy of another node of the tree")]
    [Range(0.0, 1000.0)]
    public double CopyNodeWeight { get; set; } = 1;

    /// <inheritdoc/>
    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var r in base.Validate(validationContext)) yield return r;
        if (!(MinInitialDepth <= InitialDepth && InitialDepth <= MaxDepth))
            yield return new ValidationResult($"need min_initial_depth ({MinInitialDepth}) <= initial_depth ({InitialDepth}) <= max_depth ({MaxDepth})",
                [MinInitialDepth > InitialDepth ? nameof(MinInitialDepth) : nameof(InitialDepth)]);
        string? functions = null;
        try { ParseFunctions(Functions); }
        catch (ArgumentException e) { functions = e.Message; }
        if (functions != null) yield return new ValidationResult(functions, [nameof(Functions)]);
        if (ReplaceSubtreeWeight + PerturbConstantWeight + SwapFunctionWeight + WrapWeight + PromoteWeight + CopyNodeWeight <= 0)
            yield return new ValidationResult("at least one mutation weight must be above 0", [nameof(ReplaceSubtreeWeight)]);
    }

    /// <summary>The generator/operator settings these options describe; <see cref="ArgumentException"/> names a bad option.</summary>
    public GpSettings ToSettings() => new GpSettings
    {
        MaxDepth = MaxDepth,
        MaxSize = MaxSize,
        InitialDepth = InitialDepth,
        MinInitialDepth = MinInitialDepth,
        MutationDepth = MutationDepth,
        TerminalProbability = TerminalProbability,
        ConstantProbability = ConstantProbability,
        ColorConstantProbability = ColorConstantProbability,
        ConstantSigma = ConstantSigma,
        Functions = ParseFunctions(Functions),
        MutationWeights = [ReplaceSubtreeWeight, PerturbConstantWeight, SwapFunctionWeight, WrapWeight, PromoteWeight, CopyNodeWeight],
    }.Validated();

    /// <summary>Parses the <c>functions</c> option.</summary>
    public static IReadOnlyList<GpOp> ParseFunctions(string text)
    {
        var names = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 1 && names[0] == "all") return GpOps.Functions;
        var ops = new List<GpOp>();
        foreach (var n in names)
        {
            if (!GpOps.TryParse(n, out var op) || GpOps.Arity(op) == 0)
                throw new ArgumentException($"functions: unknown function '{n}'; known: all, or some of {string.Join(' ', GpOps.Functions.Select(GpOps.Name))}");
            if (!ops.Contains(op)) ops.Add(op);
        }
        if (ops.Count == 0) throw new ArgumentException("functions: name at least one function, or 'all'");
        return ops;
    }
}

/// <summary>The GP expression-tree artist: an <see cref="EvolvingArtist{T}"/> over <see cref="GpTree"/>.</summary>
public static class GpArtist
{
    /// <summary>The registry factory: options and context to a ready artist (initial population drawn from the context's seed).</summary>
    public static EvolvingArtist<GpTree> Create(GpArtistOptions options, ComponentContext context)
    {
        var settings = options.ToSettings();
        return new EvolvingArtist<GpTree>(options, new GpGenerator(settings), new GpMutation(settings), new GpCrossover(settings),
            new GpRenderer(), new GpSExpressionFormat(), context);
    }
}
