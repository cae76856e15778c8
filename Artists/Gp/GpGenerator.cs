using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>Random GP trees: ramped half-and-half for initial populations, grow for mutation subtrees.</summary>
public sealed class GpGenerator(GpSettings settings) : IGenomeFactory<GpTree>
{
    /// <summary>The settings in use.</summary>
    public GpSettings Settings { get; } = settings.Validated();

    /// <summary>A random tree within the limits: ramped half-and-half over the initial depths.</summary>
    public GpTree Create(Random rng)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int depth = rng.Next(Settings.MinInitialDepth, Settings.InitialDepth + 1);
            var root = rng.Next(2) == 0 ? Full(rng, depth) : Grow(rng, depth);
            if (Settings.Fits(root) && root.Depth >= Math.Min(2, Settings.MaxDepth)) return new GpTree(root);
        }
        // Full trees of wide functions can exceed max_size at every depth tried; fall back to a small grown tree.
        for (int depth = Settings.MinInitialDepth; ; depth = Math.Max(1, depth - 1))
        {
            var root = Grow(rng, depth);
            if (Settings.Fits(root)) return new GpTree(root);
        }
    }

    /// <summary>A random terminal: x, y, r, a scalar constant in [−1,1] or a colour constant.</summary>
    public GpNode Terminal(Random rng)
    {
        if (rng.NextDouble() >= Settings.ConstantProbability) return GpNode.Variable(GpOps.Variables[rng.Next(3)]);
        if (rng.NextDouble() < Settings.ColorConstantProbability)
            return GpNode.ColorConstant(Uniform(rng), Uniform(rng), Uniform(rng));
        return GpNode.Constant(Uniform(rng));
    }

    private static float Uniform(Random rng) => (float)(rng.NextDouble() * 2 - 1);

    /// <summary>A random function from the function set.</summary>
    public GpOp Function(Random rng) => Settings.Functions[rng.Next(Settings.Functions.Count)];

    /// <summary>A grown tree of depth at most <paramref name="maxDepth"/>.</summary>
    public GpNode Grow(Random rng, int maxDepth)
    {
        if (maxDepth <= 1 || rng.NextDouble() < Settings.TerminalProbability) return Terminal(rng);
        return FunctionNode(rng, d => Grow(rng, d), maxDepth);
    }

    /// <summary>A full tree: every branch reaches depth <paramref name="depth"/>.</summary>
    public GpNode Full(Random rng, int depth) =>
        depth <= 1 ? Terminal(rng) : FunctionNode(rng, d => Full(rng, d), depth);

    private GpNode FunctionNode(Random rng, Func<int, GpNode> child, int depth)
    {
        var op = Function(rng);
        var kids = new GpNode[GpOps.Arity(op)];
        for (int i = 0; i < kids.Length; i++) kids[i] = child(depth - 1);
        return GpNode.Function(op, rng.Next(), kids);
    }
}
