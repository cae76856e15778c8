using Coevo.Coevolution.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Tests.Coevolution.Metrics;

[TestClass]
public class FrechetDistanceTests
{
    /// <summary>n samples of N(mean, L·Lᵀ) as float32 rows, from a seeded generator.</summary>
    internal static Tensor Gaussian(int n, double[] mean, double[,] lower, ulong seed)
    {
        int d = mean.Length;
        using var g = new Generator(seed);
        using var z = randn([n, d], dtype: ScalarType.Float64, generator: g);
        using var l = tensor(lower, dtype: ScalarType.Float64);
        using var mu = tensor(mean, dtype: ScalarType.Float64);
        using var x = z.mm(l.t()) + mu;
        return x.to(ScalarType.Float32);
    }

    /// <summary>The closed form for 2x2 covariances: Tr((Σ₁Σ₂)^½) = √(Tr(Σ₁Σ₂) + 2√(det Σ₁ det Σ₂)).</summary>
    private static double ClosedForm2x2(double[] m1, double[,] s1, double[] m2, double[,] s2)
    {
        double mean = Math.Pow(m1[0] - m2[0], 2) + Math.Pow(m1[1] - m2[1], 2);
        double trProduct = s1[0, 0] * s2[0, 0] + s1[0, 1] * s2[1, 0] + s1[1, 0] * s2[0, 1] + s1[1, 1] * s2[1, 1];
        double det1 = s1[0, 0] * s1[1, 1] - s1[0, 1] * s1[1, 0];
        double det2 = s2[0, 0] * s2[1, 1] - s2[0, 1] * s2[1, 0];
        double trRoot = Math.Sqrt(trProduct + 2 * Math.Sqrt(det1 * det2));
        return mean + s1[0, 0] + s1[1, 1] + s2[0, 0] + s2[1, 1] - 2 * trRoot;
    }

    private static readonly double[] M1 = [0.0, 1.0], M2 = [1.5, -0.5];
    // Σ = L·Lᵀ; the two covariances do not commute, so Tr((Σ₁Σ₂)^½) is not Σ√(λᵢμᵢ) of their separate eigenvalues.
    private static readonly double[,] L1 = { { 1.0, 0.0 }, { 0.8, 0.6 } }, L2 = { { 2.0, 0.0 }, { -0.5, 0.3 } };
    private static double[,] Cov(double[,] l) => new double[,]
    {
        { l[0, 0] * l[0, 0] + l[0, 1] * l[0, 1], l[0, 0] * l[1, 0] + l[0, 1] * l[1, 1] },
        { l[1, 0] * l[0, 0] + l[1, 1] * l[0, 1], l[1, 0] * l[1, 0] + l[1, 1] * l[1, 1] },
    };

    [TestMethod]
    public void FidOfASetWithItselfIsZero()
    {
        using var x = Gaussian(3000, new double[16], Diagonal(16, 2.0), 7);
        var fid = FrechetDistance.Compute(x, x);
        Assert.AreEqual(0, fid.Value, 1e-9 * 16 * 4);
        Assert.AreEqual(0, fid.DiagonalAdded);
        Assert.AreEqual(0, fid.Warnings.Count);
    }

    [TestMethod]
    public void FromStatisticsMatchesTheClosedFormForNonCommutingCovariances()
    {
        double expected = ClosedForm2x2(M1, Cov(L1), M2, Cov(L2));
        using var m1 = tensor(M1); using var m2 = tensor(M2);
        using var s1 = tensor(Cov(L1)); using var s2 = tensor(Cov(L2));
        var fid = FrechetDistance.FromStatistics(m1, s1, m2, s2);
        Assert.AreEqual(expected, fid.Value, 1e-10);
        Assert.AreEqual(0, fid.DiagonalAdded);
        // 7.1198; the wrong "commuting" shortcut ‖μ₁−μ₂‖² + Σ(√λᵢ − √μᵢ)² over sorted eigenvalues would give 5.0446
        Assert.AreEqual(7.1197849524523, expected, 1e-9);
    }

    [TestMethod]
    public void SampledGaussiansMatchTheClosedForm()
    {
        double expected = ClosedForm2x2(M1, Cov(L1), M2, Cov(L2));
        using var x = Gaussian(200_000, M1, L1, 1);
        using var y = Gaussian(200_000, M2, L2, 2);
        var fid = FrechetDistance.Compute(x, y);
        // sampling error of means and covariances from 200,000 points is well under 1%
        Assert.AreEqual(expected, fid.Value, 0.01 * expected);
    }

    [TestMethod]
    public void FidGrowsMonotonicallyWithNoise()
    {
        using var x = Gaussian(4000, new double[8], Diagonal(8, 1.0), 3);
        using var g = new Generator(5);
        using var noise = randn([4000, 8], generator: g);
        double previous = -1;
        foreach (double sigma in new[] { 0.0, 0.2, 0.4, 0.8, 1.2, 2.0 })
        {
            using var noisy = x + noise * sigma;
            double fid = FrechetDistance.Compute(x, noisy).Value;
            Assert.IsTrue(fid > previous, $"FID {fid} at noise {sigma} is not above {previous}");
            previous = fid;
        }
        // Gaussian noise of σ = 2 makes variances 1 + 4 = 5: 8·(√5 − 1)² ≈ 12.2
        Assert.AreEqual(8 * Math.Pow(Math.Sqrt(5) - 1, 2), previous, 0.6);
    }

    [TestMethod]
    public void FewerSamplesThanDimensionsWarnsButNeedsNoDiagonal()
    {
        using var x = Gaussian(20, new double[32], Diagonal(32, 1.0), 8);
        using var y = Gaussian(20, new double[32], Diagonal(32, 1.0), 9);
        var fid = FrechetDistance.Compute(x, y);
        Assert.IsTrue(double.IsFinite(fid.Value) && fid.Value > 0);
        Assert.AreEqual(0, fid.DiagonalAdded, "the symmetric form copes with singular covariances");
        Assert.AreEqual(2, fid.Warnings.Count(w => w.Contains("for 32 feature dimensions")), string.Join("\n", fid.Warnings));
    }

    [TestMethod]
    public void ABrokenCovarianceGetsADiagonalAndSaysSo()
    {
        using var m = zeros(2, dtype: ScalarType.Float64);
        using var s1 = tensor(new double[,] { { 1.0, 0.0 }, { 0.0, -0.01 } }); // not PSD: a negative variance
        using var s2 = eye(2, dtype: ScalarType.Float64);
        var fid = FrechetDistance.FromStatistics(m, s1, m, s2);
        Assert.IsTrue(fid.DiagonalAdded >= 0.01, $"diagonal {fid.DiagonalAdded}");
        Assert.IsTrue(double.IsFinite(fid.Value));
        StringAssert.Contains(fid.Warnings.Single(), "to the covariance diagonals");
    }

    [TestMethod]
    public void SqrtOfAPsdMatrixSquaresBack()
    {
        using var a = tensor(Cov(L1));
        using var root = FrechetDistance.TrySqrtPsd(a)!;
        using var back = root.mm(root);
        Assert.IsTrue(allclose(back, a, rtol: 1e-12, atol: 1e-12));
        using var notPsd = tensor(new double[,] { { 1.0, 2.0 }, { 2.0, 1.0 } }); // eigenvalues 3 and −1
        Assert.IsNull(FrechetDistance.TrySqrtPsd(notPsd));
    }

    internal static double[,] Diagonal(int d, double value)
    {
        var m = new double[d, d];
        for (int i = 0; i < d; i++) m[i, i] = value;
        return m;
    }
}
