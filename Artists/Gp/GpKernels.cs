using System.Numerics;
using System.Numerics.Tensors;

namespace Coevo.Artists.Gp;

/// <summary>
/// The element-wise kernels the GP evaluator runs over whole pixel spans: TensorPrimitives for the library functions,
/// explicit <see cref="Vector{T}"/> loops for the protected and conditional ones. Destinations may alias sources
/// element for element (in-place evaluation).
/// </summary>
internal static class GpKernels
{
    /// <summary>|b| at or below this counts as zero for / and mod; log's floor on |a|.</summary>
    public const float Epsilon = 1e-6f;
    /// <summary>exp's argument is clamped to ±this.</summary>
    public const float ExpLimit = 10f;
    /// <summary>Value-noise lattice cells per unit of the noise arguments (the image spans 2 units, so 8 cells).</summary>
    public const float NoiseFrequency = 4f;

    /// <summary>Applies a per-channel op of arity 1 or 2 (<paramref name="b"/> empty for unary).</summary>
    public static void Apply(GpOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d, int seed)
    {
        switch (op)
        {
            case GpOp.Add: TensorPrimitives.Add(a, b, d); break;
            case GpOp.Sub: TensorPrimitives.Subtract(a, b, d); break;
            case GpOp.Mul: TensorPrimitives.Multiply(a, b, d); break;
            case GpOp.Div: Divide(a, b, d); break;
            case GpOp.Mod: Modulo(a, b, d); break;
            case GpOp.Min: TensorPrimitives.Min(a, b, d); break;
            case GpOp.Max: TensorPrimitives.Max(a, b, d); break;
            case GpOp.Abs: TensorPrimitives.Abs(a, d); break;
            case GpOp.Sin: TensorPrimitives.Sin(a, d); break;
            case GpOp.Cos: TensorPrimitives.Cos(a, d); break;
            case GpOp.Atan2: Atan2(a, b, d); break;
            case GpOp.Exp:
                TensorPrimitives.Clamp(a, -ExpLimit, ExpLimit, d);
                TensorPrimitives.Exp(d, d);
                break;
            case GpOp.Log:
                TensorPrimitives.Abs(a, d);
                TensorPrimitives.Max(d, Epsilon, d);
                TensorPrimitives.Log(d, d);
                break;
            case GpOp.Noise:
            case GpOp.ColorNoise:
                Noise(seed, a, b, d);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "not a per-channel unary/binary op");
        }
    }

    /// <summary>Protected division: a/b, or 1 where |b| ≤ ε.</summary>
    public static void Divide(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        int n = d.Length, i = 0, w = Vector<float>.Count;
        var eps = new Vector<float>(Epsilon);
        var one = Vector<float>.One;
        for (; i <= n - w; i += w)
        {
            var va = new Vector<float>(a[i..]);
            var vb = new Vector<float>(b[i..]);
            var ok = Vector.GreaterThan(Vector.Abs(vb), eps);
            var q = va / Vector.ConditionalSelect(ok, vb, one);
            Vector.ConditionalSelect(ok, q, one).CopyTo(d[i..]);
        }
        for (; i < n; i++) d[i] = MathF.Abs(b[i]) > Epsilon ? a[i] / b[i] : 1f;
    }

    /// <summary>Protected floored modulo: a − b·floor(a/b) (sign of b), or 0 where |b| ≤ ε.</summary>
    public static void Modulo(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        int n = d.Length, i = 0, w = Vector<float>.Count;
        var eps = new Vector<float>(Epsilon);
        var one = Vector<float>.One;
        for (; i <= n - w; i += w)
        {
            var va = new Vector<float>(a[i..]);
            var vb = new Vector<float>(b[i..]);
            var ok = Vector.GreaterThan(Vector.Abs(vb), eps);
            var bb = Vector.ConditionalSelect(ok, vb, one);
            var r = va - bb * Vector.Floor(va / bb);
            Vector.ConditionalSelect(ok, r, Vector<float>.Zero).CopyTo(d[i..]);
        }
        for (; i < n; i++) d[i] = MathF.Abs(b[i]) > Epsilon ? a[i] - b[i] * MathF.Floor(a[i] / b[i]) : 0f;
    }

    /// <summary>
    /// atan2(y, x) vectorised (TensorPrimitives.Atan2 runs scalar): octant reduction to atan(t), t in [0,1], and the
    /// Abramowitz–Stegun 4.4.49 polynomial (|error| ≤ 2e-8 rad before float rounding).
    /// </summary>
    public static void Atan2(ReadOnlySpan<float> y, ReadOnlySpan<float> x, Span<float> d)
    {
        int n = d.Length, i = 0, w = Vector<float>.Count;
        for (; i <= n - w; i += w)
            Atan2(new Vector<float>(y[i..]), new Vector<float>(x[i..])).CopyTo(d[i..]);
        for (; i < n; i++) d[i] = Atan2(new Vector<float>(y[i]), new Vector<float>(x[i]))[0];
    }

    private static Vector<float> Atan2(Vector<float> y, Vector<float> x)
    {
        var ax = Vector.Abs(x);
        var ay = Vector.Abs(y);
        var big = Vector.Max(ax, ay);
        var t = Vector.Min(ax, ay) / big;
        t = Vector.ConditionalSelect(Vector.Equals(big, Vector<float>.Zero), Vector<float>.Zero, t);
        var s = t * t;
        var p = new Vector<float>(-0.0040540580f);
        p = p * s + new Vector<float>(0.0218612288f);
        p = p * s + new Vector<float>(-0.0559098861f);
        p = p * s + new Vector<float>(0.0964200441f);
        p = p * s + new Vector<float>(-0.1390853351f);
        p = p * s + new Vector<float>(0.1994653599f);
        p = p * s + new Vector<float>(-0.3332985605f);
        p = p * s + new Vector<float>(0.9999993329f);
        var r = p * t;
        r = Vector.ConditionalSelect(Vector.GreaterThan(ay, ax), new Vector<float>(MathF.PI / 2) - r, r);
        r = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), new Vector<float>(MathF.PI) - r, r);
        return Vector.ConditionalSelect(Vector.LessThan(y, Vector<float>.Zero), -r, r);
    }

    /// <summary>c &gt; 0 ? a : b, element-wise.</summary>
    public static void IfPositive(ReadOnlySpan<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        int n = d.Length, i = 0, w = Vector<float>.Count;
        for (; i <= n - w; i += w)
        {
            var m = Vector.GreaterThan(new Vector<float>(c[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(m, new Vector<float>(a[i..]), new Vector<float>(b[i..])).CopyTo(d[i..]);
        }
        for (; i < n; i++) d[i] = c[i] > 0f ? a[i] : b[i];
    }

    /// <summary>Maps tree values to pixel values: clamp((v+1)/2, 0, 1); NaN becomes 0.5 (the value of 0).</summary>
    public static void ToPixels(ReadOnlySpan<float> v, Span<float> d)
    {
        int n = d.Length, i = 0, w = Vector<float>.Count;
        var half = new Vector<float>(0.5f);
        for (; i <= n - w; i += w)
        {
            var x = new Vector<float>(v[i..]);
            x = Vector.ConditionalSelect(Vector.Equals(x, x), x * half + half, half);
            Vector.Min(Vector.Max(x, Vector<float>.Zero), Vector<float>.One).CopyTo(d[i..]);
        }
        for (; i < n; i++) d[i] = ToPixel(v[i]);
    }

    /// <summary>One value mapped as <see cref="ToPixels"/> does.</summary>
    public static float ToPixel(float v) => float.IsNaN(v) ? 0.5f : Math.Clamp(v * 0.5f + 0.5f, 0f, 1f);

    /// <summary>hsv→rgb. Inputs are tree values: hue wraps, h' = frac((h+1)/2); s' and v' = clamp((s+1)/2, 0, 1). Outputs are tree values again (2·rgb − 1).</summary>
    public static void HsvToRgb(ReadOnlySpan<float> h, ReadOnlySpan<float> s, ReadOnlySpan<float> v, Span<float> r, Span<float> g, Span<float> b)
    {
        for (int i = 0; i < r.Length; i++)
        {
            var (cr, cg, cb) = HsvToRgb(h[i], s[i], v[i]);
            r[i] = cr; g[i] = cg; b[i] = cb;
        }
    }

    /// <summary>One pixel of <see cref="HsvToRgb(ReadOnlySpan{float},ReadOnlySpan{float},ReadOnlySpan{float},Span{float},Span{float},Span{float})"/>.</summary>
    public static (float R, float G, float B) HsvToRgb(float h, float s, float v)
    {
        float hh = (h + 1f) * 0.5f;
        hh -= MathF.Floor(hh);
        float ss = Math.Clamp((s + 1f) * 0.5f, 0f, 1f);
        float vv = Math.Clamp((v + 1f) * 0.5f, 0f, 1f);
        float h6 = hh * 6f, vs = vv * ss;
        // f(n) = v − v·s·clamp(min(k, 4−k), 0, 1), k = (n + 6h) mod 6: the branch-free hsv formula.
        float F(float n)
        {
            float k = n + h6;
            k -= 6f * MathF.Floor(k / 6f);
            return vv - vs * Math.Clamp(MathF.Min(k, 4f - k), 0f, 1f);
        }
        return (2f * F(5f) - 1f, 2f * F(3f) - 1f, 2f * F(1f) - 1f);
    }

    /// <summary>Seeded value noise at (a[i], b[i]) for every i.</summary>
    public static void Noise(int seed, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = ValueNoise(seed, a[i], b[i]);
    }

    /// <summary>
    /// 2-D value noise in [−1,1]: a hashed random value at every lattice point (spacing 1/<see cref="NoiseFrequency"/>),
    /// interpolated with smoothstep. Non-finite coordinates give 0.
    /// </summary>
    public static float ValueNoise(int seed, float a, float b)
    {
        float x = a * NoiseFrequency, y = b * NoiseFrequency;
        if (!float.IsFinite(x) || !float.IsFinite(y)) return 0f;
        x = Math.Clamp(x, -1e6f, 1e6f);
        y = Math.Clamp(y, -1e6f, 1e6f);
        float fx = MathF.Floor(x), fy = MathF.Floor(y);
        int ix = (int)fx, iy = (int)fy;
        float tx = x - fx, ty = y - fy;
        float sx = tx * tx * (3f - 2f * tx), sy = ty * ty * (3f - 2f * ty);
        float v00 = Lattice(seed, ix, iy), v10 = Lattice(seed, ix + 1, iy);
        float v01 = Lattice(seed, ix, iy + 1), v11 = Lattice(seed, ix + 1, iy + 1);
        float top = v00 + sx * (v10 - v00), bottom = v01 + sx * (v11 - v01);
        return top + sy * (bottom - top);
    }

    /// <summary>The noise value at lattice point (i, j) for a seed, in [−1,1).</summary>
    public static float Lattice(int seed, int i, int j)
    {
        unchecked
        {
            uint h = (uint)seed;
            h ^= (uint)i * 0x85EBCA77u;
            h = BitOperations.RotateLeft(h, 13) * 0xC2B2AE3Du;
            h ^= (uint)j * 0x27D4EB2Fu;
            h = BitOperations.RotateLeft(h, 13) * 0x165667B1u;
            h ^= h >> 15; h *= 0x85EBCA77u;
            h ^= h >> 13; h *= 0xC2B2AE3Du;
            h ^= h >> 16;
            return (h >> 8) * (2f / 16777216f) - 1f;
        }
    }

    /// <summary>The seed colour noise uses for channel <paramref name="channel"/>.</summary>
    public static int ChannelSeed(int seed, int channel) => unchecked(seed + channel * 1013904223);
}
