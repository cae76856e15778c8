using System.Text.Json;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Hands out node ids and innovation numbers for one artist run (NEAT's historical markings). The same structural
/// mutation — a link between the same two nodes, or a split of the same link — gets the same numbers until
/// <see cref="NextGeneration()"/> is called, so matching structure lines up in crossover and speciation.
/// Node ids and innovation numbers share one counter, as in cppn-x. Thread-safe.
/// <para>
/// Its owner is the artist (<see cref="IBreedingState{T}"/>): it starts each generation and saves the tracker in its
/// checkpoints, with or without speciation, so a resumed run hands out the very numbers an uninterrupted one would.
/// </para>
/// </summary>
public sealed class InnovationTracker : IBreedingState<CppnGenome>
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

    /// <inheritdoc/>
    public string Name => "innovations";

    /// <summary>Starts a new generation and moves above every marking of <paramref name="parents"/>
    /// (so numbers never collide with imported or restored genomes).</summary>
    public void NextGeneration(IReadOnlyList<CppnGenome> parents)
    {
        NextGeneration();
        foreach (var g in parents) EnsureAbove(g.MaxMarking);
    }

    /// <inheritdoc/>
    public string Save()
    {
        lock (_lock)
            return JsonSerializer.Serialize(new
            {
                next = _next,
                links = _links.OrderBy(kv => kv.Value).Select(kv => new[] { kv.Key.From, kv.Key.To, kv.Value }),
                splits = _splits.OrderBy(kv => kv.Key).Select(kv => new[] { kv.Key, kv.Value.Node, kv.Value.In, kv.Value.Out }),
            });
    }

    /// <inheritdoc/>
    public void Load(string state)
    {
        const string source = "innovation tracker state";
        try
        {
            using var doc = JsonDocument.Parse(state);
            var root = doc.RootElement;
            int next = root.GetProperty("next").GetInt32();
            var links = root.GetProperty("links").EnumerateArray().Select(e => Ints(e, 3)).ToList();
            var splits = root.GetProperty("splits").EnumerateArray().Select(e => Ints(e, 4)).ToList();
            if (next < 0 || links.Any(l => l.Any(v => v < 0) || l[2] >= next) || splits.Any(s => s.Any(v => v < 0) || s[1..].Any(v => v >= next)))
                throw new InputException($"numbers must be non-negative, and those handed out below next ({next})", source);
            lock (_lock)
            {
                _next = next;
                _links.Clear();
                foreach (var l in links) _links[(l[0], l[1])] = l[2];
                _splits.Clear();
                foreach (var s in splits) _splits[s[0]] = (s[1], s[2], s[3]);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"malformed state: {e.Message}", source, inner: e);
        }
    }

    private static int[] Ints(JsonElement e, int count)
    {
        var v = e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
        if (v.Length != count) throw new FormatException($"expected {count} numbers, got {v.Length}");
        return v;
    }
}
