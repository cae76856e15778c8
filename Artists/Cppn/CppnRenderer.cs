using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Renders CPPN genomes the way the cppn-x tool does, vectorised: the network is evaluated node by node over tiles of
/// pixels (each node one SIMD pass over the tile, the tile's planes staying in cache), not per pixel.
/// <list type="bullet">
/// <item>Grid (cppn-x <c>Cppn::updateNodes</c>): pixel column i of W gives x = i/(W/2) − 1, row j of H gives y = j/(H/2) − 1
/// (so x, y ∈ [−1, 1), row 0 at the top), d = 1.4·sqrt(x² + y²), bias = 1.</item>
/// <item>A node's value is act(Σ weight·source); cppn-x's node <c>bias</c> attribute is not used, as in cppn-x.</item>
/// <item>Pixels (cppn-x <c>Node::setPixel</c> and <c>FinalNodeView::update</c>): each output becomes 8-bit channels;
/// grey = |ink|; HSV: hue = ±|hue|·360° (sign from the hue node's blue channel), saturation from the saturation node's
/// blue channel, value = |brightness|, converted to RGB as Qt's <c>QColor::setHsv</c> does.</item>
/// </list>
/// Thread-safe; <see cref="RendererExtensions.RenderAll{T}"/> renders a population in parallel.
/// </summary>
public sealed class CppnRenderer : IViewportRenderer<CppnGenome>
{
    /// <summary>Pixels evaluated together; every node's plane for one tile stays in the L1/L2 cache.</summary>
    public const int TileSize = 1024;

    private readonly ConcurrentDictionary<(int W, int H), float[][]> _grids = new();

    /// <inheritdoc/>
    public Image Render(CppnGenome genome, int width, int height)
    {
        var image = new Image(width, height);
        RenderInto(genome, image);
        return image;
    }


    /// <inheritdoc/>
    public Image Render(CppnGenome genome, int width, int height, Viewport view)
    {
        var image = new Image(width, height);
        RenderInto(genome, image, view);
        return image;
    }

