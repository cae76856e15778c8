using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Coevo.Artists.Gp;

/// <summary>
/// A tree compiled for rendering: constant subtrees folded to one constant, and every node tagged with how many planes
/// its value needs: 1 where it is the same in all channels (x, y, r and anything built only from them and scalar
/// constants), 3 where the channels differ. Grey subtrees therefore cost one plane per op, not three.
/// </summary>
internal sealed class GpProgram
{
    /// <summary>The folded root.</summary>
    public CNode Root { get; }
    /// <summary>True when some node reads r (so the renderer computes it).</summary>
    public bool UsesR { get; }

    private GpProgram(CNode root, bool usesR)
    {
        Root = root;
        UsesR = usesR;
    }

    /// <summary>Folds constants and tags channel counts.</summary>
    public static GpProgram Compile(GpNode root)
    {
        bool usesR = false;
        var folder = new GpEvaluator(1);
        var coords = new Coords([0f], [0f], [0f]);
        CNode Build(GpNode n)
        {
            switch (n.Op)
            {
                case GpOp.X or GpOp.Y:
                    return new CNode(n.Op, 1, default, 0, []);
                case GpOp.R:
                    usesR = true;
                    return new CNode(n.Op, 1, default, 0, []);
                case GpOp.Const or GpOp.Color:
                    return CNode.Constant(n.Value);
            }
            var kids = new CNode[n.Children.Count];
            for (int i = 0; i < kids.Length; i++) kids[i] = Build(n.Children[i]);
            if (n.Op == GpOp.Warp && kids[0].IsConstant) return kids[0]; // a constant looks the same wherever it is sampled
            int channels = n.Op is GpOp.ColorNoise or GpOp.Hsv or GpOp.Rgb ? 3
                : n.Op == GpOp.Warp ? kids[0].Channels
                : kids.Max(k => k.PlaneChannels);
            var node = new CNode(n.Op, channels, default, n.Seed, kids);
            if (n.Op != GpOp.Warp && kids.All(k => k.IsConstant))
            {
                var v = folder.Evaluate(node, coords, 1);
                var value = new Vector3(v.Get(0)[0], v.Get(1)[0], v.Get(2)[0]);
                folder.Release(v);
                return CNode.Constant(value);
            }
            return node;
        }
        return new GpProgram(Build(root), usesR);
    }
}

/// <summary>A compiled node. <see cref="Channels"/> is 0 for a folded constant, else 1 or 3 planes.</summary>
internal sealed class CNode(GpOp op, int channels, Vector3 value, int seed, CNode[] kids)
{
    public GpOp Op { get; } = op;
    public int Channels { get; } = channels;
    public Vector3 Value { get; } = value;
    public int Seed { get; } = seed;
    public CNode[] Kids { get; } = kids;
    public bool IsConstant => Channels == 0;
    /// <summary>Planes this node's value takes once materialised (constants: 1 if grey, else 3).</summary>
    public int PlaneChannels => Channels != 0 ? Channels : Value.X == Value.Y && Value.Y == Value.Z ? 1 : 3;

    public static CNode Constant(Vector3 v) => new(GpOp.Const, 0, v, 0, []);
}

/// <summary>The coordinate planes of one tile: x, y and r per pixel.</summary>
internal readonly record struct Coords(float[] X, float[] Y, float[] R);

/// <summary>A node's value over a tile: 1 plane (grey) or 3 (R, G, B); <see cref="Owned"/> planes go back to the pool.</summary>
internal readonly record struct Val(int Channels, float[] P0, float[]? P1, float[]? P2, bool Owned)
{
    public float[] Get(int channel) => Channels == 1 ? P0 : channel switch { 0 => P0, 1 => P1!, _ => P2! };
}

/// <summary>
/// Evaluates a compiled tree bottom-up over a tile of pixels, one vectorised kernel per node, with planes recycled
/// through a free list so nothing is allocated after warm-up. One evaluator per thread; not thread-safe.
/// </summary>
internal sealed class GpEvaluator(int tile)
{
    private readonly Stack<float[]> _free = new();

    /// <summary>Pixels per tile (plane length).</summary>
    public int Tile { get; } = tile;

