using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// NEAT crossover: genes are aligned by innovation number (links) and id (nodes). The child has the fitter mother's
/// structure (her disjoint and excess genes); for matching genes the weight or activation comes from either parent at
/// random, and a link disabled in either parent stays disabled with probability <paramref name="keepDisabled"/>.
/// </summary>
public sealed class CppnCrossover(double keepDisabled = 0.75) : ICrossover<CppnGenome>
{
    /// <inheritdoc/>
    public CppnGenome Cross(CppnGenome mother, CppnGenome father, Random rng)
    {
        if (mother.Color != father.Color) return mother;
        var fatherLinks = father.Links.ToDictionary(l => l.Innovation);
        var links = mother.Links.Select(l =>
        {
            if (!fatherLinks.TryGetValue(l.Innovation, out var f) || f.From != l.From || f.To != l.To) return l;
            double weight = rng.Next(2) == 0 ? l.Weight : f.Weight;
            bool enabled = l.Enabled && f.Enabled || rng.NextDouble() >= keepDisabled;
            return l with { Weight = weight, Enabled = enabled };
        }).ToList();
        var nodes = mother.Nodes.Select((n, i) =>
        {
            int j = father.IndexOf(n.Id);
            if (i < CppnGenome.InputCount || j < 0 || father.Nodes[j].Kind != n.Kind) return n;
            return rng.Next(2) == 0 ? n : n with { Activation = father.Nodes[j].Activation };
        }).ToList();
        return mother.With(nodes, links);
    }
}
