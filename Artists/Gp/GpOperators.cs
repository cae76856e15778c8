using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>Sims' (1991) six mutations of an expression tree.</summary>
public enum GpMutationKind
{
    /// <summary>A random node becomes a new random subtree.</summary>
    ReplaceSubtree,
    /// <summary>A scalar or colour constant gets a Gaussian step (each channel for colours).</summary>
    PerturbConstant,
    /// <summary>A function becomes another of the same arity (a variable another variable); the arguments stay.</summary>
    SwapFunction,
    /// <summary>A node becomes an argument of a new random function; the other arguments are random terminals.</summary>
    Wrap,
    /// <summary>An argument replaces its parent (hoist).</summary>
    Promote,
    /// <summary>A node becomes a copy of another node of the same tree.</summary>
    CopyNode,
}

/// <summary>
/// Mutates GP trees with Sims' six mutations, picked by <see cref="GpSettings.MutationWeights"/>. A result that breaks
/// the depth or size limit, or a mutation that does not apply (no constant to perturb), is retried; after
/// <see cref="Attempts"/> failures the parent itself is returned (trees are immutable, so that is safe).
/// </summary>
public sealed class GpMutation : IMutation<GpTree>
{
    /// <summary>Tries before giving up and returning the parent.</summary>
    public const int Attempts = 20;

    private readonly GpGenerator _gen;
    private readonly double[] _cumulative;

    /// <summary>A mutation with the given limits and weights.</summary>
    public GpMutation(GpSettings settings)
    {
        _gen = new GpGenerator(settings);
        _cumulative = new double[6];
        double sum = 0;
        for (int i = 0; i < 6; i++) _cumulative[i] = sum += settings.MutationWeights[i];
    }

    private GpSettings S => _gen.Settings;

    /// <inheritdoc/>
    public GpTree Mutate(GpTree parent, Random rng)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            double u = rng.NextDouble() * _cumulative[^1];
            int k = 0;
            while (k < 5 && u >= _cumulative[k]) k++;
            var child = TryMutate(parent.Root, (GpMutationKind)k, rng);
            if (child != null) return new GpTree(child);
        }
        return parent;
    }

    /// <summary>One mutation of a given kind, retried until it fits the limits; the parent when it never does.</summary>
    public GpTree Mutate(GpTree parent, GpMutationKind kind, Random rng)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            var child = TryMutate(parent.Root, kind, rng);
            if (child != null) return new GpTree(child);
        }
        return parent;
    }

    /// <summary>One try: the mutated root, or null when the kind does not apply or the result breaks a limit.</summary>
    private GpNode? TryMutate(GpNode root, GpMutationKind kind, Random rng)
    {
        GpNode? child = kind switch
        {
            GpMutationKind.ReplaceSubtree => ReplaceSubtree(root, rng),
            GpMutationKind.PerturbConstant => PerturbConstant(root, rng),
            GpMutationKind.SwapFunction => SwapFunction(root, rng),
            GpMutationKind.Wrap => Wrap(root, rng),
            GpMutationKind.Promote => TreeOperators.Promote(root, rng),
            GpMutationKind.CopyNode => CopyNode(root, rng),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return child != null && S.Fits(child) ? child : null;
    }

    private GpNode ReplaceSubtree(GpNode root, Random rng)
    {
        int i = rng.Next(root.Size);
        int room = S.MaxDepth - root.LevelOf(i) + 1;
        int nodes = S.MaxSize - root.Size + root.NodeAt(i).Size; // what the new subtree may use within the size limit
        return root.ReplaceAt(i, _gen.Grow(rng, Math.Max(1, Math.Min(S.MutationDepth, room)), nodes));
    }

    private GpNode? PerturbConstant(GpNode root, Random rng)
    {
        var at = root.IndicesWhere(n => n.Op is GpOp.Const or GpOp.Color);
        if (at.Count == 0) return null;
        int i = at[rng.Next(at.Count)];
        var n = root.NodeAt(i);
        float Step(float v) => (float)(v + S.ConstantSigma * TreeOperators.Gaussian(rng));
        var replacement = n.Op == GpOp.Const
            ? GpNode.Constant(Step(n.Value.X))
            : GpNode.ColorConstant(Step(n.Value.X), Step(n.Value.Y), Step(n.Value.Z));
        return root.ReplaceAt(i, replacement);
    }

    private GpNode? SwapFunction(GpNode root, Random rng)
    {
        var at = root.IndicesWhere(n => n.Op is not (GpOp.Const or GpOp.Color));
        if (at.Count == 0) return null;
        int i = at[rng.Next(at.Count)];
        var n = root.NodeAt(i);
        var pool = GpOps.Arity(n.Op) == 0 ? GpOps.Variables : S.Functions;
        var others = pool.Where(o => o != n.Op && GpOps.Arity(o) == GpOps.Arity(n.Op)).ToArray();
        if (others.Length == 0) return null;
        var op = others[rng.Next(others.Length)];
        return root.ReplaceAt(i, GpOps.Arity(op) == 0 ? GpNode.Variable(op) : n.WithOp(op, rng.Next()));
    }

    private GpNode? Wrap(GpNode root, Random rng)
    {
        int i = rng.Next(root.Size);
        var op = _gen.Function(rng);
        var kids = new GpNode[GpOps.Arity(op)];
        int keep = rng.Next(kids.Length);
        for (int k = 0; k < kids.Length; k++) kids[k] = k == keep ? root.NodeAt(i) : _gen.Terminal(rng);
        return root.ReplaceAt(i, GpNode.Function(op, rng.Next(), kids));
    }

    private static GpNode? CopyNode(GpNode root, Random rng)
    {
        if (root.Size < 2) return null;
        int target = rng.Next(root.Size), source = rng.Next(root.Size - 1);
        if (source >= target) source++;
        return root.ReplaceAt(target, root.NodeAt(source));
    }
}

/// <summary>
/// Subtree crossover: a random subtree of the mother is replaced by a random subtree of the father. Retried until the
/// child fits the limits; after <see cref="GpMutation.Attempts"/> failures the mother is returned.
/// </summary>
public sealed class GpCrossover(GpSettings settings) : ICrossover<GpTree>
{
    private readonly GpSettings _s = settings.Validated();

    /// <inheritdoc/>
    public GpTree Cross(GpTree mother, GpTree father, Random rng)
    {
        var child = TreeOperators.Cross(mother.Root, father.Root, _s.Fits, GpMutation.Attempts, rng);
        return child is null ? mother : new GpTree(child);
    }
}
