using Coevo.Coevolution.Imaging;
using Coevo.Critics.Aesthetic;
using Coevo.Critics.Features;
using static Coevo.Tests.Critics.Features.ImageFeaturesTests;

namespace Coevo.Tests.Critics.Aesthetic;

[TestClass]
public class AestheticCriticTests
{
    private static readonly Image FlatImage = Flat(64), GradientImage = Gradient(64), NoiseImage = Noise(64, 1);

    /// <summary>Sharp-edged colour squares: JPEG finds them hard (ringing at every edge), PNG trivial (repetition).</summary>
    private static readonly Image Checker = Make(64, 64, (x, y) => ((x / 8 + y / 8) % 2 == 0 ? 0.9f : 0.1f, 0.2f, (x / 8 + y / 8) % 2 == 0 ? 0.1f : 0.9f));

    [TestMethod]
    public void ComplexityOrdersNoiseAboveGradientAboveFlat()
    {
        var critic = new ComplexityCritic(new ComplexityCriticOptions());
        var (icFlat, pc0Flat, pc1Flat) = critic.Complexities(FlatImage);
        var (icGrad, pc0Grad, pc1Grad) = critic.Complexities(GradientImage);
        var (icNoise, pc0Noise, pc1Noise) = critic.Complexities(NoiseImage);
        Assert.IsTrue(icNoise > icGrad && icGrad > icFlat, $"IC: noise {icNoise}, gradient {icGrad}, flat {icFlat}");
        Assert.IsTrue(pc0Noise > pc0Grad && pc0Grad > pc0Flat, $"PC(t0): noise {pc0Noise}, gradient {pc0Grad}, flat {pc0Flat}");
        Assert.IsTrue(pc1Noise > pc1Grad && pc1Grad > pc1Flat, $"PC(t1): noise {pc1Noise}, gradient {pc1Grad}, flat {pc1Flat}");
        var m = critic.Score([NoiseImage, GradientImage, FlatImage]);
        Assert.IsTrue(m[0] > m[1] && m[1] > m[2], $"M: noise {m[0]}, gradient {m[1]}, flat {m[2]}");
    }

    [TestMethod]
    public void ComplexLookingButEasyToProcessBeatsNoise()
    {
        // Machado & Cardoso's point: high image complexity with low processing complexity is what pleases.
        var critic = new ComplexityCritic(new ComplexityCriticOptions());
        var (ic, pc0, pc1) = critic.Complexities(Checker);
        var (icNoise, pc0Noise, pc1Noise) = critic.Complexities(NoiseImage);
        Assert.IsTrue(ic / Math.Sqrt(pc0 * pc1) > icNoise / Math.Sqrt(pc0Noise * pc1Noise));
        Assert.IsTrue(critic.Score(Checker) > 3 * critic.Score(NoiseImage), $"checker {critic.Score(Checker)}, noise {critic.Score(NoiseImage)}");
    }

    [TestMethod]
    public void ComplexityIsErrorOverCompressionRatioAndTheMeasureFollowsTheFormula()
    {
        var (bytes, decoded) = Jpeg.RoundTrip(GradientImage, 75);
        double sum = 0;
        for (int i = 0; i < decoded.Data.Length; i++)
        {
            double d = ImageFeatures.Byte(GradientImage.Data[i]) / 255f - decoded.Data[i];
            sum += d * d;
        }
        double ic = Math.Sqrt(sum / decoded.Data.Length) / (3.0 * 64 * 64 / bytes);
        Assert.AreEqual(ic, ComplexityCritic.JpegComplexity(GradientImage, 75), 1e-9);
        double pc0 = Png.Encode(GradientImage, 1).Length / (3.0 * 64 * 64), pc1 = Png.Encode(GradientImage, 9).Length / (3.0 * 64 * 64);

        var options = new ComplexityCriticOptions { IcExponent = 1.5, PcExponent = 0.7, ChangeExponent = 0.3 };
        var critic = new ComplexityCritic(options);
        var parts = critic.Complexities(GradientImage);
        Assert.AreEqual(ic, parts.Ic, 1e-12);
        Assert.AreEqual(pc0, parts.Pc0);
        Assert.AreEqual(pc1, parts.Pc1);
        double expected = Math.Pow(ic, 1.5) / Math.Pow(pc0 * pc1, 0.7) / Math.Pow(Math.Abs(pc1 - pc0) / pc1, 0.3);
        Assert.AreEqual(expected, critic.Score(GradientImage), 1e-12 * expected);
    }

    [TestMethod]
    public void AnImageTheJpegKeepsExactlyScoresZero()
    {
        var grey = Make(32, 32, (_, _) => (0.5f, 0.5f, 0.5f));
        Assert.AreEqual(0.0, ComplexityCritic.JpegComplexity(grey, 75));
        Assert.AreEqual(0.0, new ComplexityCritic(new ComplexityCriticOptions()).Score(grey));
    }

