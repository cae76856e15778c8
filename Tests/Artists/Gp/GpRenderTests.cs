using Coevo.Coevolution.Evolution;
using System.Numerics;
using Coevo.Artists.Gp;
using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Artists.Gp;

[TestClass]
public sealed class GpRenderTests
{
    private static readonly GpRenderer Renderer = new();

    private static Image Render(string sexp, int w, int h) => Renderer.Render(new GpTree(GpSExpressionFormat.Parse(sexp)), w, h);

    /// <summary>Pixel-centre coordinate of index i on an axis of n pixels.</summary>
    private static float C(int i, int n) => (2f * i + 1f) / n - 1f;

    private static float Px(double v) => (float)Math.Clamp((v + 1) / 2, 0, 1);

    private static void AssertPixel(Image img, int x, int y, double r, double g, double b, double tol = 1e-5)
    {
        var p = img[x, y];
        Assert.AreEqual(r, p.R, tol, $"R at ({x},{y})");
        Assert.AreEqual(g, p.G, tol, $"G at ({x},{y})");
        Assert.AreEqual(b, p.B, tol, $"B at ({x},{y})");
    }

    [TestMethod]
    public void CoordinatesArePixelCentresMappedToHalfPlusHalfV()
    {
        var img = Render("x", 4, 2);
        // x = -0.75, -0.25, 0.25, 0.75 -> (x+1)/2 = 0.125, 0.375, 0.625, 0.875 in all channels
        double[] want = [0.125, 0.375, 0.625, 0.875];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 2; j++) AssertPixel(img, i, j, want[i], want[i], want[i]);
        var imgY = Render("y", 1, 4);
        for (int j = 0; j < 4; j++) AssertPixel(imgY, 0, j, want[j], want[j], want[j]); // y grows downwards
        var imgR = Render("r", 2, 2);
        double r = Math.Sqrt(0.5 * 0.5 * 2); // every pixel of a 2x2 image sits at (+-0.5, +-0.5)
        AssertPixel(imgR, 1, 0, (r + 1) / 2, (r + 1) / 2, (r + 1) / 2);
    }

    [TestMethod]
    public void ArithmeticMatchesHandComputedPixels()
    {
        var img = Render("(+ x (* y 2))", 4, 4);
        // pixel (3, 0): x = 0.75, y = -0.75 -> 0.75 - 1.5 = -0.75 -> 0.125
        AssertPixel(img, 3, 0, 0.125, 0.125, 0.125);
        // pixel (2, 2): x = 0.25, y = 0.25 -> 0.75 -> 0.875
        AssertPixel(img, 2, 2, 0.875, 0.875, 0.875);
        var sub = Render("(- x y)", 4, 4); // (0,3): -0.75 - 0.75 = -1.5 -> clamps to 0
        AssertPixel(sub, 0, 3, 0, 0, 0);
        var minMax = Render("(max (min x y) (abs x))", 4, 1); // y = 0 on a one-row image
        // x=-0.75: min(-0.75,0)=-0.75, |x|=0.75 -> 0.75 -> 0.875; x=0.25: min=0, abs=0.25 -> 0.625
        AssertPixel(minMax, 0, 0, 0.875, 0.875, 0.875);
        AssertPixel(minMax, 2, 0, 0.625, 0.625, 0.625);
    }

    [TestMethod]
    public void ProtectedDivisionAndModulo()
    {
        var div = Render("(/ x y)", 4, 4);
        AssertPixel(div, 0, 3, Px(-0.75 / 0.75), Px(-1), Px(-1)); // -1 -> 0
        AssertPixel(div, 1, 2, Px(-0.25 / 0.25), 0, 0);
        AssertPixel(div, 3, 2, 1, 1, 1); // 0.75/0.25 = 3 -> clamps to 1
        var divZero = Render("(/ x (- y y))", 4, 1); // denominator exactly 0 -> 1 -> pixel 1
        for (int i = 0; i < 4; i++) AssertPixel(divZero, i, 0, 1, 1, 1);
        var mod = Render("(mod x 0.5)", 4, 1);
        // -0.75 mod 0.5 = -0.75 - 0.5*floor(-1.5) = 0.25; -0.25 mod 0.5 = 0.25; 0.25 -> 0.25; 0.75 -> 0.25
        for (int i = 0; i < 4; i++) AssertPixel(mod, i, 0, 0.625, 0.625, 0.625);
        var modNeg = Render("(mod x -0.5)", 4, 1); // floored: sign of the divisor; 0.75 - (-0.5)*floor(-1.5) = -0.25
        AssertPixel(modNeg, 3, 0, 0.375, 0.375, 0.375);
        var modZero = Render("(mod x (* y 0))", 4, 1); // |b| <= 1e-6 -> 0 -> pixel 0.5
        AssertPixel(modZero, 0, 0, 0.5, 0.5, 0.5);
    }

    [TestMethod]
    public void TranscendentalsMatchMathFunctions()
    {
        var img = Render("(sin (* x 3))", 4, 1);
        for (int i = 0; i < 4; i++) AssertPixel(img, i, 0, Px(Math.Sin(3 * C(i, 4))), Px(Math.Sin(3 * C(i, 4))), Px(Math.Sin(3 * C(i, 4))));
        var cos = Render("(cos (* y 2))", 1, 4);
        for (int j = 0; j < 4; j++) Assert.AreEqual(Px(Math.Cos(2 * C(j, 4))), cos[0, j].G, 1e-5);
        var atan = Render("(atan2 y x)", 4, 4);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.AreEqual(Px(Math.Atan2(C(j, 4), C(i, 4))), atan[i, j].R, 1e-5, $"atan2 at ({i},{j})");
        var exp = Render("(exp (* x 20))", 4, 1); // exp(clamp(20x, -10, 10)): -15 -> e^-10, -5 -> e^-5, ...
        AssertPixel(exp, 0, 0, Px(Math.Exp(-10)), Px(Math.Exp(-10)), Px(Math.Exp(-10)));
        AssertPixel(exp, 1, 0, Px(Math.Exp(-5)), Px(Math.Exp(-5)), Px(Math.Exp(-5)));
        var log = Render("(log (* x 0))", 2, 1); // log(max(|0|, 1e-6)) = -13.8 -> pixel 0
        AssertPixel(log, 0, 0, 0, 0, 0);
        var logAbs = Render("(log x)", 4, 1); // log|-0.25|
        Assert.AreEqual(Px(Math.Log(0.25)), logAbs[1, 0].R, 1e-5);
    }

    [TestMethod]
    public void IfThenElseOnSignIsPerChannel()
    {
        var img = Render("(if x #(1 0 0) #(0 0 1))", 4, 1);
        AssertPixel(img, 0, 0, 0.5, 0.5, 1.0); // x < 0: else-branch (0,0,1)
        AssertPixel(img, 3, 0, 1.0, 0.5, 0.5); // x > 0: then-branch (1,0,0)
        // A colour condition picks per channel: condition (x, -x, 1) at x = 0.75 -> R from then, G from else, B from then
        var mixed = Render("(if (rgb x (- 0 x) 1) #(1 1 1) #(-1 -1 -1))", 4, 1);
        AssertPixel(mixed, 3, 0, 1, 0, 1);
    }

    [TestMethod]
    public void ColourConstantsAndRgb()
    {
        var c = Render("#(0.2 -1 3)", 3, 2); // folded constant: (0.6, 0, clamped 1)
        for (int i = 0; i < 3; i++) AssertPixel(c, i, 1, 0.6, 0, 1);
        var rgb = Render("(rgb x y #(0 0 0))", 4, 4);
        // red from x, green from y, blue from the constant's blue (0 -> 0.5)
        AssertPixel(rgb, 3, 1, 0.875, 0.375, 0.5);
    }

    [TestMethod]
    public void HsvToRgbGivesThePrimaryAndSecondaryColours()
    {
        var red = Render("(hsv -1 1 1)", 2, 2); // hue 0, full saturation and value
        AssertPixel(red, 1, 1, 1, 0, 0);
        var img = Render("(hsv x 1 1)", 3, 1); // x = -2/3, 0, 2/3 -> hue 1/6, 1/2, 5/6
        AssertPixel(img, 0, 0, 1, 1, 0); // yellow
        AssertPixel(img, 1, 0, 0, 1, 1); // cyan
        AssertPixel(img, 2, 0, 1, 0, 1); // magenta
        var grey = Render("(hsv x -1 0)", 3, 1); // saturation 0, value 0.5 -> grey 0.5
        AssertPixel(grey, 2, 0, 0.5, 0.5, 0.5);
    }

    [TestMethod]
    public void WarpSamplesItsFirstArgumentAtDisplacedCoordinates()
    {
        var img = Render("(warp x 0.5 0)", 4, 1); // x + 0.5
        for (int i = 0; i < 4; i++) Assert.AreEqual(Px(C(i, 4) + 0.5), img[i, 0].R, 1e-6);
        var r = Render("(warp r x y)", 4, 4); // r at (2x, 2y) = 2r
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.AreEqual(Px(2 * Math.Sqrt(C(i, 4) * C(i, 4) + C(j, 4) * C(j, 4))), r[i, j].B, 1e-5);
        // A colour displacement is reduced to the mean of its channels: mean(0.3, 0, 0.6) = 0.3
        var colour = Render("(warp (* x 1) #(0.3 0 0.6) 0)", 4, 1);
        Assert.AreEqual(Px(C(0, 4) + 0.3), colour[0, 0].R, 1e-5);
    }

    [TestMethod]
    public void TheVectorisedNoiseKernelEqualsTheScalarValueNoiseBitForBit()
    {
        var rng = new Random(5);
        int n = 1000 + 3; // not a whole number of vectors
        var a = new float[n];
        var b = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)((rng.NextDouble() * 2 - 1) * (i % 7 == 0 ? 1e7 : 3)); // some beyond the ±1e6 clamp
            b[i] = (float)((rng.NextDouble() * 2 - 1) * 3);
        }
        a[17] = float.NaN;
        b[42] = float.PositiveInfinity;
        a[n - 1] = float.NegativeInfinity;
        var d = new float[n];
        GpKernels.Noise(11, a, b, d);
        for (int i = 0; i < n; i++)
            Assert.AreEqual(BitConverter.SingleToInt32Bits(GpKernels.ValueNoise(11, a[i], b[i])), BitConverter.SingleToInt32Bits(d[i]), $"pixel {i} at ({a[i]}, {b[i]})");
        Assert.AreEqual(0f, d[17]);
        Assert.AreEqual(0f, d[42]);
    }

    [TestMethod]
    public void NoiseIsSeededValueNoiseOnALatticeOfQuarterUnits()
    {
        // Constant arguments fold: (noise 7 0.25 0.5) sits on lattice point (1, 2).
        var at = Render("(noise 7 0.25 0.5)", 1, 1);
        Assert.AreEqual(Px(GpKernels.Lattice(7, 1, 2)), at[0, 0].R, 1e-6);
        // On an 8x8 image pixel (0,0) is at (-0.875, -0.875) -> (-3.5, -3.5): the middle of a cell, where smoothstep
        // weights are 1/2, so the value is the mean of the four corners.
        var img = Render("(noise 7 x y)", 8, 8);
        double mid = (GpKernels.Lattice(7, -4, -4) + GpKernels.Lattice(7, -3, -4) + GpKernels.Lattice(7, -4, -3) + GpKernels.Lattice(7, -3, -3)) / 4;
        AssertPixel(img, 0, 0, Px(mid), Px(mid), Px(mid));
        var other = Render("(noise 8 x y)", 8, 8);
        Assert.AreNotEqual(img[0, 0].R, other[0, 0].R, "another seed gives other noise");
        var colour = Render("(color-noise 7 x y)", 8, 8);
        for (int ch = 0; ch < 3; ch++)
        {
            int s = GpKernels.ChannelSeed(7, ch);
            double m = (GpKernels.Lattice(s, -4, -4) + GpKernels.Lattice(s, -3, -4) + GpKernels.Lattice(s, -4, -3) + GpKernels.Lattice(s, -3, -3)) / 4;
            Assert.AreEqual(Px(m), colour.Plane(ch)[0], 1e-6, $"channel {ch}");
        }
        Assert.AreEqual(GpKernels.ValueNoise(3, 0.1f, -0.7f), GpKernels.ValueNoise(3, 0.1f, -0.7f), "deterministic");
    }

    [TestMethod]
    public void VectorisedRenderMatchesAScalarReferenceOnRandomTrees()
    {
        var gen = new GpGenerator(new GpSettings { InitialDepth = 6, MaxSize = 200 });
        var rng = new Random(11);
        int compared = 0, mismatched = 0;
        for (int t = 0; t < 60; t++)
        {
            var tree = gen.Create(rng);
            // 45x31 = 1395 pixels: more than one tile, and the last tile is partial.
            var img = Renderer.Render(tree, 45, 31);
            for (int j = 0; j < 31; j += 3)
                for (int i = 0; i < 45; i += 4)
                {
                    var v = ScalarGp.Eval(tree.Root, C(i, 45), C(j, 31));
                    var p = img[i, j];
                    compared += 3;
                    if (Math.Abs(p.R - ScalarGp.Pixel(v.X)) > 1e-3) mismatched++;
                    if (Math.Abs(p.G - ScalarGp.Pixel(v.Y)) > 1e-3) mismatched++;
                    if (Math.Abs(p.B - ScalarGp.Pixel(v.Z)) > 1e-3) mismatched++;
                }
        }
        // Float rounding can flip a mod/if/noise-cell boundary on rare pixels; anything systematic would fail many.
        Assert.IsTrue(mismatched <= compared / 200, $"{mismatched} of {compared} values differ from the scalar reference");
    }

    [TestMethod]
    public void RandomTreesNeverGiveNaNOrValuesOutsideUnitRange()
    {
        var gen = new GpGenerator(new GpSettings { InitialDepth = 8, MaxDepth = 12, MaxSize = 300, ConstantProbability = 0.5 });
        var rng = new Random(5);
        for (int t = 0; t < 200; t++)
        {
            var img = Renderer.Render(gen.Create(rng), 24, 24);
            foreach (float v in img.Data) Assert.IsTrue(v >= 0f && v <= 1f, $"value {v} out of [0,1]");
        }
        // Deliberately overflowing trees: (* big big) repeated reaches +inf; sin(inf) is NaN.
        // 8 folded factors e^10 (5.5e34, finite) times e^10 where x > 0.1 overflow float to +inf; sin(inf) is NaN.
        string big = string.Concat(Enumerable.Repeat("(* (exp 10) ", 8)) + "(exp (* x 100))" + new string(')', 8);
        var huge = Render($"(sin {big})", 8, 8);
        foreach (float v in huge.Data) Assert.IsTrue(v >= 0f && v <= 1f);
        Assert.AreEqual(0.5f, huge[7, 0].R, "NaN maps to 0.5 (the value 0)");
    }

    [TestMethod]
    public void RendersAtAnyResolutionAndDeterministically()
    {
        var tree = new GpTree(GpSExpressionFormat.Parse("(+ (sin (* x 3.1)) (color-noise 42 y r))"));
        foreach (var (w, h) in new[] { (1, 1), (3, 700), (64, 64), (130, 9) })
        {
            var a = Renderer.Render(tree, w, h);
            var b = Renderer.Render(tree, w, h);
            Assert.AreEqual(w, a.Width);
            CollectionAssert.AreEqual(a.Data, b.Data);
        }
    }

    [TestMethod]
    public void PopulationRendersInParallelLikeOneByOne()
    {
        var gen = new GpGenerator(new GpSettings());
        var rng = new Random(3);
        var trees = Enumerable.Range(0, 16).Select(_ => gen.Create(rng)).ToArray();
        var parallel = Renderer.RenderAll(trees, 20, 20, threads: 2);
        for (int i = 0; i < trees.Length; i++)
            CollectionAssert.AreEqual(Renderer.Render(trees[i], 20, 20).Data, parallel[i].Data, $"tree {i}");
    }

    [TestMethod]
    public void GreyTreesRenderEqualChannels()
    {
        var img = Render("(* (sin (* x 5)) (cos (+ y r)))", 16, 16);
        CollectionAssert.AreEqual(img.R.ToArray(), img.G.ToArray());
        CollectionAssert.AreEqual(img.R.ToArray(), img.B.ToArray());
    }
}

