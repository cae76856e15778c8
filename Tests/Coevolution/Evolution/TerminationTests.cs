using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class TerminationTests
{
    private static EvolutionProgress P(int generation = 1, double best = 0, int stagnant = 0, double seconds = 0) =>
        new(generation, best, best / 2, stagnant, TimeSpan.FromSeconds(seconds));

    [TestMethod]
    public void GenerationLimitStopsAtTheLimit()
    {
        var t = new GenerationLimit(10);
        Assert.IsFalse(t.HasReached(P(generation: 9)));
        Assert.IsTrue(t.HasReached(P(generation: 10)));
        Assert.IsTrue(t.HasReached(P(generation: 11)));
    }

    [TestMethod]
    public void TargetFitnessStopsWhenReachedAndNeverOnNaN()
    {
        var t = new TargetFitness(0.9);
        Assert.IsFalse(t.HasReached(P(best: 0.89)));
        Assert.IsTrue(t.HasReached(P(best: 0.9)));
        Assert.IsFalse(t.HasReached(P(best: double.NaN)));
    }

    [TestMethod]
    public void StagnationCountsGenerationsWithoutImprovement()
    {
        var t = new Stagnation(5);
        Assert.IsFalse(t.HasReached(P(stagnant: 4)));
        Assert.IsTrue(t.HasReached(P(stagnant: 5)));
    }

    [TestMethod]
    public void WallClockStopsWhenTimeIsUp()
    {
        var t = new WallClock(TimeSpan.FromMinutes(1));
        Assert.IsFalse(t.HasReached(P(seconds: 59.9)));
        Assert.IsTrue(t.HasReached(P(seconds: 60)));
    }

    [TestMethod]
    public void OrStopsWhenAnyPartStops()
    {
        var t = new GenerationLimit(100).Or(new TargetFitness(1));
        Assert.IsInstanceOfType<OrTermination>(t);
        Assert.IsFalse(t.HasReached(P(generation: 50, best: 0.5)));
        Assert.IsTrue(t.HasReached(P(generation: 100, best: 0.5)));
        Assert.IsTrue(t.HasReached(P(generation: 50, best: 1)));
    }

    [TestMethod]
    public void AndStopsOnlyWhenAllPartsStop()
    {
        var t = new GenerationLimit(10).And(new Stagnation(3));
        Assert.IsInstanceOfType<AndTermination>(t);
        Assert.IsFalse(t.HasReached(P(generation: 20, stagnant: 2)));
        Assert.IsFalse(t.HasReached(P(generation: 5, stagnant: 3)));
        Assert.IsTrue(t.HasReached(P(generation: 10, stagnant: 3)));
    }

    [TestMethod]
    public void CompositesNest()
    {
        // (generations >= 10 and stagnant >= 3) or time is up
        var t = new OrTermination(new AndTermination(new GenerationLimit(10), new Stagnation(3)), new WallClock(TimeSpan.FromSeconds(5)));
        Assert.IsFalse(t.HasReached(P(generation: 10, stagnant: 2, seconds: 1)));
        Assert.IsTrue(t.HasReached(P(generation: 10, stagnant: 3, seconds: 1)));
        Assert.IsTrue(t.HasReached(P(generation: 1, stagnant: 0, seconds: 5)));
        Assert.AreEqual(2, ((OrTermination)t).Parts.Count);
    }

    [TestMethod]
    public void InvalidLimitsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GenerationLimit(-1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Stagnation(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new WallClock(TimeSpan.FromSeconds(-1)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TargetFitness(double.NaN));
        Assert.ThrowsExactly<ArgumentException>(() => new OrTermination());
        Assert.ThrowsExactly<ArgumentException>(() => new AndTermination());
    }
}
