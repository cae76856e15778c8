using Coevo.Coevolution.Evolution;
using Coevo.Critics.Features;

namespace Coevo.Critics.Gp;

/// <summary>Limits and rates of the GP critic's program generator and operators.</summary>
public sealed record CriticProgramSettings
{
    /// <summary>Deepest program any operator may make.</summary>
    public int MaxDepth { get; init; } = 7;
    /// <summary>Most nodes a program may have.</summary>
    public int MaxSize { get; init; } = 40;
    /// <summary>Deepest random program in the initial population (ramped half-and-half from depth 2).</summary>
    public int InitialDepth { get; init; } = 4;
    /// <summary>Deepest subtree the replace-subtree mutation grows.</summary>
    public int MutationDepth { get; init; } = 3;
    /// <summary>Chance that a terminal is a constant rather than a feature.</summary>
    public double ConstantProbability { get; init; } = 0.3;
    /// <summary>Random constants are uniform in [−ConstantRange, ConstantRange].</summary>
    public double ConstantRange { get; init; } = 2;
    /// <summary>Standard deviation of perturb-constant's Gaussian step.</summary>
    public double ConstantSigma { get; init; } = 0.5;

    /// <summary>True when <paramref name="node"/> is within the size and depth limits.</summary>
    public bool Fits(CriticNode node) => node.Size <= MaxSize && node.Depth <= MaxDepth;

    /// <summary>These settings, or an <see cref="ArgumentException"/> naming the first inconsistent one.</summary>
    public CriticProgramSettings Validated()
    {
        if (MaxDepth < 2) throw new ArgumentException($"max_depth must be at least 2, got {MaxDepth}");
        if (MaxSize < 5) throw new ArgumentException($"max_size must be at least 5, got {MaxSize}");
        if (InitialDepth < 2 || InitialDepth > MaxDepth)
            throw new ArgumentException($"initial_depth must be between 2 and max_depth ({MaxDepth}), got {InitialDepth}");
        if (MutationDepth < 1) throw new ArgumentException($"mutation_depth must be at least 1, got {MutationDepth}");
        return this;
    }
}

/// <summary>Random critic programs: ramped half-and-half for the initial population, grow for mutation subtrees.</summary>
public sealed class CriticProgramGenerator(CriticProgramSettings settings) : IGenomeFactory<CriticProgram>
{
    /// <summary>The settings in use.</summary>
    public CriticProgramSettings Settings { get; } = settings.Validated();

    /// <summary>A random program within the limits, of depth 2 or more.</summary>
    public CriticProgram Create(Random rng)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int depth = rng.Next(2, Settings.InitialDepth + 1);
            var root = rng.Next(2) == 0 ? Full(rng, depth) : Grow(rng, depth);
            if (Settings.Fits(root) && root.Depth >= 2) return new CriticProgram(root);
        }
        // Full programs of four-argument ifs can break max_size at every depth tried: fall back to one function.
        var op = Function(rng);
        var kids = new CriticNode[CriticOps.Arity(op)];
        for (int i = 0; i < kids.Length; i++) kids[i] = Terminal(rng);
        return new CriticProgram(CriticNode.Function(op, kids));
    }

    /// <summary>A random terminal: a feature, or a constant with probability <see cref="CriticProgramSettings.ConstantProbability"/>.</summary>
    public CriticNode Terminal(Random rng) =>
        rng.NextDouble() < Settings.ConstantProbability
            ? CriticNode.Constant((rng.NextDouble() * 2 - 1) * Settings.ConstantRange)
            : CriticNode.Feature(rng.Next(ImageFeatures.Count));

    /// <summary>A random function.</summary>
    public static CriticOp Function(Random rng) => CriticOps.Functions[rng.Next(CriticOps.Functions.Count)];

    /// <summary>A grown program of depth at most <paramref name="maxDepth"/> (branches stop early at random).</summary>
    public CriticNode Grow(Random rng, int maxDepth)
    {
        if (maxDepth <= 1 || rng.NextDouble() < 0.3) return Terminal(rng);
        return FunctionNode(rng, d => Grow(rng, d), maxDepth);
    }

    /// <summary>A full program: every branch reaches depth <paramref name="depth"/>.</summary>
    public CriticNode Full(Random rng, int depth) => depth <= 1 ? Terminal(rng) : FunctionNode(rng, d => Full(rng, d), depth);

    private static CriticNode FunctionNode(Random rng, Func<int, CriticNode> child, int depth)
    {
        var op = Function(rng);
        var kids = new CriticNode[CriticOps.Arity(op)];
        for (int i = 0; i < kids.Length; i++) kids[i] = child(depth - 1);
        return CriticNode.Function(op, kids);
    }
}

