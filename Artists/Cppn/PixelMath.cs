using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Coevo.Artists.Cppn;

/// <summary>
/// cppn-x's conversion of output node values to pixels, vectorised. A node's picture in cppn-x is 8-bit BGR
/// (<c>Node::setPixel</c>): red = |v|·255 (255 when |v| ≥ 1), blue = clamp(v,0,1)·255, but for v &gt; 1
/// (1 − clamp((|v|−1)/5,0,1))·255 and for v &lt; −1 clamp((|v|−1)/5,0,1)·255, truncated to integers.
/// The final picture (<c>FinalNodeView::update</c>) takes grey = ink's red; or HSV with saturation = the saturation
/// node's blue, value = the brightness node's red, hue = 360 ± red(hue)·360/255 (+ when the hue node's blue is
/// non-zero), passed to Qt's <c>QColor::setHsv</c> (hue mod 360) and converted to RGB.
/// </summary>
internal static class PixelMath
{
    private static readonly Vector<float> V255 = new(255f);
    private static readonly Vector<float> VInv255 = new(1f / 255f);

    /// <summary>cppn-x red channel of a node value: |v|·255 truncated, 255 when |v| ≥ 1 or NaN.</summary>
    public static float Red8(float v)
    {
        float a = MathF.Abs(v);
        return a < 1f ? MathF.Floor(a * 255f) : 255f;
    }

    /// <summary>cppn-x blue channel of a node value (0 for NaN).</summary>
    public static float Blue8(float v)
    {
        if (float.IsNaN(v)) return 0f;
        float over = Math.Clamp((MathF.Abs(v) - 1f) / 5f, 0f, 1f);
        if (v > 1f) return MathF.Floor((1f - over) * 255f);
        if (v < -1f) return MathF.Floor(over * 255f);
        return MathF.Floor(Math.Clamp(v, 0f, 1f) * 255f);
    }

    /// <summary>Hue in whole degrees [0, 360) as cppn-x hands it to QColor::setHsv.</summary>
    public static float HueDegrees(float h)
    {
        float t = Red8(h);
        float deg = Blue8(h) > 0f ? 360f + MathF.Floor(t * 360f / 255f) : 360f - MathF.Floor((t * 360f + 254f) / 255f);
        // cppn-x computes int(360 - t*(360.0/255.0)) in double; for t = 170 that product rounds up past 240.
        if (Blue8(h) <= 0f && t == 170f) deg = 119f;
        if (deg >= 360f) deg -= 360f;
        if (deg >= 360f) deg -= 360f;
        return deg;
    }

    private static Vector<float> Red8(Vector<float> v)
    {
        var a = Vector.Abs(v);
        return Vector.ConditionalSelect(Vector.LessThan(a, Vector<float>.One), Vector.Floor(a * V255), V255);
    }

    private static Vector<float> Blue8(Vector<float> v)
    {
        var one = Vector<float>.One;
        var zero = Vector<float>.Zero;
        var over = Vector.Min(Vector.Max((Vector.Abs(v) - one) * new Vector<float>(0.2f), zero), one);
        var inRange = Vector.Floor(Vector.Min(Vector.Max(v, zero), one) * V255);
        var res = Vector.ConditionalSelect(Vector.GreaterThan(v, one), Vector.Floor((one - over) * V255),
            Vector.ConditionalSelect(Vector.LessThan(v, -one), Vector.Floor(over * V255), inRange));
        return Vector.ConditionalSelect(Vector.Equals(v, v), res, zero);
    }

