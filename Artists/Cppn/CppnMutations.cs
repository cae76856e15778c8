using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>Random draws the CPPN operators share.</summary>
internal static class Rng
{
    /// <summary>A standard normal sample (Box–Muller).</summary>
    public static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Uniform(Random rng, double limit) => (rng.NextDouble() * 2 - 1) * limit;

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}

/// <summary>NEAT add-node: splits a random enabled link a→b into a→new (weight 1) and new→b (the old weight) and disables it.</summary>
public sealed class AddNodeMutation(InnovationTracker tracker, IReadOnlyList<Activation> activations) : IMutation<CppnGenome>
{
    /// <inheritdoc/>
    public CppnGenome Mutate(CppnGenome parent, Random rng)
    {
        var enabled = parent.Links.Where(l => l.Enabled).ToList();
        if (enabled.Count == 0) return parent;
        var split = Rng.Pick(rng, enabled);
        var (node, inInnovation, outInnovation) = tracker.SplitLink(split.Innovation);
        // A genome can only meet its own split again through crossover; keep its markings unique all the same.
        if (parent.IndexOf(node) >= 0) node = tracker.Fresh();
        if (parent.Links.Any(l => l.Innovation == inInnovation)) inInnovation = tracker.Fresh();
        if (parent.Links.Any(l => l.Innovation == outInnovation)) outInnovation = tracker.Fresh();
        var nodes = parent.Nodes.Append(new NodeGene(node, NodeKind.Hidden, Rng.Pick(rng, activations)));
        var links = parent.Links.Select(l => l.Innovation == split.Innovation ? l with { Enabled = false } : l)
            .Append(new LinkGene(inInnovation, split.From, node, 1.0, true))
            .Append(new LinkGene(outInnovation, node, split.To, split.Weight, true));
        return parent.With(nodes, links);
    }
}

/// <summary>NEAT add-link: joins two unconnected nodes (source: input, bias or hidden; target: hidden or output) without closing a cycle.</summary>
public sealed class AddLinkMutation(InnovationTracker tracker, double weightRange = 3.0, int attempts = 30) : IMutation<CppnGenome>
{
    /// <inheritdoc/>
    public CppnGenome Mutate(CppnGenome parent, Random rng)
    {
        var nodes = parent.Nodes;
        var sources = nodes.Where(n => n.Kind != NodeKind.Output).ToList();
        var targets = nodes.Where(n => n.Kind is NodeKind.Hidden or NodeKind.Output).ToList();
        for (int i = 0; i < attempts; i++)
        {
            var from = Rng.Pick(rng, sources);
            var to = Rng.Pick(rng, targets);
            if (from.Id == to.Id || parent.HasLink(from.Id, to.Id) || parent.WouldCreateCycle(from.Id, to.Id)) continue;
            int innovation = tracker.LinkInnovation(from.Id, to.Id);
            if (parent.Links.Any(l => l.Innovation == innovation)) innovation = tracker.Fresh();
            return parent.WithLinks(parent.Links.Append(new LinkGene(innovation, from.Id, to.Id, Rng.Uniform(rng, weightRange), true)));
        }
        return parent; // (nearly) fully connected: nothing to add
    }
}

/// <summary>
/// Weight mutation: one random link, plus every other link with probability <paramref name="rate"/>, is perturbed by
/// N(0, <paramref name="power"/>²) (or, with probability <paramref name="replaceProbability"/>, redrawn uniformly);
/// weights stay within ±<paramref name="limit"/>.
/// </summary>
public sealed class WeightMutation(double rate = 0.2, double power = 0.5, double replaceProbability = 0.1, double limit = 3.0) : IMutation<CppnGenome>
{
    /// <inheritdoc/>
    public CppnGenome Mutate(CppnGenome parent, Random rng)
    {
        if (parent.Links.Count == 0) return parent;
        int always = rng.Next(parent.Links.Count);
        var links = parent.Links.Select((l, i) =>
        {
            if (i != always && rng.NextDouble() >= rate) return l;
            double w = rng.NextDouble() < replaceProbability ? Rng.Uniform(rng, limit) : l.Weight + power * Rng.Gaussian(rng);
            return l with { Weight = Math.Clamp(w, -limit, limit) };
        });
        return parent.WithLinks(links);
    }
}

/// <summary>Activation change: a random hidden or output node gets a different activation.</summary>
public sealed class ActivationMutation(IReadOnlyList<Activation> activations) : IMutation<CppnGenome>
{
    /// <inheritdoc/>
    public CppnGenome Mutate(CppnGenome parent, Random rng)
    {
        var candidates = Enumerable.Range(CppnGenome.InputCount, parent.Nodes.Count - CppnGenome.InputCount).ToList();
        int index = Rng.Pick(rng, candidates);
        var old = parent.Nodes[index].Activation;
        var choices = activations.Where(a => a != old).ToList();
        if (choices.Count == 0) return parent;
        var nodes = parent.Nodes.Select((n, i) => i == index ? n with { Activation = Rng.Pick(rng, choices) } : n);
        return parent.With(nodes, parent.Links);
    }
}
