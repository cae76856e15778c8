namespace Coevo.Artists.Biomorph;

/// <summary>
/// A Dawkins biomorph (The Blind Watchmaker, 1986; "The Evolution of Evolvability", 1988): eight integer vector genes
/// g1..g8 that set the eight branch directions, a depth gene for the recursion, and the optional segmentation genes
/// (segment count, segment distance) and gradient genes (per-segment change of each vector gene). Immutable.
/// </summary>
public sealed class BiomorphGenome : IEquatable<BiomorphGenome>
{
    /// <summary>Number of vector genes.</summary>
    public const int VectorGenes = 8;
    /// <summary>Length of <see cref="ToArray"/>: 8 vector genes, depth, segments, segment distance, 8 gradients.</summary>
    public const int FlatLength = 2 * VectorGenes + 3;
    /// <summary>Index of the depth gene in <see cref="ToArray"/>.</summary>
    public const int DepthIndex = 8;
    /// <summary>Index of the segment-count gene in <see cref="ToArray"/>.</summary>
    public const int SegmentsIndex = 9;
    /// <summary>Index of the segment-distance gene in <see cref="ToArray"/>.</summary>
    public const int SegmentDistanceIndex = 10;
    /// <summary>Index of the first gradient gene in <see cref="ToArray"/>.</summary>
    public const int GradientsIndex = 11;

    /// <summary>Largest |vector gene| or |gradient gene| any genome may hold (operators use tighter limits).</summary>
    public const int MaxAbsGene = 99;
    /// <summary>Largest depth any genome may hold (2^12 - 1 lines per segment).</summary>
    public const int MaxDepth = 12;
    /// <summary>Largest segment count any genome may hold.</summary>
    public const int MaxSegments = 32;
    /// <summary>Largest segment distance any genome may hold.</summary>
    public const int MaxSegmentDistance = 99;

    private readonly int[] _genes;
    private readonly int[] _gradients;

    /// <summary>The vector genes g1..g8.</summary>
    public IReadOnlyList<int> Genes => _genes;
    /// <summary>Recursion depth: the trunk has length <see cref="Depth"/> and each branching shortens by one.</summary>
    public int Depth { get; }
    /// <summary>How many copies of the tree are stacked (1 = unsegmented).</summary>
    public int Segments { get; }
    /// <summary>Distance between segment origins, in units of <see cref="Depth"/> gene lengths.</summary>
    public int SegmentDistance { get; }
    /// <summary>Per-segment change of each vector gene: segment s uses g_i + s * gradient_i.</summary>
    public IReadOnlyList<int> Gradients => _gradients;

    /// <summary>A genome; arrays are copied. Throws <see cref="ArgumentOutOfRangeException"/> outside the absolute limits.</summary>
    public BiomorphGenome(IReadOnlyList<int> genes, int depth, int segments = 1, int segmentDistance = 1, IReadOnlyList<int>? gradients = null)
    {
        if (genes.Count != VectorGenes) throw new ArgumentException($"a biomorph has {VectorGenes} vector genes, got {genes.Count}", nameof(genes));
        if (gradients != null && gradients.Count != VectorGenes) throw new ArgumentException($"a biomorph has {VectorGenes} gradient genes, got {gradients.Count}", nameof(gradients));
        _genes = genes.ToArray();
        _gradients = gradients?.ToArray() ?? new int[VectorGenes];
        for (int i = 0; i < VectorGenes; i++)
        {
            if (Math.Abs(_genes[i]) > MaxAbsGene) throw new ArgumentOutOfRangeException(nameof(genes), $"gene g{i + 1} = {_genes[i]} is outside -{MaxAbsGene}..{MaxAbsGene}");
            if (Math.Abs(_gradients[i]) > MaxAbsGene) throw new ArgumentOutOfRangeException(nameof(gradients), $"gradient {i + 1} = {_gradients[i]} is outside -{MaxAbsGene}..{MaxAbsGene}");
        }
        if (depth < 1 || depth > MaxDepth) throw new ArgumentOutOfRangeException(nameof(depth), $"depth {depth} is outside 1..{MaxDepth}");
        if (segments < 1 || segments > MaxSegments) throw new ArgumentOutOfRangeException(nameof(segments), $"segments {segments} is outside 1..{MaxSegments}");
        if (segmentDistance < 0 || segmentDistance > MaxSegmentDistance)
            throw new ArgumentOutOfRangeException(nameof(segmentDistance), $"segment distance {segmentDistance} is outside 0..{MaxSegmentDistance}");
        Depth = depth;
        Segments = segments;
        SegmentDistance = segmentDistance;
    }

    /// <summary>All genes as one array (layout: see the index constants).</summary>
    public int[] ToArray()
    {
        var a = new int[FlatLength];
        _genes.CopyTo(a, 0);
        a[DepthIndex] = Depth;
        a[SegmentsIndex] = Segments;
        a[SegmentDistanceIndex] = SegmentDistance;
        _gradients.CopyTo(a, GradientsIndex);
        return a;
    }

    /// <summary>The genome whose <see cref="ToArray"/> is <paramref name="a"/>.</summary>
    public static BiomorphGenome FromArray(int[] a)
    {
        if (a.Length != FlatLength) throw new ArgumentException($"expected {FlatLength} genes, got {a.Length}", nameof(a));
        return new BiomorphGenome(a[..VectorGenes], a[DepthIndex], a[SegmentsIndex], a[SegmentDistanceIndex], a[GradientsIndex..]);
    }

    /// <summary>The vector genes in effect for segment <paramref name="segment"/> (0-based): g_i + segment * gradient_i.</summary>
    public int[] GenesOfSegment(int segment)
    {
        var g = new int[VectorGenes];
        for (int i = 0; i < VectorGenes; i++) g[i] = _genes[i] + segment * _gradients[i];
        return g;
    }

    /// <inheritdoc />
    public bool Equals(BiomorphGenome? other) => other is not null && ToArray().AsSpan().SequenceEqual(other.ToArray());
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BiomorphGenome);
    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int v in ToArray()) h.Add(v);
        return h.ToHashCode();
    }
    /// <inheritdoc />
    public override string ToString() =>
        $"biomorph [{string.Join(' ', _genes)}] depth {Depth}" + (Segments > 1 ? $" x{Segments} @{SegmentDistance}" : "") +
        (_gradients.Any(g => g != 0) ? $" grad [{string.Join(' ', _gradients)}]" : "");
}
