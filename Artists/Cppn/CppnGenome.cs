namespace Coevo.Artists.Cppn;

/// <summary>What a node is: one of the four inputs (x, y, d and the bias), a hidden node or an output.</summary>
public enum NodeKind
{
    /// <summary>x, y or d.</summary>
    Input,
    /// <summary>The constant 1 input.</summary>
    Bias,
    /// <summary>An evolved inner node.</summary>
    Hidden,
    /// <summary>ink, or hue/saturation/brightness, or red/green/blue.</summary>
    Output,
}

/// <summary>How the outputs become pixels.</summary>
public enum ColorMode
{
    /// <summary>One output "ink": grey = |ink| (cppn-x).</summary>
    Grey,
    /// <summary>Three outputs hue, saturation, brightness, converted from HSV to RGB as cppn-x does.</summary>
    Hsv,
    /// <summary>Three outputs red, green, blue (cppn-x rgb mode): each channel = |output|.</summary>
    Rgb,
}

/// <summary>A node gene. <paramref name="Id"/> is the node's historical marking (NEAT).</summary>
public readonly record struct NodeGene(int Id, NodeKind Kind, Activation Activation);

/// <summary>A connection gene with its innovation number (NEAT).</summary>
public readonly record struct LinkGene(int Innovation, int From, int To, double Weight, bool Enabled);

/// <summary>
/// An immutable CPPN-NEAT genome. Node order is fixed: x, y, d, bias, then the outputs of the colour mode
/// (ink | hue, saturation, brightness | red, green, blue), then hidden nodes. Links are kept sorted by innovation number
/// and must form a DAG with at most one link per (from, to) pair. The constructor checks all of this.
/// </summary>
public sealed class CppnGenome
{
    /// <summary>Labels of the four inputs, in node order.</summary>
    public static readonly IReadOnlyList<string> InputLabels = ["x", "y", "d", "bias"];

    /// <summary>Number of input nodes (x, y, d, bias).</summary>
    public const int InputCount = 4;

    private readonly NodeGene[] _nodes;
    private readonly LinkGene[] _links;
    private readonly Dictionary<int, int> _indexOfId;
    private CompiledCppn? _compiled;

    /// <summary>How outputs become pixels.</summary>
    public ColorMode Color { get; }
    /// <summary>Nodes: inputs, outputs, hidden.</summary>
    public IReadOnlyList<NodeGene> Nodes { get; }
    /// <summary>Links sorted by innovation number.</summary>
    public IReadOnlyList<LinkGene> Links { get; }

    /// <summary>Builds and validates a genome; throws <see cref="ArgumentException"/> describing the first problem.</summary>
    public CppnGenome(ColorMode color, IEnumerable<NodeGene> nodes, IEnumerable<LinkGene> links)
    {
        Color = color;
        _nodes = nodes.ToArray();
        _links = links.OrderBy(l => l.Innovation).ToArray();
        _indexOfId = new Dictionary<int, int>(_nodes.Length);
        Validate();
        Nodes = Array.AsReadOnly(_nodes);
        Links = Array.AsReadOnly(_links);
    }

    /// <summary>Output labels of a colour mode, in node order.</summary>
    public static IReadOnlyList<string> OutputLabels(ColorMode color) => color switch
    {
        ColorMode.Grey => ["ink"],
        ColorMode.Hsv => ["hue", "saturation", "brightness"],
        _ => ["red", "green", "blue"],
    };

    /// <summary>Number of outputs of this genome's colour mode.</summary>
    public int OutputCount => Color == ColorMode.Grey ? 1 : 3;

    /// <summary>Hidden nodes.</summary>
    public IEnumerable<NodeGene> Hidden => _nodes.Skip(InputCount + OutputCount);

    /// <summary>Number of hidden nodes.</summary>
    public int HiddenCount => _nodes.Length - InputCount - OutputCount;

    /// <summary>Highest node id or innovation number in the genome (an innovation tracker must start above it).</summary>
    public int MaxMarking => Math.Max(_nodes.Max(n => n.Id), _links.Length == 0 ? 0 : _links[^1].Innovation);

    /// <summary>Index in <see cref="Nodes"/> of the node with this id, or -1.</summary>
    public int IndexOf(int id) => _indexOfId.TryGetValue(id, out int i) ? i : -1;

    /// <summary>True if some link already joins <paramref name="from"/> to <paramref name="to"/> (enabled or not).</summary>
    public bool HasLink(int from, int to)
    {
        foreach (var l in _links) if (l.From == from && l.To == to) return true;
        return false;
    }

