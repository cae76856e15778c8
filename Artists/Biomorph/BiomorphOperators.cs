using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Biomorph;

/// <summary>The gene ranges the operators keep to (set from <see cref="BiomorphArtistOptions"/>).</summary>
/// <param name="GeneLimit">Vector genes stay in [-GeneLimit, GeneLimit] (Dawkins: 9).</param>
/// <param name="MaxDepth">Depth stays in [1, MaxDepth].</param>
/// <param name="MaxSegments">Segment count stays in [1, MaxSegments]; 1 turns segmentation off.</param>
/// <param name="GradientLimit">Gradient genes stay in [-GradientLimit, GradientLimit]; 0 turns gradients off.</param>
/// <param name="MaxSegmentDistance">Segment distance stays in [1, MaxSegmentDistance].</param>
public sealed record BiomorphLimits(int GeneLimit = 9, int MaxDepth = 8, int MaxSegments = 1, int GradientLimit = 0, int MaxSegmentDistance = 10)
{
    /// <summary>Inclusive range of flat gene <paramref name="index"/> (see <see cref="BiomorphGenome.ToArray"/>).</summary>
    public (int Min, int Max) Range(int index) => index switch
    {
        < BiomorphGenome.VectorGenes => (-GeneLimit, GeneLimit),
        BiomorphGenome.DepthIndex => (1, MaxDepth),
        BiomorphGenome.SegmentsIndex => (1, MaxSegments),
        BiomorphGenome.SegmentDistanceIndex => (1, MaxSegmentDistance),
        _ => (-GradientLimit, GradientLimit),
    };

    /// <summary>True when every gene of <paramref name="genome"/> is within these limits.</summary>
    public bool Contains(BiomorphGenome genome)
    {
        var a = genome.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            var (lo, hi) = Range(i);
            if (a[i] < lo || a[i] > hi) return false;
        }
        return true;
    }
}

/// <summary>Random biomorphs: vector genes uniform in the gene range, depth uniform in [2, MaxDepth], one segment, gradients in [-1, 1] when on.</summary>
public sealed class BiomorphFactory(BiomorphLimits limits) : IGenomeFactory<BiomorphGenome>
{
    /// <inheritdoc />
    public BiomorphGenome Create(Random rng)
    {
        var a = new int[BiomorphGenome.FlatLength];
        for (int i = 0; i < BiomorphGenome.VectorGenes; i++) a[i] = rng.Next(-limits.GeneLimit, limits.GeneLimit + 1);
        a[BiomorphGenome.DepthIndex] = rng.Next(Math.Min(2, limits.MaxDepth), limits.MaxDepth + 1);
        a[BiomorphGenome.SegmentsIndex] = rng.Next(1, limits.MaxSegments + 1);
        a[BiomorphGenome.SegmentDistanceIndex] = rng.Next(1, limits.MaxSegmentDistance + 1);
        int g = Math.Min(1, limits.GradientLimit);
        for (int i = 0; i < BiomorphGenome.VectorGenes; i++) a[BiomorphGenome.GradientsIndex + i] = rng.Next(-g, g + 1);
        return BiomorphGenome.FromArray(a);
    }
}

/// <summary>
/// The Blind Watchmaker mutation: one gene, chosen uniformly among those the limits let vary, moves by +1 or -1
/// (the other way when the first would leave its range). Genes outside the limits (e.g. from a file) are clamped in.
/// </summary>
public sealed class BiomorphMutation(BiomorphLimits limits) : IMutation<BiomorphGenome>
{
    private readonly int[] _mutable = Enumerable.Range(0, BiomorphGenome.FlatLength)
        .Where(i => limits.Range(i).Max > limits.Range(i).Min).ToArray();

    /// <inheritdoc />
    public BiomorphGenome Mutate(BiomorphGenome parent, Random rng)
    {
        var a = parent.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            var (lo, hi) = limits.Range(i);
            a[i] = Math.Clamp(a[i], lo, hi);
        }
        if (_mutable.Length > 0)
        {
            int k = _mutable[rng.Next(_mutable.Length)];
            var (min, max) = limits.Range(k);
            int step = rng.Next(2) == 0 ? -1 : 1;
            if (a[k] + step < min || a[k] + step > max) step = -step;
            a[k] += step;
        }
        return BiomorphGenome.FromArray(a);
    }
}

/// <summary>Uniform crossover: each gene comes from either parent with probability 1/2.</summary>
public sealed class BiomorphCrossover : ICrossover<BiomorphGenome>
{
    /// <inheritdoc />
    public BiomorphGenome Cross(BiomorphGenome mother, BiomorphGenome father, Random rng)
    {
        var m = mother.ToArray();
        var f = father.ToArray();
        for (int i = 0; i < m.Length; i++)
            if (rng.Next(2) == 1) m[i] = f[i];
        return BiomorphGenome.FromArray(m);
    }
}
