using System.Runtime.Intrinsics;
using Coevo.Coevolution.Evolution;
using Coevo.Artists.Cppn;

namespace Coevo.Tests.Artists.Cppn;

[TestClass]
public class CppnRenderTests
{
    private static List<NodeGene> Inputs() =>
    [
        new(0, NodeKind.Input, Activation.Identity), new(1, NodeKind.Input, Activation.Identity),
        new(2, NodeKind.Input, Activation.Identity), new(3, NodeKind.Bias, Activation.Identity),
    ];

    private static CppnGenome Grey(Activation outAct, params LinkGene[] links)
    {
        var nodes = Inputs();
        nodes.Add(new NodeGene(4, NodeKind.Output, outAct));
        return new CppnGenome(ColorMode.Grey, nodes, links);
    }

    [TestMethod]
    public void GreyIsAbsoluteInkOnTheCppnxGrid()
    {
        // ink = 0.5·x. Columns of a 4-wide image: x = i/(4/2) − 1 = −1, −0.5, 0, 0.5 → ink −0.5, −0.25, 0, 0.25
        // → grey = trunc(|ink|·255) = 127, 63, 0, 63.
        var g = Grey(Activation.Identity, new LinkGene(5, 0, 4, 0.5, true));
        var img = new CppnRenderer().Render(g, 4, 2);
        int[] expected = [127, 63, 0, 63];
        for (int row = 0; row < 2; row++)
            for (int i = 0; i < 4; i++)
            {
                Assert.AreEqual(expected[i] / 255f, img[i, row].R, 1e-6, $"column {i}");
                Assert.AreEqual(img[i, row].R, img[i, row].G);
                Assert.AreEqual(img[i, row].R, img[i, row].B);
            }
    }

    [TestMethod]
    public void RowsRunFromYMinusOneAtTheTop()
    {
        // ink = 0.9·y on a 1x4 image: y = −1, −0.5, 0, 0.5 → trunc(|0.9y|·255) = 229, 114, 0, 114.
        var img = new CppnRenderer().Render(Grey(Activation.Identity, new LinkGene(5, 1, 4, 0.9, true)), 1, 4);
        int[] expected = [229, 114, 0, 114];
        for (int j = 0; j < 4; j++) Assert.AreEqual(expected[j] / 255f, img[0, j].R, 1e-6, $"row {j}");
    }

    [TestMethod]
    public void DistanceInputIsScaledBy1Point4()
    {
        // ink = 0.25·d; pixel (0,0) of 2x2 has x = y = −1: d = 1.4·√2 = 1.979899 → 0.494975 → trunc(126.22) = 126.
        // Pixel (1,1) has x = y = 0 → 0.
        var img = new CppnRenderer().Render(Grey(Activation.Identity, new LinkGene(5, 2, 4, 0.25, true)), 2, 2);
        Assert.AreEqual(126 / 255f, img[0, 0].R, 1e-6);
        Assert.AreEqual(0f, img[1, 1].R);
    }

    [TestMethod]
    public void HiddenNodesChainInTopologicalOrder()
    {
        // h = sin(bias·(π/6)) = 0.5; ink = gaussian(2·h) with the cppn-x sampled gaussian at 1.0: 2e^{-1} − 1 = −0.2642411
        // → grey trunc(0.2642411·255) = trunc(67.38) = 67 everywhere. Link order in the list is deliberately reversed.
        var nodes = Inputs();
        nodes.Add(new NodeGene(4, NodeKind.Output, Activation.Gaussian));
        nodes.Add(new NodeGene(9, NodeKind.Hidden, Activation.Sin));
        var g = new CppnGenome(ColorMode.Grey, nodes, [new LinkGene(11, 9, 4, 2.0, true), new LinkGene(10, 3, 9, Math.PI / 6, true)]);
        var img = new CppnRenderer().Render(g, 3, 3);
        foreach (float v in img.Data) Assert.AreEqual(67 / 255f, v, 1e-6);
    }

    [TestMethod]
    public void DisabledLinksAreIgnored()
    {
        var g = Grey(Activation.Identity, new LinkGene(5, 3, 4, 0.5, false));
        var img = new CppnRenderer().Render(g, 2, 2);
        Assert.IsTrue(img.Data.All(v => v == 0f));
    }