    /// <summary>True if adding from→to would close a cycle, i.e. <paramref name="from"/> is reachable from <paramref name="to"/>.</summary>
    public bool WouldCreateCycle(int from, int to)
    {
        if (from == to) return true;
        var stack = new Stack<int>();
        var seen = new HashSet<int>();
        stack.Push(to);
        while (stack.Count > 0)
        {
            int n = stack.Pop();
            if (n == from) return true;
            if (!seen.Add(n)) continue;
            foreach (var l in _links) if (l.From == n) stack.Push(l.To);
        }
        return false;
    }

    /// <summary>A copy with other links (same nodes and colour mode).</summary>
    public CppnGenome WithLinks(IEnumerable<LinkGene> links) => new(Color, _nodes, links);

    /// <summary>A copy with other nodes and links.</summary>
    public CppnGenome With(IEnumerable<NodeGene> nodes, IEnumerable<LinkGene> links) => new(Color, nodes, links);

    /// <summary>Number of nodes rendering evaluates: hidden and output nodes the outputs depend on through enabled links.</summary>
    public int EvaluatedNodeCount => Compiled.Steps.Length;

    /// <summary>The evaluation plan (topological order, pruned to what the outputs need); built once.</summary>
    internal CompiledCppn Compiled => _compiled ??= CompiledCppn.Compile(this);

    private void Validate()
    {
        int outputs = OutputCount;
        if (_nodes.Length < InputCount + outputs)
            throw new ArgumentException($"a {Color.ToString().ToLowerInvariant()} CPPN needs {InputCount} inputs and {outputs} output(s), got {_nodes.Length} nodes");
        for (int i = 0; i < _nodes.Length; i++)
        {
            var n = _nodes[i];
            if (n.Id < 0) throw new ArgumentException($"node id {n.Id} is negative");
            if (!_indexOfId.TryAdd(n.Id, i)) throw new ArgumentException($"node id {n.Id} is used twice");
            if (!Enum.IsDefined(n.Activation)) throw new ArgumentException($"node {n.Id} has an unknown activation");
            NodeKind expected = i < 3 ? NodeKind.Input : i == 3 ? NodeKind.Bias : i < InputCount + outputs ? NodeKind.Output : NodeKind.Hidden;
            if (n.Kind != expected)
            {
                string what = i < InputCount ? $"input '{InputLabels[i]}'" : i < InputCount + outputs ? $"output '{OutputLabels(Color)[i - InputCount]}'" : "a hidden node";
                throw new ArgumentException($"node {i} (id {n.Id}) should be {what} but is {n.Kind.ToString().ToLowerInvariant()}");
            }
            if (i < InputCount && n.Activation != Activation.Identity)
                throw new ArgumentException($"input node {n.Id} must have the identity activation, has {ActivationNames.ToJson(n.Activation)}");
        }
        var pairs = new HashSet<(int, int)>();
        for (int i = 0; i < _links.Length; i++)
        {
            var l = _links[i];
            if (i > 0 && _links[i - 1].Innovation == l.Innovation) throw new ArgumentException($"innovation number {l.Innovation} is used twice");
            if (!_indexOfId.TryGetValue(l.From, out _)) throw new ArgumentException($"link {l.Innovation} comes from node {l.From}, which does not exist");
            if (!_indexOfId.TryGetValue(l.To, out int to)) throw new ArgumentException($"link {l.Innovation} goes to node {l.To}, which does not exist");
            if (to < InputCount) throw new ArgumentException($"link {l.Innovation} goes into input node {l.To}");
            if (!double.IsFinite(l.Weight)) throw new ArgumentException($"link {l.Innovation} has a non-finite weight");
            if (!pairs.Add((l.From, l.To))) throw new ArgumentException($"two links join node {l.From} to node {l.To}");
        }
        // Kahn's algorithm over all links (enabled or not) finds cycles.
        var indegree = new int[_nodes.Length];
        var outgoing = new List<int>[_nodes.Length];
        for (int i = 0; i < outgoing.Length; i++) outgoing[i] = new List<int>();
        foreach (var l in _links) { indegree[_indexOfId[l.To]]++; outgoing[_indexOfId[l.From]].Add(_indexOfId[l.To]); }
        var queue = new Queue<int>();
        for (int i = 0; i < indegree.Length; i++) if (indegree[i] == 0) queue.Enqueue(i);
        int placed = 0;
        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            placed++;
            foreach (int m in outgoing[n]) if (--indegree[m] == 0) queue.Enqueue(m);
        }
        if (placed != _nodes.Length)
        {
            var inCycle = Enumerable.Range(0, _nodes.Length).Where(i => indegree[i] > 0).Select(i => _nodes[i].Id).Take(5);
            throw new ArgumentException($"the links form a cycle (recurrent CPPNs are not supported); nodes involved include {string.Join(", ", inCycle)}");
        }
    }
}
