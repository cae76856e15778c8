using Coevo.Coevolution.Evolution;

namespace Coevo.Breeding.Kinds;

/// <summary>
/// The person's choice as a selection: parents are drawn uniformly from the chosen images (fitness 1; the rest have 0),
/// and the second of each pair (the picks the engine crosses) always differs from the first when two or more are chosen,
/// so every child of a multi-parent choice is a real cross.
/// </summary>
public sealed class ChosenParents : ISelection
{
    /// <inheritdoc/>
    public int[] Select(IReadOnlyList<double> fitness, int count, Random rng)
    {
        var chosen = Enumerable.Range(0, fitness.Count).Where(i => fitness[i] > 0).ToArray();
        if (chosen.Length == 0) throw new ArgumentException("nothing was chosen", nameof(fitness));
        var picks = new int[count];
        int k = chosen.Length;
        int last = 0;
        for (int p = 0; p < count; p++)
        {
            int j = p % 2 == 1 && k > 1 ? (last + 1 + rng.Next(k - 1)) % k : rng.Next(k);
            picks[p] = chosen[j];
            last = j;
        }
        return picks;
    }
}

/// <summary>Applies a mutation a fixed number of times in a row (the page's mutation amount).</summary>
public sealed class RepeatedMutation<T>(IMutation<T> mutation, int times) : IMutation<T>
{
    /// <inheritdoc/>
    public T Mutate(T parent, Random rng)
    {
        var g = parent;
        for (int i = 0; i < times; i++) g = mutation.Mutate(g, rng);
        return g;
    }
}