    [TestMethod]
    public void ResponsesAreLogStimuliOverTheThresholdByHand()
    {
        // 2x2, only the bottom-right pixel lit at 8-bit level k in every channel: one pixel with both neighbours,
        // |∇c|² = k² / d² per channel with d = 0.001·√8, S = √3·k / d, R = ln(S / S0).
        foreach (int k in new[] { 1, 40 })
        {
            float v = k / 255f;
            var image = Make(2, 2, (x, y) => x == 1 && y == 1 ? (v, v, v) : (0f, 0f, 0f));
            var r = BellCurveCritic.Responses(image, threshold: 2);
            Assert.AreEqual(1, r.Count);
            Assert.AreEqual(Math.Log(Math.Sqrt(3) * k / (0.001 * Math.Sqrt(8)) / 2), r[0], 1e-9);
        }
        Assert.AreEqual(0, BellCurveCritic.Responses(Make(2, 2, (_, _) => (0.5f, 0.5f, 0.5f)), 2).Count, "no stimulus, no response");
        Assert.AreEqual(0, BellCurveCritic.Responses(Make(2, 2, (x, y) => x == 1 && y == 1 ? (0.1f, 0.1f, 0.1f) : (0f, 0f, 0f)), 1e6).Count,
            "below the threshold");
    }

    [TestMethod]
    public void DeviationFromNormalityByHand()
    {
        // Responses 1, 1, 2, 2 weighted by themselves: μ = 10/6, σ² = (2·(2/3)² + 4·(1/3)²)/6 = 2/9.
        // Bins of σ from μ: the 1s fall in [μ-2σ, μ-σ) with share 2/6, the 2s in [μ, μ+σ) with share 4/6.
        double phi1 = 0.8413447460685429, phi2 = 0.9772498680518208;
        double q1 = phi2 - phi1, q2 = phi1 - 0.5;
        double expected = 1.0 / 3 * Math.Log(1.0 / 3 / q1) + 2.0 / 3 * Math.Log(2.0 / 3 / q2);
        Assert.AreEqual(expected, BellCurveCritic.DeviationFromNormality([1, 1, 2, 2], binWidth: 1), 1e-6);
        Assert.AreEqual(0.7453268, expected, 1e-6);
        Assert.IsTrue(double.IsPositiveInfinity(BellCurveCritic.DeviationFromNormality([], 0.1)));
        Assert.IsTrue(double.IsPositiveInfinity(BellCurveCritic.DeviationFromNormality([3, 3, 3], 0.1)), "no spread");
    }

    [TestMethod]
    public void NormalResponsesDeviateLittleAndBimodalOnesMuch()
    {
        var rng = new Random(2);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var normal = Enumerable.Range(0, 20000).Select(_ => 10 + Gaussian()).ToList();
        var bimodal = Enumerable.Range(0, 20000).Select(i => (i % 2 == 0 ? 8 : 12) + 0.3 * Gaussian()).ToList();
        double dNormal = BellCurveCritic.DeviationFromNormality(normal, 0.1), dBimodal = BellCurveCritic.DeviationFromNormality(bimodal, 0.1);
        Assert.IsTrue(dNormal < 0.02, $"normal: DFN {dNormal}");
        Assert.IsTrue(dBimodal > 0.3, $"bimodal: DFN {dBimodal}");
    }

    [TestMethod]
    public void BellCurveOrdersVariedGradientsAboveOneGradientAboveFlat()
    {
        var critic = new BellCurveCritic(new BellCurveCriticOptions());
        var varied = Make(64, 64, (x, y) => { float v = (float)(0.5 + 0.5 * Math.Sin(x * 0.4) * Math.Cos(y * 0.3)); return (v, 0.5f * v, 1 - v); });
        var stripes = Make(64, 64, (x, _) => (x / 4) % 2 == 0 ? (1f, 1f, 1f) : (0f, 0f, 0f));
        var s = critic.Score([varied, GradientImage, FlatImage, stripes]);
        Assert.IsTrue(s[0] > 0.5 && s[0] > s[1], $"varied {s[0]}, one gradient {s[1]}");
        Assert.AreEqual(0.0, s[2], "flat: no response");
        Assert.AreEqual(0.0, s[3], "hard stripes: every response the same");
        Assert.IsTrue(s[1] > 0 && s[1] < 0.2, $"a linear ramp has two or three gradient levels: {s[1]}");
    }

    [TestMethod]
    public void NormalMassIsAccurateInTheTails()
    {
        Assert.AreEqual(0.6826894921370859, BellCurveCritic.NormalMass(-1, 1), 1e-7);
        Assert.AreEqual(0.0227501319481792, BellCurveCritic.NormalMass(2, double.PositiveInfinity), 1e-8);
        Assert.AreEqual(0.0227501319481792, BellCurveCritic.NormalMass(double.NegativeInfinity, -2), 1e-8);
        // P(6 <= Z < 7) = 9.865876e-10 - 1.279813e-12, relative accuracy kept far out
        Assert.AreEqual(9.853078e-10, BellCurveCritic.NormalMass(6, 7), 1e-15);
    }

    [TestMethod]
    public void ScoresAreDeterministicAndIndependentOfThreads()
    {
        Image[] images = [NoiseImage, GradientImage, Checker, FlatImage];
        CollectionAssert.AreEqual(new ComplexityCritic(new(), 1).Score(images).ToArray(), new ComplexityCritic(new(), 2).Score(images).ToArray());
        CollectionAssert.AreEqual(new BellCurveCritic(new(), 1).Score(images).ToArray(), new BellCurveCritic(new(), 2).Score(images).ToArray());
    }
}