    [TestMethod]
    public void HsvOutputsConvertLikeQColor()
    {
        // hue = 0.5 → red 127, blue 127 > 0 → 360 + trunc(127·360/255) = 539 → 179°; saturation = 1 → blue 255;
        // brightness = 1 → red 255. HSV(179°, 1, 1): sector 2, f = 59/60 → (0, 1, 0.98333) → 8-bit (0, 255, 251).
        var nodes = Inputs();
        nodes.Add(new NodeGene(4, NodeKind.Output, Activation.Identity));
        nodes.Add(new NodeGene(5, NodeKind.Output, Activation.Identity));
        nodes.Add(new NodeGene(6, NodeKind.Output, Activation.Identity));
        var g = new CppnGenome(ColorMode.Hsv, nodes, [new LinkGene(7, 3, 4, 0.5, true), new LinkGene(8, 3, 5, 1.0, true), new LinkGene(9, 3, 6, 1.0, true)]);
        var img = new CppnRenderer().Render(g, 2, 1);
        Assert.AreEqual(0f, img[0, 0].R, 1e-6);
        Assert.AreEqual(1f, img[0, 0].G, 1e-6);
        Assert.AreEqual(251 / 255f, img[0, 0].B, 1e-6);
    }

    [TestMethod]
    public void NegativeHueTurnsTheOtherWay()
    {
        // hue = −0.25 → red 63, blue 0 → 360 − 63·360/255 = 271.06 → 271°; s = 0.5 → blue 127; v = −0.8 → red 204.
        // HSV(271°, 127/255, 204/255): sector 4, f = 31/60; v = 0.8, s = 0.498039:
        // r = t = v(1 − s(1 − f)) = 0.607333 → 155; g = p = v(1 − s) = 0.401569 → 102; b = v → 204.
        var nodes = Inputs();
        nodes.Add(new NodeGene(4, NodeKind.Output, Activation.Identity));
        nodes.Add(new NodeGene(5, NodeKind.Output, Activation.Identity));
        nodes.Add(new NodeGene(6, NodeKind.Output, Activation.Identity));
        var g = new CppnGenome(ColorMode.Hsv, nodes, [new LinkGene(7, 3, 4, -0.25, true), new LinkGene(8, 3, 5, 0.5, true), new LinkGene(9, 3, 6, -0.8, true)]);
        var px = new CppnRenderer().Render(g, 1, 1)[0, 0];
        Assert.AreEqual(155 / 255f, px.R, 1e-6);
        Assert.AreEqual(102 / 255f, px.G, 1e-6);
        Assert.AreEqual(204 / 255f, px.B, 1e-6);
    }

    [TestMethod]
    public void ActivationsMatchTheirFormulas()
    {
        var xs = Enumerable.Range(0, 37).Select(i => -4.5f + 0.25f * i).ToArray(); // odd length: vector body and scalar tail
        foreach (var act in Enum.GetValues<Activation>())
        {
            var v = (float[])xs.Clone();
            CppnRenderer.Activate(act, v);
            for (int i = 0; i < xs.Length; i++)
            {
                double x = xs[i];
                double q = Math.Truncate(x * 1000 + 0.5) / 1000; // cppn-x's table sample point (C cast truncates)
                double expected = act switch
                {
                    Activation.Identity => x,
                    Activation.Sin => Math.Sin(x),
                    Activation.Cos => Math.Cos(x),
                    Activation.Gaussian => x <= -2.7579733983 ? 2 * Math.Exp(-2.757 * 2.757) - 1 : x >= 2.7579733983 ? 2 * Math.Exp(-2.758 * 2.758) - 1 : 2 * Math.Exp(-q * q) - 1,
                    Activation.Sigmoid => 2 / (1 + Math.Exp(-Math.Clamp(q, -7.601, 7.601))) - 1,
                    Activation.Tanh => Math.Tanh(x),
                    Activation.Abs => Math.Abs(x),
                    Activation.Step => x > 0 ? 1 : 0,
                    Activation.USigmoid => 1 / (1 + Math.Exp(-x)),
                    Activation.UGaussian => Math.Exp(-x * x),
                    _ => double.NaN,
                };
                Assert.AreEqual(expected, v[i], 2e-6, $"{act}({x})");
            }
        }
    }

