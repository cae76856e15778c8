using Coevo.Artists.Gp;

namespace Coevo.Tests.Artists.Gp;

[TestClass]
public sealed class GpKernelTests
{
    private static float[] Inputs(int n, double scale, int seed)
    {
        var rng = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return v;
    }

    [TestMethod]
    [DataRow(1000)] // vector path with a ragged end
    [DataRow(7)]    // shorter than one vector: the fallback path
    public void VectorKernelsMatchMathWithinFloatAccuracy(int n)
    {
        foreach (double scale in new[] { 3.0, 50.0, 20000.0 })
        {
            var a = Inputs(n, scale, 1);
            var b = Inputs(n, scale, 2);
            var d = new float[n];
            GpKernels.SinCos(a, d, 0);
            for (int i = 0; i < n; i++) Assert.AreEqual(Math.Sin(a[i]), d[i], 2e-6 + 1e-6 * Math.Abs(a[i]) / 1000, $"sin({a[i]})");
            GpKernels.SinCos(a, d, 1);
            for (int i = 0; i < n; i++) Assert.AreEqual(Math.Cos(a[i]), d[i], 2e-6 + 1e-6 * Math.Abs(a[i]) / 1000, $"cos({a[i]})");
            GpKernels.ClampedExp(a, d);
            for (int i = 0; i < n; i++)
            {
                double e = Math.Exp(Math.Clamp(a[i], -10, 10));
                Assert.AreEqual(e, d[i], 1e-6 * e, $"exp({a[i]})");
            }
            GpKernels.Atan2(a, b, d);
            for (int i = 0; i < n; i++) Assert.AreEqual(Math.Atan2(a[i], b[i]), d[i], 1e-6, $"atan2({a[i]}, {b[i]})");
        }
    }

    [TestMethod]
    public void KernelsWorkInPlaceAndPassNaNThrough()
    {
        var a = Inputs(100, 4, 3);
        a[17] = float.NaN;
        a[99] = float.PositiveInfinity;
        var expected = a.Select(v => MathF.Sin(v)).ToArray();
        GpKernels.SinCos(a, a, 0); // destination aliases the source
        for (int i = 0; i < a.Length; i++)
            if (float.IsNaN(expected[i])) Assert.IsTrue(float.IsNaN(a[i]));
            else Assert.AreEqual(expected[i], a[i], 2e-6);
        var x = Inputs(100, 4, 4);
        var y = Inputs(100, 4, 5);
        y[3] = 0;
        var want = x.Zip(y, (p, q) => MathF.Abs(q) > 1e-6f ? p / q : 1f).ToArray();
        GpKernels.Divide(x, y, y);
        for (int i = 0; i < 100; i++) Assert.AreEqual(want[i], y[i], 1e-6 * Math.Max(1, Math.Abs(want[i])));
        var px = new float[] { float.NaN, -3, -1, 0, 0.5f, 1, 7, float.NegativeInfinity, float.PositiveInfinity, 0, 0, 0, 0, 0, 0, 0, 0.25f };
        var pd = new float[px.Length];
        GpKernels.ToPixels(px, pd);
        CollectionAssert.AreEqual(new[] { 0.5f, 0, 0, 0.5f, 0.75f, 1, 1, 0, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.625f }, pd);
    }
}
