using Coevo.Coevolution.Metrics;

namespace Coevo.Tests.Coevolution.Metrics;

[TestClass]
public class FitnessStatsTests
{
    [TestMethod]
    public void EvenCount()
    {
        // Mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, / 4 = 1.25.
        var s = FitnessStats.Of([4, 1, 3, 2]);
        Assert.AreEqual(4, s.Best);
        Assert.AreEqual(2.5, s.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(1.25), s.Std, 1e-12);
        Assert.AreEqual(2.5, s.Median, 1e-12);
        Assert.AreEqual(4, s.Count);
        Assert.AreEqual(0, s.NaNCount);
    }

    [TestMethod]
    public void OddCountWithNaNLeftOut()
    {
        // Numbers 3, -1, 10: mean 4, deviations 1 + 25 + 36 = 62, / 3.
        var s = FitnessStats.Of([3, double.NaN, -1, 10]);
        Assert.AreEqual(10, s.Best);
        Assert.AreEqual(4, s.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(62 / 3.0), s.Std, 1e-12);
        Assert.AreEqual(3, s.Median);
        Assert.AreEqual(3, s.Count);
        Assert.AreEqual(1, s.NaNCount);
    }

    [TestMethod]
    public void NoNumbersGiveNaN()
    {
        var s = FitnessStats.Of([double.NaN]);
        Assert.IsTrue(double.IsNaN(s.Best) && double.IsNaN(s.Mean) && double.IsNaN(s.Std) && double.IsNaN(s.Median));
        Assert.AreEqual(1, s.NaNCount);
        Assert.AreEqual(0, FitnessStats.Of([]).NaNCount);
    }
}
