using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Numerics.Tensors;
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
/// Thread-safe; <see cref="RenderAll"/> renders a population in parallel.
/// </summary>
public sealed class CppnRenderer : IRenderer<CppnGenome>
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

    /// <summary>Renders every genome, <paramref name="threads"/> at a time.</summary>
    public Image[] RenderAll(IReadOnlyList<CppnGenome> genomes, int width, int height, int threads)
    {
        var images = new Image[genomes.Count];
        Parallel.For(0, genomes.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            i => images[i] = Render(genomes[i], width, height));
        return images;
    }

    /// <summary>Renders into an existing image (its size decides the resolution).</summary>
    public void RenderInto(CppnGenome genome, Image image)
    {
        var program = genome.Compiled;
        var grid = Grid(image.Width, image.Height);
        int pixels = image.PixelCount;
        int slots = program.SlotCount;
        float[] scratch = ArrayPool<float>.Shared.Rent(slots * TileSize);
        try
        {
            for (int start = 0; start < pixels; start += TileSize)
            {
                int n = Math.Min(TileSize, pixels - start);
                EvaluateTile(program, grid, scratch, start, n);
                WritePixels(genome.Color, program, scratch, image, start, n);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>The x, y, d planes for a resolution, as cppn-x computes them (double, then stored as float).</summary>
    internal float[][] Grid(int width, int height) => _grids.GetOrAdd((width, height), key =>
    {
        var (w, h) = key;
        var x = new float[w * h];
        var y = new float[w * h];
        var d = new float[w * h];
        for (int j = 0; j < h; j++)
        {
            double yv = j / (h / 2.0) - 1;
            for (int i = 0; i < w; i++)
            {
                double xv = i / (w / 2.0) - 1;
                int k = j * w + i;
                x[k] = (float)xv;
                y[k] = (float)yv;
                d[k] = (float)(MathF.Sqrt((float)(xv * xv + yv * yv)) * 1.4);
            }
        }
        return [x, y, d];
    });

    private static void EvaluateTile(CompiledCppn program, float[][] grid, float[] scratch, int start, int n)
    {
        grid[0].AsSpan(start, n).CopyTo(scratch.AsSpan(CompiledCppn.XSlot * TileSize, n));
        grid[1].AsSpan(start, n).CopyTo(scratch.AsSpan(CompiledCppn.YSlot * TileSize, n));
        grid[2].AsSpan(start, n).CopyTo(scratch.AsSpan(CompiledCppn.DSlot * TileSize, n));
        foreach (var step in program.Steps)
        {
            var dst = scratch.AsSpan(step.Target * TileSize, n);
            var src = step.Sources;
            var w = step.Weights;
            if (src.Length == 0)
                dst.Fill(step.Bias);
            else
            {
                TensorPrimitives.Multiply(scratch.AsSpan(src[0] * TileSize, n), w[0], dst);
                for (int k = 1; k < src.Length; k++)
                    TensorPrimitives.MultiplyAdd(scratch.AsSpan(src[k] * TileSize, n), w[k], dst, dst);
                if (step.Bias != 0f) TensorPrimitives.Add(dst, step.Bias, dst);
            }
            Activate(step.Activation, dst);
        }
    }

    /// <summary>Applies an activation in place, vectorised.</summary>
    internal static void Activate(Activation a, Span<float> v)
    {
        switch (a)
        {
            case Activation.Identity: break;
            case Activation.Sin: TensorPrimitives.Sin(v, v); break;
            case Activation.Cos: TensorPrimitives.Cos(v, v); break;
            case Activation.Gaussian: Sampled(v, GaussianLow, GaussianHigh, GaussianFirst, GaussianLast); NegSquare(v); TensorPrimitives.Exp(v, v); Affine(v, 2f, -1f); break;
            case Activation.UGaussian: NegSquare(v); TensorPrimitives.Exp(v, v); break;
            case Activation.Sigmoid: Sampled(v, SigmoidLow, SigmoidHigh, SigmoidFirst, SigmoidLast); Affine(v, 0.5f, 0f); TensorPrimitives.Tanh(v, v); break; // 2/(1+e^-x) - 1 = tanh(x/2)
            case Activation.USigmoid: TensorPrimitives.Sigmoid(v, v); break;
            case Activation.Tanh: TensorPrimitives.Tanh(v, v); break;
            case Activation.Abs: TensorPrimitives.Abs(v, v); break;
            case Activation.Step: Step(v); break;
            default: throw new ArgumentOutOfRangeException(nameof(a));
        }
    }

    // cppn-x (CE_ActivationFunctions.cpp, "facts derived from the PicBreeder source") evaluates its sigmoid and gaussian
    // from tables sampled every 0.001 between the points where each function flattens out (its SIGMOID_LOW/HIGH and
    // GAUSSIAN_LOW/HIGH): the value at x is f(trunc(1000·x + 0.5)/1000), and f at the first/last table entry beyond them.
    private const float SigmoidLow = -7.6014025936126712f, SigmoidHigh = 7.6013787517547611f;
    private const float SigmoidFirst = -7.601f, SigmoidLast = 7.601f;          // table offset 7601, size 15203
    private const float GaussianLow = -2.7579733983037391f, GaussianHigh = 2.7579733983037391f;
    private const float GaussianFirst = -2.757f, GaussianLast = 2.758f;        // table offset 2757, size 5516

    /// <summary>Replaces each x by the sample point cppn-x's table lookup uses for it.</summary>
    internal static void Sampled(Span<float> v, float low, float high, float first, float last)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vLow = new Vector<float>(low);
            var vHigh = new Vector<float>(high);
            var vFirst = new Vector<float>(first);
            var vLast = new Vector<float>(last);
            var k = new Vector<float>(1000f);
            var half = new Vector<float>(0.5f);
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(v[i..]);
                var inside = Vector.ConvertToSingle(Vector.ConvertToInt32(x * k + half)) / k; // C cast: truncation toward zero
                var r = Vector.ConditionalSelect(Vector.LessThanOrEqual(x, vLow), vFirst,
                    Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, vHigh), vLast, inside));
                r.CopyTo(v[i..]);
            }
        }
        for (; i < v.Length; i++)
        {
            float x = v[i];
            v[i] = x <= low ? first : x >= high ? last : MathF.Truncate(x * 1000f + 0.5f) / 1000f;
        }
    }

    private static void NegSquare(Span<float> v)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(v[i..]);
                (-(x * x)).CopyTo(v[i..]);
            }
        for (; i < v.Length; i++) v[i] = -(v[i] * v[i]);
    }

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
