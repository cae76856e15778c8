using Coevo.Coevolution.Metrics;
using static TorchSharp.torch;

namespace Coevo.Tests.Coevolution.Metrics;

[TestClass]
public class KidAndPrecisionRecallTests
{
    private static double NaiveMmd2(double[][] x, double[][] y)
    {
        int m = x.Length, d = x[0].Length;
        double K(double[] a, double[] b) => Math.Pow(a.Zip(b, (p, q) => p * q).Sum() / d + 1, 3);
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                if (i != j) { xx += K(x[i], x[j]); yy += K(y[i], y[j]); }
                xy += K(x[i], y[j]);
            }
        return xx / (m * (m - 1)) + yy / (m * (m - 1)) - 2 * xy / (m * m);
    }

    [TestMethod]
    public void UnbiasedMmdMatchesTheSumsWrittenOut()
    {
        double[][] x = [[0.1, 0.5, -0.2], [1.0, 0.0, 0.3], [-0.4, 0.2, 0.9], [0.7, -0.6, 0.1], [0.0, 0.0, 0.0]];
        double[][] y = [[0.3, 0.1, 0.2], [-1.0, 0.4, 0.0], [0.5, 0.5, 0.5], [0.2, -0.3, 0.8], [0.9, 0.1, -0.7]];
        using var tx = tensor(x.SelectMany(r => r).Select(v => (float)v).ToArray(), [5, 3]);
        using var ty = tensor(y.SelectMany(r => r).Select(v => (float)v).ToArray(), [5, 3]);
        Assert.AreEqual(NaiveMmd2(x, y), KernelInceptionDistance.UnbiasedMmd2(tx, ty), 1e-6);
        // subsets take half the images, so they differ and their spread is not zero
        var (mean, std) = KernelInceptionDistance.Compute(tx, ty, subsets: 20, subsetSize: 1000);
        Assert.IsTrue(std > 0 && double.IsFinite(mean), $"KID {mean} ± {std}");
    }

    [TestMethod]
    public void KidOfOneDistributionIsZeroWithinItsSpreadAndOfTwoIsNot()
    {
        var identity = FrechetDistanceTests.Diagonal(16, 1.0);
        using var a = FrechetDistanceTests.Gaussian(3000, new double[16], identity, 11);
        using var b = FrechetDistanceTests.Gaussian(3000, new double[16], identity, 12);
        var (same, sameStd) = KernelInceptionDistance.Compute(a, b, subsets: 50, subsetSize: 500);
        Assert.IsTrue(Math.Abs(same) <= sameStd, $"KID {same} ± {sameStd} for one distribution");
        using var shifted = FrechetDistanceTests.Gaussian(3000, Enumerable.Repeat(0.5, 16).ToArray(), identity, 13);
        var (different, differentStd) = KernelInceptionDistance.Compute(a, shifted, subsets: 50, subsetSize: 500);
        Assert.IsTrue(different > 5 * differentStd && different > 10 * Math.Abs(same), $"KID {different} ± {differentStd} for shifted means");
    }

    /// <summary>Points (x, y) as float32 rows.</summary>
    private static Tensor Points(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        return tensor(list.SelectMany(p => new[] { (float)p.X, (float)p.Y }).ToArray(), [list.Count, 2]);
    }

    [TestMethod]
    public void PrecisionAndRecallOfConstructedSets()
    {
        // Real: 100 points at x = 0..99 on a line. With k = 3 an inner point's ball reaches 2 (its 3rd neighbour),
        // an end point's 3. Generated: 50 points at x = 0.5..49.5 on the line, and 50 far away (y = 100).
        using var real = Points(Enumerable.Range(0, 100).Select(i => ((double)i, 0.0)));
        using var fake = Points(Enumerable.Range(0, 50).Select(i => (i + 0.5, 0.0)).Concat(Enumerable.Range(0, 50).Select(i => ((double)i, 100.0))));
        var (precision, recall) = PrecisionRecall.Compute(real, fake);
        // precision: exactly the 50 on the line are inside the real manifold
        Assert.AreEqual(0.5, precision, 1e-12);
        // recall: the generated balls on the line reach x ≤ 49.5 + 3 (the end point's radius) = 52.5,
        // so real points 0..52 are covered: 53 of 100; the far generated points cover nothing
        Assert.AreEqual(0.53, recall, 1e-12);
        var same = PrecisionRecall.Compute(real, real);
        Assert.AreEqual((1.0, 1.0), same);
        using var far = Points(Enumerable.Range(0, 20).Select(i => ((double)i, 1000.0)));
        Assert.AreEqual((0.0, 0.0), PrecisionRecall.Compute(real, far));
    }

    [TestMethod]
    public void DiversityIsTheMeanDistanceBetweenDifferentPoints()
    {
        // a 3-4-5 triangle: distances 3, 4 and 5, mean 4
        using var triangle = Points([(0, 0), (3, 0), (0, 4)]);
        using var radii = PrecisionRecall.Radii(triangle, 1, out double mean);
        Assert.AreEqual(4.0, mean, 1e-5);
        CollectionAssert.AreEqual(new float[] { 3, 3, 4 }, radii.data<float>().ToArray());
    }

    [TestMethod]
    public void TheLineHasEveryFieldInOrder()
    {
        using var real = Points(Enumerable.Range(0, 40).Select(i => ((double)i, (double)(i % 7))));
        using var fake = Points(Enumerable.Range(0, 30).Select(i => (i + 0.25, (double)(i % 5))));
        var m = MetricSet.Compute(real, fake, "test-net", new MetricOptions(KidSubsets: 10, KidSubsetSize: 20));
        string line = m.ToLine();
        var keys = line.Split(' ').Select(p => p[..p.IndexOf('=')]).ToArray();
        CollectionAssert.AreEqual(new[] { "fid", "kid", "kid_std", "precision", "recall", "diversity", "n_real", "n_fake", "features" }, keys);
        StringAssert.EndsWith(line, "n_real=40 n_fake=30 features=test-net");
        Assert.IsTrue(m.Fid > 0 && m.Precision is > 0 and <= 1 && m.Recall is > 0 and <= 1 && m.Diversity > 0);
        Assert.ThrowsExactly<Coevo.Coevolution.InputException>(() => MetricSet.Compute(real, fake.narrow(0, 0, 3), "test-net"));
    }
}