    [TestMethod]
    public void TheFusedAvx512PathMatchesTheVectorPath()
    {
        // The 16-lane path (own fused sum + activation, FastExp, 16-lane sin/cos) against the Vector<float> path
        // (WeightedSum, TensorPrimitives.Exp, FastTrig.SinCos over spans) and the scalar formulas, over a wide range:
        // bit-identical except where exp, sin or cos are involved (FastExp, and sin/cos with fused multiply-adds: a few ulps).
        if (!CppnRenderer.Wide) Assert.Inconclusive("no AVX-512 on this machine");
        var rng = new Random(5);
        var xs = Enumerable.Range(0, 3 * CppnRenderer.TileSize).Select(i => i switch
        {
            < 1024 => -12f + 24f * i / 1024f,                                         // dense over the interesting range
            < 2048 => (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 3))),
            _ => (float)((rng.NextDouble() * 2 - 1) * 150),                          // exp over/underflow
        }).ToArray();
        foreach (var act in Enum.GetValues<Activation>())
        {
            var wide = (float[])xs.Clone();
            var narrow = (float[])xs.Clone();
            CppnRenderer.Activate(act, wide, wide: true);
            CppnRenderer.Activate(act, narrow, wide: false);
            for (int i = 0; i < xs.Length; i++)
            {
                if (act is Activation.Sin or Activation.Cos && i >= 2048) continue; // a 16-lane group with |x| ≥ 1e5 goes scalar as a whole
                if (act is Activation.Gaussian or Activation.UGaussian or Activation.Sigmoid or Activation.USigmoid or Activation.Tanh or Activation.Sin or Activation.Cos)
                    Assert.AreEqual(narrow[i], wide[i], 3e-7 * Math.Max(1, Math.Abs(narrow[i])), $"{act}({xs[i]})"); // FastExp vs TensorPrimitives.Exp, FMA sin/cos vs FastTrig's spans: a few ulps
                else
                    Assert.AreEqual(BitConverter.SingleToInt32Bits(narrow[i]), BitConverter.SingleToInt32Bits(wide[i]), $"{act}({xs[i]}): {narrow[i]} vs {wide[i]}");
                if (Math.Abs(xs[i]) < 80)
                    Assert.AreEqual(act switch
                    {
                        Activation.Sin => Math.Sin(xs[i]),
                        Activation.Cos => Math.Cos(xs[i]),
                        Activation.Tanh => Math.Tanh(xs[i]),
                        Activation.USigmoid => 1 / (1 + Math.Exp(-xs[i])),
                        Activation.UGaussian => Math.Exp(-(double)xs[i] * xs[i]),
                        _ => narrow[i],
                    }, wide[i], 2e-6, $"{act}({xs[i]})");
            }
        }
    }

    [TestMethod]
    public void FastExpMatchesMathExp()
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) Assert.Inconclusive("no AVX-512 on this machine");
        var rng = new Random(3);
        var xs = Enumerable.Range(0, 64000).Select(i => i < 32000 ? -100f + 200f * i / 32000f : (float)((rng.NextDouble() * 2 - 1) * 90))
            .Concat([0f, -0f, 88.7f, 88.72f, 89f, -86.5f, -87f, -104f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f]).ToArray();
        var ys = new float[xs.Length + 16];
        for (int i = 0; i < xs.Length; i += 16)
        {
            var chunk = new float[16];
            xs.AsSpan(i, Math.Min(16, xs.Length - i)).CopyTo(chunk);
            FastExp.Exp(System.Runtime.Intrinsics.Vector512.Create(chunk)).CopyTo(ys.AsSpan(i, 16));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i];
            double e = Math.Exp(x);
            if (float.IsNaN(x)) Assert.IsTrue(float.IsNaN(y));
            else if (x > 88.72284f) Assert.AreEqual(float.PositiveInfinity, y, $"exp({x})");
            else if (x <= -86.6f) Assert.IsTrue(y == 0f || Math.Abs(y - e) <= 1e-37, $"exp({x}) = {y}");
            else Assert.AreEqual(e, y, 2.5e-7 * e, $"exp({x})"); // about 2 ulps
        }
    }

    [TestMethod]
    public void VectorisedHsvMatchesTheScalarConversion()
    {
        // PixelMath.Hsv (16-lane body on AVX-512, then the Vector<float> body and the scalar tail) against its scalar formulas.
        var rng = new Random(9);
        int n = 16 * 37 + 11;
        float Draw(int i) => (i % 97) switch { 0 => float.NaN, 1 => 170f / 255f, 2 => -170f / 255f, 3 => 1f, 4 => -7f, _ => (float)((rng.NextDouble() * 2 - 1) * 3) };
        var h = Enumerable.Range(0, n).Select(Draw).ToArray();
        var s = Enumerable.Range(0, n).Select(Draw).ToArray();
        var v = Enumerable.Range(0, n).Select(Draw).ToArray();
        var (r, g, b) = (new float[n], new float[n], new float[n]);
        PixelMath.Hsv(h, s, v, r, g, b);
        for (int i = 0; i < n; i++)
        {
            var (rs, gs, bs) = (new float[1], new float[1], new float[1]);
            PixelMath.Hsv(h.AsSpan(i, 1), s.AsSpan(i, 1), v.AsSpan(i, 1), rs, gs, bs); // one pixel: the scalar path
            // the same 8-bit channel (the scalar path divides by 255 where the vector paths multiply by 1/255: 1 ulp apart)
            static int Byte(float c) => (int)MathF.Round(c * 255f);
            Assert.AreEqual(Byte(rs[0]), Byte(r[i]), $"r at {i}: h={h[i]} s={s[i]} v={v[i]}");
            Assert.AreEqual(Byte(gs[0]), Byte(g[i]), $"g at {i}");
            Assert.AreEqual(Byte(bs[0]), Byte(b[i]), $"b at {i}");
            Assert.AreEqual(rs[0], r[i], 1e-6f);
        }
    }

    [TestMethod]
    public void SineAndCosineStayAccurateForLargeArguments()
    {
        var rng = new Random(11);
        var xs = Enumerable.Range(0, 20001).Select(i => i < 20000 ? (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-3, 6))) : float.NaN).ToArray();
        foreach (var (act, f) in new (Activation, Func<double, double>)[] { (Activation.Sin, Math.Sin), (Activation.Cos, Math.Cos) })
        {
            var v = (float[])xs.Clone();
            CppnRenderer.Activate(act, v);
            for (int i = 0; i < xs.Length - 1; i++)
                Assert.AreEqual(f(xs[i]), v[i], Math.Abs(xs[i]) < 1e4 ? 2e-6 : 1e-5, $"{act}({xs[i]})");
            Assert.IsTrue(float.IsNaN(v[^1]));
        }
    }

    [TestMethod]
    public void AnyResolutionAndOddSizesMatchAScalarEvaluation()
    {
        // 37x29 is not a multiple of the tile or vector width; check every pixel of ink = sin(3x)·... against scalar maths.
        var nodes = Inputs();
        nodes.Add(new NodeGene(4, NodeKind.Output, Activation.Identity));
        nodes.Add(new NodeGene(8, NodeKind.Hidden, Activation.Sin));
        nodes.Add(new NodeGene(9, NodeKind.Hidden, Activation.Tanh));
        var g = new CppnGenome(ColorMode.Grey, nodes,
        [
            new LinkGene(10, 0, 8, 3.0, true), new LinkGene(11, 1, 9, 2.0, true), new LinkGene(12, 2, 9, -1.0, true),
            new LinkGene(13, 8, 4, 0.6, true), new LinkGene(14, 9, 4, 0.3, true),
        ]);
        const int w = 37, h = 29;
        var img = new CppnRenderer().Render(g, w, h);
        int mismatches = 0;
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++)
            {
                double x = i / (w / 2.0) - 1, y = j / (h / 2.0) - 1, d = MathF.Sqrt((float)(x * x + y * y)) * 1.4;
                double ink = 0.6 * Math.Sin(3 * x) + 0.3 * Math.Tanh(2 * y - d);
                int expected = Math.Abs(ink) < 1 ? (int)(Math.Abs(ink) * 255) : 255;
                int got = (int)MathF.Round(img[i, j].R * 255);
                if (got != expected) { mismatches++; Assert.AreEqual(expected, got, 1, $"pixel ({i},{j})"); }
            }
        Assert.IsTrue(mismatches <= w * h / 100, $"{mismatches} pixels off by one level");
    }

    [TestMethod]
    public void PopulationRendersInParallelLikeOneByOne()
    {
        var tracker = new InnovationTracker();
        var factory = new CppnGenomeFactory(ColorMode.Hsv, tracker, ActivationNames.All, initialHidden: 3);
        var rng = new Random(5);
        var genomes = Enumerable.Range(0, 8).Select(_ => factory.Create(rng)).ToList();
        var renderer = new CppnRenderer();
        var all = renderer.RenderAll(genomes, 20, 16, threads: 2);
        for (int i = 0; i < genomes.Count; i++)
            CollectionAssert.AreEqual(renderer.Render(genomes[i], 20, 16).Data, all[i].Data);
    }
}