/// <summary>A per-pixel tree walker, written straight from the operator definitions, to check the vectorised evaluator.</summary>
internal static class ScalarGp
{
    public static float Pixel(float v) => float.IsNaN(v) ? 0.5f : Math.Clamp((v + 1) / 2, 0, 1);

    public static Vector3 Eval(GpNode n, float x, float y)
    {
        Vector3 K(int i) => Eval(n.Children[i], x, y);
        static Vector3 Map(Vector3 a, Func<float, float> f) => new(f(a.X), f(a.Y), f(a.Z));
        static Vector3 Zip(Vector3 a, Vector3 b, Func<float, float, float> f) => new(f(a.X, b.X), f(a.Y, b.Y), f(a.Z, b.Z));
        static float Mean(Vector3 v) => (v.X + v.Y + v.Z) / 3;
        switch (n.Op)
        {
            case GpOp.X: return new Vector3(x);
            case GpOp.Y: return new Vector3(y);
            case GpOp.R: return new Vector3(MathF.Sqrt(x * x + y * y));
            case GpOp.Const or GpOp.Color: return n.Value;
            case GpOp.Add: return K(0) + K(1);
            case GpOp.Sub: return K(0) - K(1);
            case GpOp.Mul: return K(0) * K(1);
            case GpOp.Div: return Zip(K(0), K(1), (a, b) => MathF.Abs(b) > 1e-6f ? a / b : 1f);
            case GpOp.Mod: return Zip(K(0), K(1), (a, b) => MathF.Abs(b) > 1e-6f ? a - b * MathF.Floor(a / b) : 0f);
            case GpOp.Min: return Zip(K(0), K(1), MathF.Min);
            case GpOp.Max: return Zip(K(0), K(1), MathF.Max);
            case GpOp.Abs: return Map(K(0), MathF.Abs);
            case GpOp.Sin: return Map(K(0), MathF.Sin);
            case GpOp.Cos: return Map(K(0), MathF.Cos);
            case GpOp.Atan2: return Zip(K(0), K(1), MathF.Atan2);
            case GpOp.Exp: return Map(K(0), a => MathF.Exp(Math.Clamp(a, -10f, 10f)));
            case GpOp.Log: return Map(K(0), a => MathF.Log(MathF.Max(MathF.Abs(a), 1e-6f)));
            case GpOp.If:
                {
                    var c = K(0); var a = K(1); var b = K(2);
                    return new(c.X > 0 ? a.X : b.X, c.Y > 0 ? a.Y : b.Y, c.Z > 0 ? a.Z : b.Z);
                }
            case GpOp.Noise: return Zip(K(0), K(1), (a, b) => GpKernels.ValueNoise(n.Seed, a, b));
            case GpOp.ColorNoise:
                {
                    var a = K(0); var b = K(1);
                    return new(GpKernels.ValueNoise(GpKernels.ChannelSeed(n.Seed, 0), a.X, b.X),
                               GpKernels.ValueNoise(GpKernels.ChannelSeed(n.Seed, 1), a.Y, b.Y),
                               GpKernels.ValueNoise(GpKernels.ChannelSeed(n.Seed, 2), a.Z, b.Z));
                }
            case GpOp.Hsv:
                {
                    var (r, g, b) = GpKernels.HsvToRgb(Mean(K(0)), Mean(K(1)), Mean(K(2)));
                    return new(r, g, b);
                }
            case GpOp.Rgb: return new(K(0).X, K(1).Y, K(2).Z);
            case GpOp.Warp: return Eval(n.Children[0], x + Mean(K(1)), y + Mean(K(2)));
            default: throw new ArgumentOutOfRangeException(nameof(n));
        }
    }
}
