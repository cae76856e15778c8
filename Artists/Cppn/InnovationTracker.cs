namespace Coevo.Artists.Cppn;

/// <summary>
/// Hands out node ids and innovation numbers for one artist run (NEAT's historical markings). The same structural
/// mutation — a link between the same two nodes, or a split of the same link — gets the same numbers until
/// <see cref="NextGeneration"/> is called, so matching structure lines up in crossover and speciation.
/// Node ids and innovation numbers share one counter, as in cppn-x. Thread-safe.
/// </summary>
public sealed class InnovationTracker
{
    private readonly object _lock = new();
    private readonly Dictionary<(int From, int To), int> _links = new();
    private readonly Dictionary<int, (int Node, int In, int Out)> _splits = new();
    private int _next;

    /// <summary>A tracker whose first number is <paramref name="firstFree"/>.</summary>
    public InnovationTracker(int firstFree = 0) => _next = firstFree;

    /// <summary>The next number that would be handed out.</summary>
    public int NextFree { get { lock (_lock) return _next; } }

    /// <summary>Makes sure later numbers are above <paramref name="marking"/> (e.g. the highest id of an imported genome).</summary>
    public void EnsureAbove(int marking)
    {
        lock (_lock) _next = Math.Max(_next, marking + 1);
    }

    /// <summary>A number never handed out before.</summary>
    public int Fresh()
    {
        lock (_lock) return _next++;
    }

    /// <summary>The innovation number of a new link from→to (the same one for the same pair this generation).</summary>
    public int LinkInnovation(int from, int to)
    {
        lock (_lock)
        {
            if (!_links.TryGetValue((from, to), out int innovation))
                _links[(from, to)] = innovation = _next++;
            return innovation;
        }
    }

    /// <summary>The new node id and the innovation numbers of its in- and out-link when link <paramref name="innovation"/> is split.</summary>
    public (int Node, int In, int Out) SplitLink(int innovation)
    {
        lock (_lock)
        {
            if (!_splits.TryGetValue(innovation, out var split))
                _splits[innovation] = split = (_next++, _next++, _next++);
            return split;
        }
    }

    /// <summary>Starts a new generation: structural mutations from now on get new numbers.</summary>
    public void NextGeneration()
    {
        lock (_lock)
        {
            _links.Clear();
            _splits.Clear();
        }
    }
}
