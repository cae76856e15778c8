using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Single-precision e^x on 16 lanes without widening to double: Cody–Waite reduction x = n·ln2 + r (ln2 in two parts,
/// |r| ≤ ln2/2), the Cephes <c>expf</c> degree-6 polynomial for e^r (fused multiply-adds), and 2^n from exponent bits. Error about 1 ulp;
/// results below e^−86.6 (near the smallest normal float) are flushed to 0, above ln(FLT_MAX) they are +∞, NaN stays NaN.
/// </summary>
internal static class FastExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float Max = 88.72283905206835f;
    private const float Min = -86.6f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var xc = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(Min)), Vector512.Create(Max));
        var n = Vector512.Round(xc * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), xc));
        var r2 = r * r;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500e-4f), r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Vector512.FusedMultiplyAdd(p, r2, r) + Vector512<float>.One;
        // 2^(n−1)·2 so that n = 128 (x just below ln FLT_MAX) still has a representable scale; n ≥ −125 here
        var scale = ((Vector512.ConvertToInt32(n) + Vector512.Create(126)) << 23).AsSingle();
        var res = p * scale * Vector512.Create(2f);
        res = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(Min)), Vector512<float>.Zero, res);
        res = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(Max)), Vector512.Create(float.PositiveInfinity), res);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), res, x);
    }
}