    /// <summary>Renders into an existing image (its size decides the resolution), optionally of part of the plane.</summary>
    public void RenderInto(CppnGenome genome, Image image, Viewport? view = null)
    {
        var program = genome.Compiled;
        var grid = view is { IsWhole: false } v ? MakeGrid(image.Width, image.Height, v) : Grid(image.Width, image.Height);
        int pixels = image.PixelCount;
        int slots = program.SlotCount;
        float[] scratch = ArrayPool<float>.Shared.Rent(slots * TileSize);
        var srcArrays = new float[program.MaxFanIn][];
        var srcOffsets = new int[program.MaxFanIn];
        try
        {
            for (int start = 0; start < pixels; start += TileSize)
            {
                int n = Math.Min(TileSize, pixels - start);
                if (Wide && n % Vector512<float>.Count == 0) EvaluateTileWide(program, grid, scratch, start, n);
                else EvaluateTile(program, grid, scratch, start, n, srcArrays, srcOffsets);
                WritePixels(genome.Color, program, scratch, image, start, n);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>The x, y, d planes for a resolution, as cppn-x computes them (double, then stored as float).</summary>
    internal float[][] Grid(int width, int height) =>
        (long)width * height > MaxCachedGridPixels ? MakeGrid(width, height, Viewport.Whole)
        : _grids.GetOrAdd((width, height), key => MakeGrid(key.W, key.H, Viewport.Whole));

    /// <summary>Grids up to this many pixels are kept for reuse; larger ones (12 bytes a pixel) are made for each render.</summary>
    public const long MaxCachedGridPixels = 1024 * 1024;

    private static float[][] MakeGrid(int w, int h, Viewport view)
    {
        bool whole = view.IsWhole;
        var x = new float[w * h];
        var y = new float[w * h];
        var d = new float[w * h];
        for (int j = 0; j < h; j++)
        {
            double yv = j / (h / 2.0) - 1;
            if (!whole) yv = view.Y(yv);
            for (int i = 0; i < w; i++)
            {
                double xv = i / (w / 2.0) - 1;
                if (!whole) xv = view.X(xv);
                int k = j * w + i;
                x[k] = (float)xv;
                y[k] = (float)yv;
                d[k] = (float)(MathF.Sqrt((float)(xv * xv + yv * yv)) * 1.4);
            }
        }
        return [x, y, d];
    }

    /// <summary>Whether the fused 16-lane <see cref="Vector512{T}"/> path is used (AVX-512 hardware).</summary>
    internal static bool Wide => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// The AVX-512 path: x, y, d are copied into slots 0–2 of the tile, then each node is one pass over the tile that
    /// sums all its weighted sources and applies its activation in registers (the same operations, in the same order,
    /// as the <see cref="Vector{T}"/> path, so the results are bit-identical).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluateTileWide(CompiledCppn program, float[][] grid, float[] scratch, int start, int n)
    {
        for (int k = 0; k <= CompiledCppn.DSlot; k++) grid[k].AsSpan(start, n).CopyTo(scratch.AsSpan(k * TileSize, n));
        foreach (var step in program.Steps) EvaluateNodeWide(step, scratch, n);
    }

    /// <summary>One node over the first n pixels of a tile (n a multiple of 16): slot[Target] = act(Σ), sources read from scratch slots.</summary>
    private static void EvaluateNodeWide(CompiledCppn.Step step, float[] scratch, int n)
    {
        switch (step.Activation)
        {
            case Activation.Identity: NodeWide<IdentityOp>(step, scratch, n); break;
            case Activation.Sin: NodeWide<SinOp>(step, scratch, n); break;
            case Activation.Cos: NodeWide<CosOp>(step, scratch, n); break;
            case Activation.Abs: NodeWide<AbsOp>(step, scratch, n); break;
            case Activation.Step: NodeWide<StepOp>(step, scratch, n); break;
            case Activation.Gaussian: NodeWide<GaussianOp>(step, scratch, n); break;
            case Activation.UGaussian: NodeWide<UGaussianOp>(step, scratch, n); break;
            case Activation.Sigmoid: NodeWide<SigmoidOp>(step, scratch, n); break;
            case Activation.USigmoid: NodeWide<USigmoidOp>(step, scratch, n); break;
            case Activation.Tanh: NodeWide<TanhOp>(step, scratch, n); break;
            default: throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    /// <summary>
    /// dst = act(bias + Σ wₖsₖ), one register accumulator per 16 pixels, each term added with a fused multiply-add (so the
    /// sum can differ from the <see cref="Vector{T}"/> path's in the last bits; it is more accurate, not less).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NodeWide<TAct>(CompiledCppn.Step step, float[] scratch, int n) where TAct : struct, IWideActivation
    {
        int[] src = step.Sources;
        float[] w = step.ScaledWeights;
        int fanIn = src.Length;
        if (w.Length != fanIn) throw new ArgumentException("weights and sources differ in length", nameof(step));
        if (n % Vector512<float>.Count != 0 || n > TileSize) throw new ArgumentOutOfRangeException(nameof(n));
        // every load and store below stays inside scratch: slot·TileSize + i + 16 ≤ (slot + 1)·TileSize ≤ scratch.Length
        if ((step.Target + 1) * TileSize > scratch.Length || step.Target < 0) throw new ArgumentOutOfRangeException(nameof(step));
        Span<int> offs = stackalloc int[fanIn];
        for (int k = 0; k < fanIn; k++)
        {
            if (src[k] < 0 || (src[k] + 1) * TileSize > scratch.Length) throw new ArgumentOutOfRangeException(nameof(step));
            offs[k] = src[k] * TileSize;
        }
        ref float s = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref int off = ref MemoryMarshal.GetReference(offs);
        ref float wr = ref MemoryMarshal.GetArrayDataReference(w);
        var bias = Vector512.Create(step.Bias * step.Scale);
        int dst = step.Target * TileSize;
        for (int i = 0; i < n; i += Vector512<float>.Count)
        {
            var acc = bias;
            for (int k = 0; k < fanIn; k++)
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref s, (nuint)(Unsafe.Add(ref off, k) + i)), Vector512.Create(Unsafe.Add(ref wr, k)), acc);
            TAct.Apply(acc).StoreUnsafe(ref s, (nuint)(dst + i));
        }
    }

    /// <summary>An activation on 16 lanes, the same operations as the pre-op plus activation passes of the <see cref="Vector{T}"/> path.</summary>
    private interface IWideActivation { static abstract Vector512<float> Apply(Vector512<float> x); }
    private struct IdentityOp : IWideActivation { public static Vector512<float> Apply(Vector512<float> x) => x; }
    private struct SinOp : IWideActivation { public static Vector512<float> Apply(Vector512<float> x) => FastTrig.SinCos(x, 0); }
    private struct CosOp : IWideActivation { public static Vector512<float> Apply(Vector512<float> x) => FastTrig.SinCos(x, 1); }
    private struct AbsOp : IWideActivation { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Abs(x); }
    private struct StepOp : IWideActivation
    {
        public static Vector512<float> Apply(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
    }
    private struct GaussianOp : IWideActivation
    {
        public static Vector512<float> Apply(Vector512<float> x)
        {
            var q = Sampled(x, GaussianLow, GaussianHigh, GaussianFirst, GaussianLast);
            return FastExp.Exp(-(q * q)) * Vector512.Create(2f) + Vector512.Create(-1f);
        }
    }
    private struct UGaussianOp : IWideActivation { public static Vector512<float> Apply(Vector512<float> x) => FastExp.Exp(-(x * x)); }
    private struct SigmoidOp : IWideActivation
    {
        public static Vector512<float> Apply(Vector512<float> x) =>
            Vector512.Create(2f) / (Vector512<float>.One + FastExp.Exp(-Sampled(x, SigmoidLow, SigmoidHigh, SigmoidFirst, SigmoidLast))) + Vector512.Create(-1f);
    }
    private struct USigmoidOp : IWideActivation
    {
        public static Vector512<float> Apply(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + FastExp.Exp(x)) + Vector512<float>.Zero;
    }
    private struct TanhOp : IWideActivation
    {
        public static Vector512<float> Apply(Vector512<float> x) => Vector512.Create(-2f) / (Vector512<float>.One + FastExp.Exp(x)) + Vector512<float>.One;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sampled(Vector512<float> x, float low, float high, float first, float last)
    {
        var k = Vector512.Create(1000f);
        var inside = Vector512.ConvertToSingle(Vector512.ConvertToInt32(x * k + Vector512.Create(0.5f))) / k;
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(low)), Vector512.Create(first),
            Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512.Create(high)), Vector512.Create(last), inside));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluateTile(CompiledCppn program, float[][] grid, float[] scratch, int start, int n, float[][] srcArrays, int[] srcOffsets)
    {
        foreach (var step in program.Steps)
        {
            var src = step.Sources;
            for (int k = 0; k < src.Length; k++)
            {
                // x, y and d are read straight from the cached grid; node values from the tile's scratch planes.
                if (src[k] <= CompiledCppn.DSlot) { srcArrays[k] = grid[src[k]]; srcOffsets[k] = start; }
                else { srcArrays[k] = scratch; srcOffsets[k] = src[k] * TileSize; }
            }
            EvaluateNode(step, srcArrays, srcOffsets, scratch.AsSpan(step.Target * TileSize, n));
        }
    }

    /// <summary>Pre-activation transforms fused into the weighted-sum pass.</summary>
    private enum PreOp { None, NegSquare, SampledSigmoidNeg, SampledGaussianNegSquare }

    /// <summary>
    /// One node over a tile: a single fused SIMD pass computes the weighted sum (and the cheap start of the activation),
    /// then at most two more passes finish the activation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluateNode(CompiledCppn.Step step, float[][] srcArrays, int[] srcOffsets, Span<float> dst)
    {
        var pre = step.Activation switch
        {
            Activation.Gaussian => PreOp.SampledGaussianNegSquare,
            Activation.Sigmoid => PreOp.SampledSigmoidNeg,
            Activation.UGaussian => PreOp.NegSquare,
            _ => PreOp.None,
        };
        WeightedSum(step, srcArrays, srcOffsets, dst, pre);
        switch (step.Activation)
        {
            case Activation.Identity: break;
            case Activation.Sin: FastTrig.SinCos(dst, cosine: false); break;
            case Activation.Cos: FastTrig.SinCos(dst, cosine: true); break;
            case Activation.Abs: TensorPrimitives.Abs(dst, dst); break;
            case Activation.Step: Step(dst); break;
            case Activation.Gaussian: TensorPrimitives.Exp(dst, dst); Affine(dst, 2f, -1f); break;          // 2e^{-q²} − 1
            case Activation.UGaussian: TensorPrimitives.Exp(dst, dst); break;                              // e^{-x²}
            case Activation.Sigmoid: TensorPrimitives.Exp(dst, dst); Rational(dst, 2f, -1f); break;         // 2/(1+e^{-q}) − 1
            case Activation.USigmoid: TensorPrimitives.Exp(dst, dst); Rational(dst, 1f, 0f); break;         // 1/(1+e^{-x}), sum pre-scaled by −1
            case Activation.Tanh: TensorPrimitives.Exp(dst, dst); Rational(dst, -2f, 1f); break;            // 1 − 2/(1+e^{2x}), sum pre-scaled by 2
            default: throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    /// <summary>A plane of zeros: the padding source of a partial group of four (0·0 stays 0 where 0·NaN would not).</summary>
    private static readonly float[] Zeros = new float[TileSize];

    /// <summary>
    /// dst = pre(bias + Σ wₖ·srcₖ), four sources per pass (the first pass starts from the bias, later ones add to dst);
    /// the pre-activation transform is applied in the last pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightedSum(CompiledCppn.Step step, float[][] srcArrays, int[] srcOffsets, Span<float> dst, PreOp pre)
    {
        int n = dst.Length;
        int fanIn = step.Sources.Length;
        // a partial group of four reads its missing sources from Zeros, which covers one tile only
        if (n > Zeros.Length) throw new ArgumentException($"at most {TileSize} pixels per pass, got {n}", nameof(dst));
        float bias = step.Bias * step.Scale;
        var wv = step.WeightVectors;
        var w = step.Weights;
        float scale = step.Scale;
        ref float d = ref MemoryMarshal.GetReference(dst);
        int groups = Math.Max(1, (fanIn + 3) / 4);
        for (int g = 0; g < groups; g++)
        {
            int k0 = 4 * g;
            bool firstGroup = g == 0;
            PreOp p = g == groups - 1 ? pre : PreOp.None;
            ref float s0 = ref Source(srcArrays, srcOffsets, fanIn, k0);
            ref float s1 = ref Source(srcArrays, srcOffsets, fanIn, k0 + 1);
            ref float s2 = ref Source(srcArrays, srcOffsets, fanIn, k0 + 2);
            ref float s3 = ref Source(srcArrays, srcOffsets, fanIn, k0 + 3);
            var w0 = k0 < fanIn ? wv[k0] : Vector<float>.Zero;
            var w1 = k0 + 1 < fanIn ? wv[k0 + 1] : Vector<float>.Zero;
            var w2 = k0 + 2 < fanIn ? wv[k0 + 2] : Vector<float>.Zero;
            var w3 = k0 + 3 < fanIn ? wv[k0 + 3] : Vector<float>.Zero;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vb = new Vector<float>(bias);
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    nuint at = (nuint)i;
                    var acc = firstGroup ? vb : Vector.LoadUnsafe(ref d, at);
                    acc += Vector.LoadUnsafe(ref s0, at) * w0 + Vector.LoadUnsafe(ref s1, at) * w1
                         + Vector.LoadUnsafe(ref s2, at) * w2 + Vector.LoadUnsafe(ref s3, at) * w3;
                    switch (p)
                    {
                        case PreOp.NegSquare: acc = -(acc * acc); break;
                        case PreOp.SampledSigmoidNeg: acc = -Sampled(acc, SigmoidLow, SigmoidHigh, SigmoidFirst, SigmoidLast); break;
                        case PreOp.SampledGaussianNegSquare: { var q = Sampled(acc, GaussianLow, GaussianHigh, GaussianFirst, GaussianLast); acc = -(q * q); break; }
                    }
                    acc.StoreUnsafe(ref d, at);
                }
            }
            for (; i < n; i++)
            {
                float acc = firstGroup ? bias : dst[i];
                for (int k = k0; k < Math.Min(k0 + 4, fanIn); k++) acc += srcArrays[k][srcOffsets[k] + i] * (w[k] * scale);
                switch (p)
                {
                    case PreOp.NegSquare: acc = -(acc * acc); break;
                    case PreOp.SampledSigmoidNeg: acc = -Sampled(acc, SigmoidLow, SigmoidHigh, SigmoidFirst, SigmoidLast); break;
                    case PreOp.SampledGaussianNegSquare: { float q = Sampled(acc, GaussianLow, GaussianHigh, GaussianFirst, GaussianLast); acc = -(q * q); break; }
                }
                dst[i] = acc;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Source(float[][] arrays, int[] offsets, int fanIn, int k) =>
        ref k < fanIn ? ref arrays[k][offsets[k]] : ref Zeros[0];

    /// <summary>Applies an activation in place, through the same fused code the renderer uses (one source, weight 1).</summary>
    /// <remarks>With <paramref name="wide"/> (and AVX-512), the whole multiples of 16 of each tile go through the fused
    /// 16-lane path and the rest through the <see cref="Vector{T}"/> path; otherwise everything takes the latter.</remarks>
    internal static void Activate(Activation a, Span<float> v, bool wide = true)
    {
        var step = new CompiledCppn.Step(0, a, 0f, [0], [1f]);
        var wideStep = new CompiledCppn.Step(1, a, 0f, [0], [1f]);
        var scratch = new float[2 * TileSize];
        for (int start = 0; start < v.Length; start += TileSize)
        {
            var tile = v.Slice(start, Math.Min(TileSize, v.Length - start));
            int m = wide && Wide ? tile.Length & ~(Vector512<float>.Count - 1) : 0;
            if (m > 0)
            {
                tile[..m].CopyTo(scratch);
                EvaluateNodeWide(wideStep, scratch, m);
                scratch.AsSpan(TileSize, m).CopyTo(tile);
            }
            var tail = tile[m..];
            if (tail.Length > 0) EvaluateNode(step, [tail.ToArray()], [0], tail);
        }
    }

    // cppn-x (CE_ActivationFunctions.cpp, "facts derived from the PicBreeder source") evaluates its sigmoid and gaussian
    // from tables sampled every 0.001 between the points where each function flattens out (its SIGMOID_LOW/HIGH and
    // GAUSSIAN_LOW/HIGH): the value at x is f(trunc(1000·x + 0.5)/1000), and f at the first/last table entry beyond them.
    private const float SigmoidLow = -7.6014025936126712f, SigmoidHigh = 7.6013787517547611f;
    private const float SigmoidFirst = -7.601f, SigmoidLast = 7.601f;          // table offset 7601, size 15203
    private const float GaussianLow = -2.7579733983037391f, GaussianHigh = 2.7579733983037391f;
    private const float GaussianFirst = -2.757f, GaussianLast = 2.758f;        // table offset 2757, size 5516

    /// <summary>The sample point cppn-x's table lookup uses for x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Sampled(Vector<float> x, float low, float high, float first, float last)
    {
        var k = new Vector<float>(1000f);
        var inside = Vector.ConvertToSingle(Vector.ConvertToInt32(x * k + new Vector<float>(0.5f))) / k; // C cast: truncation toward zero
        return Vector.ConditionalSelect(Vector.LessThanOrEqual(x, new Vector<float>(low)), new Vector<float>(first),
            Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, new Vector<float>(high)), new Vector<float>(last), inside));
    }

    private static float Sampled(float x, float low, float high, float first, float last) =>
        x <= low ? first : x >= high ? last : MathF.Truncate(x * 1000f + 0.5f) / 1000f;

    /// <summary>v = a/(1 + v) + b, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rational(Span<float> v, float a, float b)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(a);
            var vb = new Vector<float>(b);
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
                (va / (Vector<float>.One + new Vector<float>(v[i..])) + vb).CopyTo(v[i..]);
        }
        for (; i < v.Length; i++) v[i] = a / (1f + v[i]) + b;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Affine(Span<float> v, float a, float b)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(a);
            var vb = new Vector<float>(b);
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(v[i..]) * va + vb).CopyTo(v[i..]);
        }
        for (; i < v.Length; i++) v[i] = v[i] * a + b;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(Span<float> v)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(v[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero).CopyTo(v[i..]);
            }
        for (; i < v.Length; i++) v[i] = v[i] > 0f ? 1f : 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WritePixels(ColorMode color, CompiledCppn program, float[] scratch, Image image, int start, int n)
    {
        int plane = image.PixelCount;
        var data = image.Data;
        var o = program.OutputSlots;
        var r = data.AsSpan(start, n);
        var g = data.AsSpan(plane + start, n);
        var b = data.AsSpan(2 * plane + start, n);
        switch (color)
        {
            case ColorMode.Grey:
                PixelMath.Grey(scratch.AsSpan(o[0] * TileSize, n), r);
                r.CopyTo(g);
                r.CopyTo(b);
                break;
            case ColorMode.Rgb:
                PixelMath.Grey(scratch.AsSpan(o[0] * TileSize, n), r);
                PixelMath.Grey(scratch.AsSpan(o[1] * TileSize, n), g);
                PixelMath.Grey(scratch.AsSpan(o[2] * TileSize, n), b);
                break;
            default:
                PixelMath.Hsv(scratch.AsSpan(o[0] * TileSize, n), scratch.AsSpan(o[1] * TileSize, n), scratch.AsSpan(o[2] * TileSize, n), r, g, b);
                break;
        }
    }
}