    /// <summary>The renderer's coordinate planes for the current tile (reused from image to image).</summary>
    public Coords TileCoords { get; } = new(new float[tile], new float[tile], new float[tile]);

    private float[] Rent() => _free.Count > 0 ? _free.Pop() : new float[Tile];

    /// <summary>Returns a value's owned planes to the pool.</summary>
    public void Release(Val v)
    {
        if (!v.Owned) return;
        _free.Push(v.P0);
        if (v.Channels == 3) { _free.Push(v.P1!); _free.Push(v.P2!); }
    }

    private Val NewVal(int channels) =>
        channels == 1 ? new Val(1, Rent(), null, null, true) : new Val(3, Rent(), Rent(), Rent(), true);

    /// <summary>The node's value over the first <paramref name="n"/> pixels of the tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Val Evaluate(CNode node, in Coords c, int n)
    {
        switch (node.Op)
        {
            case GpOp.X: return new Val(1, c.X, null, null, false);
            case GpOp.Y: return new Val(1, c.Y, null, null, false);
            case GpOp.R: return new Val(1, c.R, null, null, false);
        }
        if (node.IsConstant)
        {
            var v = NewVal(node.PlaneChannels);
            v.P0.AsSpan(0, n).Fill(node.Value.X);
            if (v.Channels == 3)
            {
                v.P1.AsSpan(0, n).Fill(node.Value.Y);
                v.P2.AsSpan(0, n).Fill(node.Value.Z);
            }
            return v;
        }
        switch (node.Op)
        {
            case GpOp.Warp: return Warp(node, c, n);
            case GpOp.Hsv: return Hsv(node, c, n);
            case GpOp.Rgb: return Rgb(node, c, n);
            case GpOp.If: return If(node, c, n);
        }
        var kids = node.Kids;
        if (kids.Length == 2 && (kids[0].IsConstant || kids[1].IsConstant) && node.Op is GpOp.Add or GpOp.Sub or GpOp.Mul or GpOp.Min or GpOp.Max)
            return WithScalar(node, c, n);
        var a = Evaluate(kids[0], c, n);
        if (kids.Length == 1)
        {
            var d1 = a.Owned && a.Channels == node.Channels ? a : NewVal(node.Channels);
            for (int ch = 0; ch < node.Channels; ch++)
                GpKernels.Apply(node.Op, a.Get(ch).AsSpan(0, n), default, d1.Get(ch).AsSpan(0, n), 0);
            if (!ReferenceEquals(d1.P0, a.P0)) Release(a);
            return d1;
        }
        var b = Evaluate(kids[1], c, n);
        var d = a.Owned && a.Channels == node.Channels ? a : b.Owned && b.Channels == node.Channels ? b : NewVal(node.Channels);
        for (int ch = 0; ch < node.Channels; ch++)
        {
            int seed = node.Op == GpOp.ColorNoise ? GpKernels.ChannelSeed(node.Seed, ch) : node.Seed;
            GpKernels.Apply(node.Op, a.Get(ch).AsSpan(0, n), b.Get(ch).AsSpan(0, n), d.Get(ch).AsSpan(0, n), seed);
        }
        if (!ReferenceEquals(d.P0, a.P0)) Release(a);
        if (!ReferenceEquals(d.P0, b.P0)) Release(b);
        return d;
    }

