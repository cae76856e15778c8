using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            case GpOp.Sin: SinCos(a, d, 0); break;
            case GpOp.Cos: SinCos(a, d, 1); break;
            case GpOp.Atan2: Atan2(a, b, d); break;
            case GpOp.Exp: ClampedExp(a, d); break;
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

    /// <summary>
    /// exp(clamp(a, −10, 10)), vectorised: the clamp bounds 2^k, so no overflow handling is needed. exp(r)·2^k with
    /// k = round(a/ln 2), Cody–Waite reduction and a degree-6 Taylor polynomial (|r| ≤ ln2/2: relative error ≈ 2e-7).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ClampedExp(ReadOnlySpan<float> a, Span<float> d)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.ClampedExp(a, d); return; }
        int n = d.Length, i = 0, w = Vector<float>.Count;
        for (; i <= n - w; i += w) ClampedExp(new Vector<float>(a[i..])).CopyTo(d[i..]);
        for (; i < n; i++) d[i] = ClampedExp(new Vector<float>(a[i]))[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector<float> ClampedExp(Vector<float> x)
    {
        var isNum = Vector.Equals(x, x);
        var c = Vector.Min(Vector.Max(Vector.ConditionalSelect(isNum, x, Vector<float>.Zero), new Vector<float>(-ExpLimit)), new Vector<float>(ExpLimit));
        var k = Vector.Floor(c * new Vector<float>(1.44269504f) + new Vector<float>(0.5f));
        var r = c - k * new Vector<float>(0.693359375f) - k * new Vector<float>(-2.12194440e-4f);
        var p = new Vector<float>(1f / 720f);
        p = p * r + new Vector<float>(1f / 120f);
        p = p * r + new Vector<float>(1f / 24f);
        p = p * r + new Vector<float>(1f / 6f);
        p = p * r + new Vector<float>(0.5f);
        p = p * r + Vector<float>.One;
        p = p * r + Vector<float>.One;
        var scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(k) + new Vector<int>(127), 23));
        return Vector.ConditionalSelect(isNum, p * scale, x);
    }

    /// <summary>Beyond this |x| the vector sin/cos hands the lane to MathF (Cody–Waite reduction loses accuracy).</summary>
    private const float TrigReductionLimit = 8192f;

    /// <summary>
    /// sin (<paramref name="shift"/> 0) or cos (shift 1) vectorised: reduction by multiples of π/2 (three-part Cody–Waite)
    /// and the Cephes sinf/cosf polynomials on [−π/4, π/4]; chunks holding |x| &gt; 8192, NaN or ±∞ go through MathF.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SinCos(ReadOnlySpan<float> a, Span<float> d, int shift)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.SinCos(a, d, shift); return; }
        int n = d.Length, i = 0, w = Vector<float>.Count;
        var limit = new Vector<float>(TrigReductionLimit);
        for (; i <= n - w; i += w)
        {
            var x = new Vector<float>(a[i..]);
            if (Vector.LessThanAll(Vector.Abs(x), limit)) SinCos(x, shift).CopyTo(d[i..]);
            else
                for (int j = i; j < i + w; j++) d[j] = shift == 0 ? MathF.Sin(a[j]) : MathF.Cos(a[j]);
        }
        for (; i < n; i++) d[i] = shift == 0 ? MathF.Sin(a[i]) : MathF.Cos(a[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector<float> SinCos(Vector<float> x, int shift)
    {
        var j = Vector.Floor(x * new Vector<float>(0.636619772f) + new Vector<float>(0.5f));
        var r = x - j * new Vector<float>(1.5703125f);
        r -= j * new Vector<float>(4.837512969970703125e-4f);
        r -= j * new Vector<float>(7.54978995489188216e-8f);
        var q = Vector.ConvertToInt32(j) + new Vector<int>(shift);
        var z = r * r;
        var sin = (new Vector<float>(-1.9515295891e-4f) * z + new Vector<float>(8.3321608736e-3f)) * z + new Vector<float>(-1.6666654611e-1f);
        sin = sin * z * r + r;
        var cos = (new Vector<float>(2.443315711809948e-5f) * z + new Vector<float>(-1.388731625493765e-3f)) * z + new Vector<float>(4.166664568298827e-2f);
        cos = cos * z * z - new Vector<float>(0.5f) * z + Vector<float>.One;
        // Quadrant q: 0 sin, 1 cos, 2 −sin, 3 −cos.
        var useCos = Vector.Equals(q & Vector<int>.One, Vector<int>.One);
        var v = Vector.ConditionalSelect(Vector.AsVectorSingle(useCos), cos, sin);
        var negate = Vector.Equals(q & new Vector<int>(2), new Vector<int>(2));
        return Vector.ConditionalSelect(Vector.AsVectorSingle(negate), -v, v);
    }

    /// <summary>Protected division: a/b, or 1 where |b| ≤ ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Divide(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.Divide(a, b, d); return; }
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Modulo(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.Modulo(a, b, d); return; }
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Atan2(ReadOnlySpan<float> y, ReadOnlySpan<float> x, Span<float> d)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.Atan2(y, x, d); return; }
        int n = d.Length, i = 0, w = Vector<float>.Count;
        for (; i <= n - w; i += w)
            Atan2(new Vector<float>(y[i..]), new Vector<float>(x[i..])).CopyTo(d[i..]);
        for (; i < n; i++) d[i] = Atan2(new Vector<float>(y[i]), new Vector<float>(x[i]))[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void IfPositive(ReadOnlySpan<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.IfPositive(c, a, b, d); return; }
        int n = d.Length, i = 0, w = Vector<float>.Count;
        for (; i <= n - w; i += w)
        {
            var m = Vector.GreaterThan(new Vector<float>(c[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(m, new Vector<float>(a[i..]), new Vector<float>(b[i..])).CopyTo(d[i..]);
        }
        for (; i < n; i++) d[i] = c[i] > 0f ? a[i] : b[i];
    }

    /// <summary>Maps tree values to pixel values: clamp((v+1)/2, 0, 1); NaN becomes 0.5 (the value of 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToPixels(ReadOnlySpan<float> v, Span<float> d)
    {
        if (Vector512.IsHardwareAccelerated && d.Length >= 16) { V512.ToPixels(v, d); return; }
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float ToPixel(float v) => float.IsNaN(v) ? 0.5f : Math.Clamp(v * 0.5f + 0.5f, 0f, 1f);

    /// <summary>hsv→rgb. Inputs are tree values: hue wraps, h' = frac((h+1)/2); s' and v' = clamp((s+1)/2, 0, 1). Outputs are tree values again (2·rgb − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HsvToRgb(ReadOnlySpan<float> h, ReadOnlySpan<float> s, ReadOnlySpan<float> v, Span<float> r, Span<float> g, Span<float> b)
    {
        for (int i = 0; i < r.Length; i++)
        {
            var (cr, cg, cb) = HsvToRgb(h[i], s[i], v[i]);
            r[i] = cr; g[i] = cg; b[i] = cb;
        }
    }

    /// <summary>One pixel of <see cref="HsvToRgb(ReadOnlySpan{float},ReadOnlySpan{float},ReadOnlySpan{float},Span{float},Span{float},Span{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Noise(int seed, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
    {
        int n = d.Length, i = 0, w = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // the same operations as ValueNoise in the same order, a vector of pixels at a time, so the values are identical
            var frequency = new Vector<float>(NoiseFrequency);
            var low = new Vector<float>(-1e6f);
            var high = new Vector<float>(1e6f);
            var three = new Vector<float>(3f);
            var two = new Vector<float>(2f);
            for (; i <= n - w; i += w)
            {
                var x = new Vector<float>(a.Slice(i)) * frequency;
                var y = new Vector<float>(b.Slice(i)) * frequency;
                if (!Vector.EqualsAll(x - x, Vector<float>.Zero) || !Vector.EqualsAll(y - y, Vector<float>.Zero))
                {
                    for (int k = i; k < i + w; k++) d[k] = ValueNoise(seed, a[k], b[k]); // a NaN or infinity among them
                    continue;
                }
                x = Vector.Min(Vector.Max(x, low), high);
                y = Vector.Min(Vector.Max(y, low), high);
                var fx = Vector.Floor(x);
                var fy = Vector.Floor(y);
                var ix = Vector.ConvertToInt32(fx);
                var iy = Vector.ConvertToInt32(fy);
                var tx = x - fx;
                var ty = y - fy;
                var sx = tx * tx * (three - two * tx);
                var sy = ty * ty * (three - two * ty);
                var v00 = Lattice(seed, ix, iy);
                var v10 = Lattice(seed, ix + Vector<int>.One, iy);
                var v01 = Lattice(seed, ix, iy + Vector<int>.One);
                var v11 = Lattice(seed, ix + Vector<int>.One, iy + Vector<int>.One);
                var top = v00 + sx * (v10 - v00);
                var bottom = v01 + sx * (v11 - v01);
                (top + sy * (bottom - top)).CopyTo(d.Slice(i));
            }
        }
        for (; i < n; i++) d[i] = ValueNoise(seed, a[i], b[i]);
    }

    /// <summary><see cref="Lattice(int, int, int)"/> for a vector of lattice points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector<float> Lattice(int seed, Vector<int> i, Vector<int> j)
    {
        static Vector<uint> RotateLeft13(Vector<uint> h) => Vector.ShiftLeft(h, 13) | Vector.ShiftRightLogical(h, 19);
        var h = new Vector<uint>(unchecked((uint)seed));
        h ^= Vector.AsVectorUInt32(i) * new Vector<uint>(0x85EBCA77u);
        h = RotateLeft13(h) * new Vector<uint>(0xC2B2AE3Du);
        h ^= Vector.AsVectorUInt32(j) * new Vector<uint>(0x27D4EB2Fu);
        h = RotateLeft13(h) * new Vector<uint>(0x165667B1u);
        h ^= Vector.ShiftRightLogical(h, 15);
        h *= new Vector<uint>(0x85EBCA77u);
        h ^= Vector.ShiftRightLogical(h, 13);
        h *= new Vector<uint>(0xC2B2AE3Du);
        h ^= Vector.ShiftRightLogical(h, 16);
        return Vector.ConvertToSingle(Vector.AsVectorInt32(Vector.ShiftRightLogical(h, 8))) * new Vector<float>(2f / 16777216f) - Vector<float>.One;
    }

    /// <summary>
    /// 2-D value noise in [−1,1]: a hashed random value at every lattice point (spacing 1/<see cref="NoiseFrequency"/>),
    /// interpolated with smoothstep. Non-finite coordinates give 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// The same kernels on 512-bit vectors with fused multiply-adds, used where AVX-512 is present: about 2–4× the
    /// <see cref="Vector{T}"/> versions above on the transcendental ones. Lengths ≥ 16; the ragged end is redone
    /// as one overlapping vector (every kernel is element-wise, and d may alias its inputs only element for element,
    /// so the last vector is computed from a copy of its inputs).
    /// </summary>
    private static class V512
    {

        private static Vector512<float> Load(ReadOnlySpan<float> s, int i) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Store(Vector512<float> v, Span<float> s, int i) => v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void ClampedExp(ReadOnlySpan<float> a, Span<float> d)
        {
            int n = d.Length, last = n - 16;
            var tail = Load(a, last);
            for (int i = 0; i < last; i += 16) Store(Exp(Load(a, i)), d, i);
            Store(Exp(tail), d, last);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void SinCos(ReadOnlySpan<float> a, Span<float> d, int shift)
        {
            int n = d.Length, last = n - 16;
            Span<float> tail = stackalloc float[16];
            a.Slice(last, 16).CopyTo(tail);
            for (int i = 0; i < last; i += 16) SinCosChunk(a.Slice(i, 16), d.Slice(i, 16), shift);
            SinCosChunk(tail, d.Slice(last, 16), shift);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void SinCosChunk(ReadOnlySpan<float> a, Span<float> d, int shift)
        {
            var x = Load(a, 0);
            if (Vector512.LessThanAll(Vector512.Abs(x), Vector512.Create(TrigReductionLimit))) Store(SinCos(x, shift), d, 0);
            else
                for (int j = 0; j < 16; j++) d[j] = shift == 0 ? MathF.Sin(a[j]) : MathF.Cos(a[j]);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Divide(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
        {
            int n = d.Length, last = n - 16;
            Vector512<float> ta = Load(a, last), tb = Load(b, last);
            for (int i = 0; i < last; i += 16) Store(Div(Load(a, i), Load(b, i)), d, i);
            Store(Div(ta, tb), d, last);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Modulo(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
        {
            int n = d.Length, last = n - 16;
            Vector512<float> ta = Load(a, last), tb = Load(b, last);
            for (int i = 0; i < last; i += 16) Store(Mod(Load(a, i), Load(b, i)), d, i);
            Store(Mod(ta, tb), d, last);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Atan2(ReadOnlySpan<float> y, ReadOnlySpan<float> x, Span<float> d)
        {
            int n = d.Length, last = n - 16;
            Vector512<float> ty = Load(y, last), tx = Load(x, last);
            for (int i = 0; i < last; i += 16) Store(Atan2(Load(y, i), Load(x, i)), d, i);
            Store(Atan2(ty, tx), d, last);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void IfPositive(ReadOnlySpan<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
        {
            int n = d.Length, last = n - 16;
            Vector512<float> tc = Load(c, last), ta = Load(a, last), tb = Load(b, last);
            for (int i = 0; i < last; i += 16)
                Store(Vector512.ConditionalSelect(Vector512.GreaterThan(Load(c, i), Vector512<float>.Zero), Load(a, i), Load(b, i)), d, i);
            Store(Vector512.ConditionalSelect(Vector512.GreaterThan(tc, Vector512<float>.Zero), ta, tb), d, last);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void ToPixels(ReadOnlySpan<float> v, Span<float> d)
        {
            int n = d.Length, last = n - 16;
            var tail = Load(v, last);
            for (int i = 0; i < last; i += 16) Store(Pixel(Load(v, i)), d, i);
            Store(Pixel(tail), d, last);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Pixel(Vector512<float> x)
        {
            var half = Vector512.Create(0.5f);
            x = Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.FusedMultiplyAdd(x, half, half), half);
            return Vector512.Min(Vector512.Max(x, Vector512<float>.Zero), Vector512<float>.One);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Div(Vector512<float> a, Vector512<float> b)
        {
            var ok = Vector512.GreaterThan(Vector512.Abs(b), Vector512.Create(Epsilon));
            return Vector512.ConditionalSelect(ok, a / Vector512.ConditionalSelect(ok, b, Vector512<float>.One), Vector512<float>.One);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Mod(Vector512<float> a, Vector512<float> b)
        {
            var ok = Vector512.GreaterThan(Vector512.Abs(b), Vector512.Create(Epsilon));
            var bb = Vector512.ConditionalSelect(ok, b, Vector512<float>.One);
            var r = a - bb * Vector512.Floor(a / bb);
            return Vector512.ConditionalSelect(ok, r, Vector512<float>.Zero);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Exp(Vector512<float> x)
        {
            var isNum = Vector512.Equals(x, x);
            var c = Vector512.Min(Vector512.Max(Vector512.ConditionalSelect(isNum, x, Vector512<float>.Zero), Vector512.Create(-ExpLimit)), Vector512.Create(ExpLimit));
            var k = Vector512.Floor(Vector512.FusedMultiplyAdd(c, Vector512.Create(1.44269504f), Vector512.Create(0.5f)));
            var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-0.693359375f), c);
            r = Vector512.FusedMultiplyAdd(k, Vector512.Create(2.12194440e-4f), r);
            var p = Vector512.Create(1f / 720f);
            p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120f));
            p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24f));
            p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6f));
            p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
            p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
            p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
            var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(k) + Vector512.Create(127), 23).AsSingle();
            return Vector512.ConditionalSelect(isNum, p * scale, x);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> SinCos(Vector512<float> x, int shift)
        {
            var j = Vector512.Floor(Vector512.FusedMultiplyAdd(x, Vector512.Create(0.636619772f), Vector512.Create(0.5f)));
            var r = Vector512.FusedMultiplyAdd(j, Vector512.Create(-1.5703125f), x);
            r = Vector512.FusedMultiplyAdd(j, Vector512.Create(-4.837512969970703125e-4f), r);
            r = Vector512.FusedMultiplyAdd(j, Vector512.Create(-7.54978995489188216e-8f), r);
            var q = Vector512.ConvertToInt32(j) + Vector512.Create(shift);
            var z = r * r;
            var sin = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(-1.9515295891e-4f), z, Vector512.Create(8.3321608736e-3f)), z, Vector512.Create(-1.6666654611e-1f));
            sin = Vector512.FusedMultiplyAdd(sin * z, r, r);
            var cos = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(2.443315711809948e-5f), z, Vector512.Create(-1.388731625493765e-3f)), z, Vector512.Create(4.166664568298827e-2f));
            cos = Vector512.FusedMultiplyAdd(cos * z, z, Vector512.FusedMultiplyAdd(Vector512.Create(-0.5f), z, Vector512<float>.One));
            var v = Vector512.ConditionalSelect(Vector512.Equals(q & Vector512<int>.One, Vector512<int>.One).AsSingle(), cos, sin);
            return Vector512.ConditionalSelect(Vector512.Equals(q & Vector512.Create(2), Vector512.Create(2)).AsSingle(), -v, v);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Atan2(Vector512<float> y, Vector512<float> x)
        {
            var ax = Vector512.Abs(x);
            var ay = Vector512.Abs(y);
            var big = Vector512.Max(ax, ay);
            var t = Vector512.Min(ax, ay) / big;
            t = Vector512.ConditionalSelect(Vector512.Equals(big, Vector512<float>.Zero), Vector512<float>.Zero, t);
            var s = t * t;
            var p = Vector512.Create(-0.0040540580f);
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(0.0218612288f));
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(-0.0559098861f));
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(0.0964200441f));
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(-0.1390853351f));
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(0.1994653599f));
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(-0.3332985605f));
            p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(0.9999993329f));
            var r = p * t;
            r = Vector512.ConditionalSelect(Vector512.GreaterThan(ay, ax), Vector512.Create(MathF.PI / 2) - r, r);
            r = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(MathF.PI) - r, r);
            return Vector512.ConditionalSelect(Vector512.LessThan(y, Vector512<float>.Zero), -r, r);
        }
    }
}
