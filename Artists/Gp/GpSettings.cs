namespace Coevo.Artists.Gp;

/// <summary>What the GP generator and operators need: bloat limits, the function set and the random-tree shape.</summary>
public sealed record GpSettings
{
    /// <summary>Deepest tree any operator may return (a terminal has depth 1).</summary>
    public int MaxDepth { get; init; } = 12;
    /// <summary>Most nodes any operator may return.</summary>
    public int MaxSize { get; init; } = 120;
    /// <summary>Random initial trees have depth between <see cref="MinInitialDepth"/> and this.</summary>
    public int InitialDepth { get; init; } = 5;
    /// <summary>Shallowest random initial tree.</summary>
    public int MinInitialDepth { get; init; } = 2;
    /// <summary>Deepest subtree that replace-subtree mutation grows.</summary>
    public int MutationDepth { get; init; } = 3;
    /// <summary>Chance that the grow method stops at a terminal above its depth limit.</summary>
    public double TerminalProbability { get; init; } = 0.3;
    /// <summary>Among terminals: chance of a constant (scalar or colour) rather than x, y or r.</summary>
    public double ConstantProbability { get; init; } = 0.35;
    /// <summary>Among constants: chance of a colour vector rather than a scalar.</summary>
    public double ColorConstantProbability { get; init; } = 0.3;
    /// <summary>Standard deviation of the Gaussian step that perturb-constant adds.</summary>
    public double ConstantSigma { get; init; } = 0.2;
    /// <summary>Functions the generator and mutations draw from (all by default).</summary>
    public IReadOnlyList<GpOp> Functions { get; init; } = GpOps.Functions;
    /// <summary>Relative weights of the six mutations, in <see cref="GpMutationKind"/> order.</summary>
    public IReadOnlyList<double> MutationWeights { get; init; } = [3, 2, 2, 1, 1, 1];

    /// <summary>True when a tree is within the depth and size limits.</summary>
    public bool Fits(GpNode root) => root.Depth <= MaxDepth && root.Size <= MaxSize;

    /// <summary>Throws <see cref="ArgumentException"/> when the settings cannot work together.</summary>
    public GpSettings Validated()
    {
        if (MaxDepth < 1 || MaxSize < 1) throw new ArgumentException($"max_depth and max_size must be at least 1 (got {MaxDepth}, {MaxSize})");
        if (MinInitialDepth < 1 || InitialDepth < MinInitialDepth || InitialDepth > MaxDepth)
            throw new ArgumentException($"need 1 <= min_initial_depth ({MinInitialDepth}) <= initial_depth ({InitialDepth}) <= max_depth ({MaxDepth})");
        if (Functions.Count == 0 || Functions.Any(f => GpOps.Arity(f) == 0)) throw new ArgumentException("the function set must be non-empty and hold only functions");
        if (MutationWeights.Count != 6 || MutationWeights.Any(w => w < 0 || !double.IsFinite(w)) || MutationWeights.Sum() <= 0)
            throw new ArgumentException("mutation weights: six non-negative numbers, not all zero");
        return this;
    }
}