    /// <summary>A binary op with one constant argument: the constant stays a scalar per channel instead of a filled plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Val WithScalar(CNode node, in Coords c, int n)
    {
        bool constFirst = node.Kids[0].IsConstant;
        var k = (constFirst ? node.Kids[0] : node.Kids[1]).Value;
        var a = Evaluate(constFirst ? node.Kids[1] : node.Kids[0], c, n);
        var d = a.Owned && a.Channels == node.Channels ? a : NewVal(node.Channels);
        for (int ch = 0; ch < node.Channels; ch++)
        {
            float s = ch == 0 ? k.X : ch == 1 ? k.Y : k.Z;
            var src = a.Get(ch).AsSpan(0, n);
            var dst = d.Get(ch).AsSpan(0, n);
            switch (node.Op)
            {
                case GpOp.Add: TensorPrimitives.Add(src, s, dst); break;
                case GpOp.Mul: TensorPrimitives.Multiply(src, s, dst); break;
                case GpOp.Min: TensorPrimitives.Min(src, s, dst); break;
                case GpOp.Max: TensorPrimitives.Max(src, s, dst); break;
                case GpOp.Sub:
                    if (constFirst) TensorPrimitives.Subtract(s, src, dst);
                    else TensorPrimitives.Subtract(src, s, dst);
                    break;
            }
        }
        if (!ReferenceEquals(d.P0, a.P0)) Release(a);
        return d;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Val If(CNode node, in Coords c, int n)
    {
        var cond = Evaluate(node.Kids[0], c, n);
        var a = Evaluate(node.Kids[1], c, n);
        var b = Evaluate(node.Kids[2], c, n);
        var d = NewVal(node.Channels);
        for (int ch = 0; ch < node.Channels; ch++)
            GpKernels.IfPositive(cond.Get(ch).AsSpan(0, n), a.Get(ch).AsSpan(0, n), b.Get(ch).AsSpan(0, n), d.Get(ch).AsSpan(0, n));
        Release(cond); Release(a); Release(b);
        return d;
    }

    /// <summary>A grey plane for a value: itself when grey, else the mean of its channels (in a new owned plane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Val Mean(Val v, int n)
    {
        if (v.Channels == 1) return v;
        var m = NewVal(1);
        var s = m.P0.AsSpan(0, n);
        TensorPrimitives.Add(v.P0.AsSpan(0, n), v.P1.AsSpan(0, n), s);
        TensorPrimitives.Add(s, v.P2.AsSpan(0, n), s);
        TensorPrimitives.Multiply(s, 1f / 3f, s);
        Release(v);
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Val Hsv(CNode node, in Coords c, int n)
    {
        var h = Mean(Evaluate(node.Kids[0], c, n), n);
        var s = Mean(Evaluate(node.Kids[1], c, n), n);
        var v = Mean(Evaluate(node.Kids[2], c, n), n);
        var d = NewVal(3);
        GpKernels.HsvToRgb(h.P0.AsSpan(0, n), s.P0.AsSpan(0, n), v.P0.AsSpan(0, n), d.P0.AsSpan(0, n), d.P1.AsSpan(0, n), d.P2.AsSpan(0, n));
        Release(h); Release(s); Release(v);
        return d;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Val Rgb(CNode node, in Coords c, int n)
    {
        var d = NewVal(3);
        for (int ch = 0; ch < 3; ch++)
        {
            var a = Evaluate(node.Kids[ch], c, n);
            a.Get(ch).AsSpan(0, n).CopyTo(d.Get(ch));
            Release(a);
        }
        return d;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Val Warp(CNode node, in Coords c, int n)
    {
        var dx = Mean(Evaluate(node.Kids[1], c, n), n);
        var dy = Mean(Evaluate(node.Kids[2], c, n), n);
        var wx = dx.Owned ? dx.P0 : Rent();
        var wy = dy.Owned ? dy.P0 : Rent();
        var wr = Rent();
        TensorPrimitives.Add(c.X.AsSpan(0, n), dx.P0.AsSpan(0, n), wx.AsSpan(0, n));
        TensorPrimitives.Add(c.Y.AsSpan(0, n), dy.P0.AsSpan(0, n), wy.AsSpan(0, n));
        Radius(wx.AsSpan(0, n), wy.AsSpan(0, n), wr.AsSpan(0, n));
        var result = Evaluate(node.Kids[0], new Coords(wx, wy, wr), n);
        if (!result.Owned) // a bare warped coordinate: copy it out before its plane goes back to the pool
        {
            var copy = NewVal(1);
            result.P0.AsSpan(0, n).CopyTo(copy.P0);
            result = copy;
        }
        _free.Push(wx); _free.Push(wy); _free.Push(wr);
        return result;
    }

    /// <summary>r = sqrt(x² + y²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Radius(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r)
    {
        TensorPrimitives.Multiply(x, x, r);
        TensorPrimitives.FusedMultiplyAdd(y, y, r, r);
        TensorPrimitives.Sqrt(r, r);
    }
}
