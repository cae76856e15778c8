using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Vectorised sin and cos for the renderer: Cody–Waite reduction by π/2 in three parts and the Cephes single-precision
/// minimax polynomials on [−π/4, π/4]. Error about 1e-7 for |x| up to 1e4 (inputs beyond ±1e5 fall back to
/// <see cref="MathF"/>), several times faster than the general routines because CPPN sums are moderate numbers.
/// </summary>
internal static class FastTrig
{
    private const float TwoOverPi = 0.636619772367581343f;
    // π/2 split so that j·P1 and j·P2 are exact for the j in range.
    private const float P1 = 1.5703125f;
    private const float P2 = 4.837512969970703125e-4f;
    private const float P3 = 7.54978995489188216e-8f;
    private const float Limit = 1e5f;

    /// <summary>v = sin(v) (or cos(v) when <paramref name="cosine"/>), in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SinCos(Span<float> v, bool cosine)
    {
        int n = v.Length;
        ref float d = ref MemoryMarshal.GetReference(v);
        int i = 0;
        int shift = cosine ? 1 : 0;
        if (Vector.IsHardwareAccelerated)
        {
            var limit = new Vector<float>(Limit);
            var vShift = new Vector<int>(shift);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = Vector.LoadUnsafe(ref d, (nuint)i);
                if (Vector.GreaterThanOrEqualAny(Vector.Abs(x), limit) || !Vector.EqualsAll(x, x))
                {
                    for (int k = 0; k < Vector<float>.Count; k++)
                    {
                        float s = Unsafe.Add(ref d, i + k);
                        Unsafe.Add(ref d, i + k) = cosine ? MathF.Cos(s) : MathF.Sin(s);
                    }
                    continue;
                }
                var jf = Vector.Round(x * new Vector<float>(TwoOverPi));
                var q = Vector.ConvertToInt32(jf) + vShift;
                var r = ((x - jf * new Vector<float>(P1)) - jf * new Vector<float>(P2)) - jf * new Vector<float>(P3);
                var z = r * r;
                var sinP = r + r * z * (new Vector<float>(-1.6666654611e-1f) + z * (new Vector<float>(8.3321608736e-3f) + z * new Vector<float>(-1.9515295891e-4f)));
                var cosP = Vector<float>.One - new Vector<float>(0.5f) * z
                         + z * z * (new Vector<float>(4.166664568298827e-2f) + z * (new Vector<float>(-1.388731625493765e-3f) + z * new Vector<float>(2.443315711809948e-5f)));
                var useCos = Vector.Equals(q & Vector<int>.One, Vector<int>.One);
                var val = Vector.ConditionalSelect(Vector.AsVectorSingle(useCos), cosP, sinP);
                var negate = Vector.Equals(q & new Vector<int>(2), new Vector<int>(2));
                val = Vector.ConditionalSelect(Vector.AsVectorSingle(negate), -val, val);
                val.StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float s = Unsafe.Add(ref d, i);
            Unsafe.Add(ref d, i) = cosine ? MathF.Cos(s) : MathF.Sin(s);
        }
    }

    /// <summary>sin(x) (shift 0) or cos(x) (shift 1) of 16 lanes: the algorithm of <see cref="SinCos(Span{float}, bool)"/> with fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SinCos(Vector512<float> x, int shift)
    {
        if (Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(Limit)) || !Vector512.EqualsAll(x, x)) return SinCosScalar(x, shift);
        var jf = Vector512.Round(x * Vector512.Create(TwoOverPi));
        var q = Vector512.ConvertToInt32(jf) + Vector512.Create(shift);
        var r = Vector512.FusedMultiplyAdd(jf, Vector512.Create(-P3), Vector512.FusedMultiplyAdd(jf, Vector512.Create(-P2), Vector512.FusedMultiplyAdd(jf, Vector512.Create(-P1), x)));
        var z = r * r;
        var sinP = Vector512.FusedMultiplyAdd(r * z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(-1.9515295891e-4f), Vector512.Create(8.3321608736e-3f)), Vector512.Create(-1.6666654611e-1f)), r);
        var cosP = Vector512.FusedMultiplyAdd(z * z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(2.443315711809948e-5f), Vector512.Create(-1.388731625493765e-3f)), Vector512.Create(4.166664568298827e-2f)),
            Vector512.FusedMultiplyAdd(Vector512.Create(-0.5f), z, Vector512<float>.One));
        var useCos = Vector512.Equals(q & Vector512<int>.One, Vector512<int>.One);
        var val = Vector512.ConditionalSelect(useCos.AsSingle(), cosP, sinP);
        var negate = Vector512.Equals(q & Vector512.Create(2), Vector512.Create(2));
        return Vector512.ConditionalSelect(negate.AsSingle(), -val, val);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> SinCosScalar(Vector512<float> x, int shift)
    {
        Span<float> v = stackalloc float[Vector512<float>.Count];
        x.CopyTo(v);
        for (int k = 0; k < v.Length; k++) v[k] = shift != 0 ? MathF.Cos(v[k]) : MathF.Sin(v[k]);
        return Vector512.Create<float>(v);
    }
}