/// <summary>The GP critic's mutations.</summary>
public enum CriticMutationKind
{
    /// <summary>A random node becomes a new grown subtree.</summary>
    ReplaceSubtree,
    /// <summary>A constant takes a Gaussian step.</summary>
    PerturbConstant,
    /// <summary>A function becomes another of the same arity, or a feature another feature; arguments stay.</summary>
    Swap,
    /// <summary>An argument replaces its parent (hoist), which shrinks the program.</summary>
    Promote,
}

/// <summary>
/// Mutates critic programs: replace-subtree, perturb-constant, swap and promote with weights 3 : 2 : 2 : 1. A result
/// that breaks a limit, or a mutation that does not apply, is retried; after <see cref="Attempts"/> tries the parent
/// itself is returned (programs are immutable, so that is safe).
/// </summary>
public sealed class CriticProgramMutation(CriticProgramSettings settings) : IMutation<CriticProgram>
{
    /// <summary>Tries before giving up and returning the parent.</summary>
    public const int Attempts = 20;
    private static readonly double[] Cumulative = [3, 5, 7, 8];
    private readonly CriticProgramGenerator _gen = new(settings);

    private CriticProgramSettings S => _gen.Settings;

    /// <inheritdoc />
    public CriticProgram Mutate(CriticProgram parent, Random rng) => Retry(parent, () =>
    {
        double u = rng.NextDouble() * Cumulative[^1];
        int k = 0;
        while (k < Cumulative.Length - 1 && u >= Cumulative[k]) k++;
        return (CriticMutationKind)k;
    }, rng);

    /// <summary>One mutation of a given kind (retried until it fits); the parent when it never does.</summary>
    public CriticProgram Mutate(CriticProgram parent, CriticMutationKind kind, Random rng) => Retry(parent, () => kind, rng);

    private CriticProgram Retry(CriticProgram parent, Func<CriticMutationKind> kind, Random rng)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
            if (TryMutate(parent.Root, kind(), rng) is { } child) return new CriticProgram(child);
        return parent;
    }

    private CriticNode? TryMutate(CriticNode root, CriticMutationKind kind, Random rng)
    {
        CriticNode? child = kind switch
        {
            CriticMutationKind.ReplaceSubtree => ReplaceSubtree(root, rng),
            CriticMutationKind.PerturbConstant => PerturbConstant(root, rng),
            CriticMutationKind.Swap => Swap(root, rng),
            CriticMutationKind.Promote => TreeOperators.Promote(root, rng),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return child != null && S.Fits(child) ? child : null;
    }

    private CriticNode ReplaceSubtree(CriticNode root, Random rng)
    {
        int i = rng.Next(root.Size);
        int room = S.MaxDepth - root.LevelOf(i) + 1;
        return root.ReplaceAt(i, _gen.Grow(rng, Math.Max(1, Math.Min(S.MutationDepth, room))));
    }

    private CriticNode? PerturbConstant(CriticNode root, Random rng)
    {
        var at = root.IndicesWhere(n => n.Op == CriticOp.Const);
        if (at.Count == 0) return null;
        int i = at[rng.Next(at.Count)];
        return root.ReplaceAt(i, CriticNode.Constant(root.NodeAt(i).Value + S.ConstantSigma * TreeOperators.Gaussian(rng)));
    }

    private static CriticNode? Swap(CriticNode root, Random rng)
    {
        var at = root.IndicesWhere(n => n.Op != CriticOp.Const);
        if (at.Count == 0) return null;
        int i = at[rng.Next(at.Count)];
        var n = root.NodeAt(i);
        if (n.Op == CriticOp.Feature)
        {
            int other = rng.Next(ImageFeatures.Count - 1);
            if (other >= n.FeatureIndex) other++;
            return root.ReplaceAt(i, CriticNode.Feature(other));
        }
        var others = CriticOps.Functions.Where(o => o != n.Op && CriticOps.Arity(o) == CriticOps.Arity(n.Op)).ToArray();
        if (others.Length == 0) return null;
        return root.ReplaceAt(i, CriticNode.Function(others[rng.Next(others.Length)], [.. n.Children]));
    }
}

/// <summary>
/// Subtree crossover: a random subtree of the mother is replaced by a random subtree of the father, retried until the
/// child fits the limits; after <see cref="CriticProgramMutation.Attempts"/> tries the mother is returned.
/// </summary>
public sealed class CriticProgramCrossover(CriticProgramSettings settings) : ICrossover<CriticProgram>
{
    private readonly CriticProgramSettings _s = settings.Validated();

    /// <inheritdoc />
    public CriticProgram Cross(CriticProgram mother, CriticProgram father, Random rng) =>
        TreeOperators.Cross(mother.Root, father.Root, _s.Fits, CriticProgramMutation.Attempts, rng) is { } child ? new CriticProgram(child) : mother;
}