    /// <summary>Grey (or one rgb-mode channel): red(v)/255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Grey(ReadOnlySpan<float> v, Span<float> dst)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
                (Red8(new Vector<float>(v[i..])) * VInv255).CopyTo(dst[i..]);
        for (; i < v.Length; i++) dst[i] = Red8(v[i]) / 255f;
    }

    /// <summary>HSV outputs to RGB planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Hsv(ReadOnlySpan<float> hue, ReadOnlySpan<float> sat, ReadOnlySpan<float> val, Span<float> r, Span<float> g, Span<float> b)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && hue.Length >= Vector512<float>.Count)
            i = Hsv512(hue, sat, val, r, g, b);
        if (Vector.IsHardwareAccelerated)
        {
            var v360 = new Vector<float>(360f);
            var v170 = new Vector<float>(170f);
            var v119 = new Vector<float>(119f);
            var v254 = new Vector<float>(254f);
            var inv60 = new Vector<float>(1f / 60f);
            for (; i <= hue.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var h = new Vector<float>(hue[i..]);
                var t = Red8(h);
                var positive = Vector.GreaterThan(Blue8(h), Vector<float>.Zero);
                var posDeg = v360 + Vector.Floor(t * v360 / V255);
                var negDeg = v360 - Vector.Floor((t * v360 + v254) / V255);
                negDeg = Vector.ConditionalSelect(Vector.Equals(t, v170), v119, negDeg);
                var deg = Vector.ConditionalSelect(positive, posDeg, negDeg);
                deg = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(deg, v360), deg - v360, deg);
                deg = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(deg, v360), deg - v360, deg);
                var s = Blue8(new Vector<float>(sat[i..])) * VInv255;
                var v = Red8(new Vector<float>(val[i..])) * VInv255;
                var h6 = deg * inv60;
                var vs = v * s;
                Channel(h6, 5f, v, vs).CopyTo(r[i..]);
                Channel(h6, 3f, v, vs).CopyTo(g[i..]);
                Channel(h6, 1f, v, vs).CopyTo(b[i..]);
            }
        }
        for (; i < hue.Length; i++)
        {
            float h6 = HueDegrees(hue[i]) / 60f;
            float s = Blue8(sat[i]) / 255f;
            float v = Red8(val[i]) / 255f;
            r[i] = Channel(h6, 5f, v, v * s);
            g[i] = Channel(h6, 3f, v, v * s);
            b[i] = Channel(h6, 1f, v, v * s);
        }
    }

    /// <summary>The 16-lane body of <see cref="Hsv"/> (the same operations); returns how many pixels it did.</summary>
    private static int Hsv512(ReadOnlySpan<float> hue, ReadOnlySpan<float> sat, ReadOnlySpan<float> val, Span<float> r, Span<float> g, Span<float> b)
    {
        int n = hue.Length;
        if (sat.Length < n || val.Length < n || r.Length < n || g.Length < n || b.Length < n) throw new ArgumentException("planes shorter than the hue plane");
        var v255 = Vector512.Create(255f);
        var inv255 = Vector512.Create(1f / 255f);
        var v360 = Vector512.Create(360f);
        var v170 = Vector512.Create(170f);
        var v119 = Vector512.Create(119f);
        var v254 = Vector512.Create(254f);
        var inv60 = Vector512.Create(1f / 60f);
        int i = 0;
        for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            var h = Vector512.Create(hue.Slice(i, Vector512<float>.Count));
            var t = Red8(h, v255);
            var positive = Vector512.GreaterThan(Blue8(h, v255), Vector512<float>.Zero);
            var posDeg = v360 + Vector512.Floor(t * v360 / v255);
            var negDeg = v360 - Vector512.Floor((t * v360 + v254) / v255);
            negDeg = Vector512.ConditionalSelect(Vector512.Equals(t, v170), v119, negDeg);
            var deg = Vector512.ConditionalSelect(positive, posDeg, negDeg);
            deg = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(deg, v360), deg - v360, deg);
            deg = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(deg, v360), deg - v360, deg);
            var s = Blue8(Vector512.Create(sat.Slice(i, Vector512<float>.Count)), v255) * inv255;
            var v = Red8(Vector512.Create(val.Slice(i, Vector512<float>.Count)), v255) * inv255;
            var h6 = deg * inv60;
            var vs = v * s;
            Channel(h6, 5f, v, vs, v255, inv255).CopyTo(r.Slice(i, Vector512<float>.Count));
            Channel(h6, 3f, v, vs, v255, inv255).CopyTo(g.Slice(i, Vector512<float>.Count));
            Channel(h6, 1f, v, vs, v255, inv255).CopyTo(b.Slice(i, Vector512<float>.Count));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Red8(Vector512<float> v, Vector512<float> v255)
    {
        var a = Vector512.Abs(v);
        return Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<float>.One), Vector512.Floor(a * v255), v255);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Blue8(Vector512<float> v, Vector512<float> v255)
    {
        var one = Vector512<float>.One;
        var zero = Vector512<float>.Zero;
        var over = Vector512.Min(Vector512.Max((Vector512.Abs(v) - one) * Vector512.Create(0.2f), zero), one);
        var inRange = Vector512.Floor(Vector512.Min(Vector512.Max(v, zero), one) * v255);
        var res = Vector512.ConditionalSelect(Vector512.GreaterThan(v, one), Vector512.Floor((one - over) * v255),
            Vector512.ConditionalSelect(Vector512.LessThan(v, -one), Vector512.Floor(over * v255), inRange));
        return Vector512.ConditionalSelect(Vector512.Equals(v, v), res, zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Channel(Vector512<float> h6, float n, Vector512<float> v, Vector512<float> vs, Vector512<float> v255, Vector512<float> inv255)
    {
        var six = Vector512.Create(6f);
        var k = h6 + Vector512.Create(n);
        k = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(k, six), k - six, k);
        var m = Vector512.Min(Vector512.Max(Vector512.Min(k, Vector512.Create(4f) - k), Vector512<float>.Zero), Vector512<float>.One);
        var c = v - vs * m;
        return Vector512.Floor(c * v255 + Vector512.Create(0.5f)) * inv255;
    }

    // HSV→RGB: c = v − v·s·clamp(min(k, 4−k), 0, 1), k = (n + h/60) mod 6; equal to Qt's sector formula.
    // Qt rounds each channel to 16 bits and then to 8; round(c·255) gives the same 8-bit value.
    private static Vector<float> Channel(Vector<float> h6, float n, Vector<float> v, Vector<float> vs)
    {
        var six = new Vector<float>(6f);
        var k = h6 + new Vector<float>(n);
        k = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(k, six), k - six, k);
        var m = Vector.Min(Vector.Max(Vector.Min(k, new Vector<float>(4f) - k), Vector<float>.Zero), Vector<float>.One);
        var c = v - vs * m;
        return Vector.Floor(c * V255 + new Vector<float>(0.5f)) * VInv255;
    }

    private static float Channel(float h6, float n, float v, float vs)
    {
        float k = h6 + n;
        if (k >= 6f) k -= 6f;
        float c = v - vs * Math.Clamp(MathF.Min(k, 4f - k), 0f, 1f);
        return MathF.Floor(c * 255f + 0.5f) / 255f;
    }
}
