using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>Random GP trees: ramped half-and-half for initial populations, grow for mutation subtrees.</summary>
public sealed class GpGenerator(GpSettings settings) : IGenomeFactory<GpTree>
{
    /// <summary>The settings in use.</summary>
    public GpSettings Settings { get; } = settings.Validated();

    /// <summary>
    /// A random tree within the limits: ramped half-and-half over the initial depths. Trees grow within
    /// <see cref="GpSettings.MaxSize"/> (a branch with no room left for a function's arguments becomes a terminal), so
    /// even <c>initial_depth: 64</c> never builds a tree larger than the limit first.
    /// </summary>
    public GpTree Create(Random rng)
    {
        for (int attempt = 1; ; attempt++)
        {
            int depth = rng.Next(Settings.MinInitialDepth, Settings.InitialDepth + 1);
            var root = rng.Next(2) == 0 ? Full(rng, depth) : Grow(rng, depth);
            // a lone terminal only when asked for (initial depth 1), or when 50 tries found no room for more
            if (root.Depth >= 2 || depth == 1 || attempt == 50) return new GpTree(root);
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

    /// <summary>A grown tree of depth at most <paramref name="maxDepth"/> and at most <paramref name="maxNodes"/> nodes
    /// (<see cref="GpSettings.MaxSize"/> when not given).</summary>
    public GpNode Grow(Random rng, int maxDepth, int? maxNodes = null)
    {
        int budget = Math.Max(1, maxNodes ?? Settings.MaxSize);
        return Make(rng, maxDepth, full: false, ref budget);
    }

    /// <summary>A full tree: every branch reaches depth <paramref name="depth"/>, as far as <paramref name="maxNodes"/>
    /// (<see cref="GpSettings.MaxSize"/> when not given) leaves room.</summary>
    public GpNode Full(Random rng, int depth, int? maxNodes = null)
    {
        int budget = Math.Max(1, maxNodes ?? Settings.MaxSize);
        return Make(rng, depth, full: true, ref budget);
    }

    /// <summary>One node and its subtree, using at most <paramref name="budget"/> nodes (at least 1); the budget is reduced by what it used.</summary>
    private GpNode Make(Random rng, int depth, bool full, ref int budget)
    {
        if (depth <= 1 || (!full && rng.NextDouble() < Settings.TerminalProbability))
        {
            budget--;
            return Terminal(rng);
        }
        var op = Function(rng);
        var kids = new GpNode[GpOps.Arity(op)];
        if (budget < 1 + kids.Length)
        {
            budget--;
            return Terminal(rng);
        }
        budget--;
        for (int i = 0; i < kids.Length; i++)
        {
            int reserved = kids.Length - 1 - i; // at least one node for each later argument
            int mine = budget - reserved;
            int before = mine;
            kids[i] = Make(rng, depth - 1, full, ref mine);
            budget -= before - mine;
        }
        return GpNode.Function(op, rng.Next(), kids);
    }
}
