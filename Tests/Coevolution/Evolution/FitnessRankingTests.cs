using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class FitnessRankingTests
{
    [TestMethod]
    public void OrderIsBestFirstWithNaNLastAndTiesByIndex()
    {
        CollectionAssert.AreEqual(new[] { 4, 1, 0, 3, 2 }, FitnessRanking.Order([1, 5, double.NaN, 1, 7]));
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, FitnessRanking.Order([2, 2, 2]));
    }

    [TestMethod]
    public void NaNRanksBelowMinusInfinity()
    {
        CollectionAssert.AreEqual(new[] { 1, 0, 2 }, FitnessRanking.Order([double.NaN, double.NegativeInfinity, double.NaN]));
        Assert.IsTrue(FitnessRanking.IsBetter(double.NegativeInfinity, double.NaN));
        Assert.IsFalse(FitnessRanking.IsBetter(double.NaN, double.NaN));
    }

    [TestMethod]
    public void BestIndexIsTheFirstBest()
    {
        Assert.AreEqual(1, FitnessRanking.BestIndex([double.NaN, 3, 3, 1]));
        Assert.AreEqual(0, FitnessRanking.BestIndex([double.NaN, double.NaN]));
        Assert.AreEqual(-1, FitnessRanking.BestIndex([]));
    }

    [TestMethod]
    public void PositiveWeightsKeepNonNegativeFitnessAndShiftOtherwise()
    {
        CollectionAssert.AreEqual(new[] { 0.0, 2, 3, 0 }, FitnessRanking.PositiveWeights([0, 2, 3, double.NaN]));
        CollectionAssert.AreEqual(new[] { 0.0, 3, 5, 0 }, FitnessRanking.PositiveWeights([-2, 1, 3, double.NaN]));
        CollectionAssert.AreEqual(new[] { 0.0, 2, 0 }, FitnessRanking.PositiveWeights([double.NegativeInfinity, 2, double.NaN]));
        CollectionAssert.AreEqual(new[] { 1.0, 0, 1, 0 }, FitnessRanking.PositiveWeights([double.PositiveInfinity, 5, double.PositiveInfinity, double.NaN]));
    }
}
