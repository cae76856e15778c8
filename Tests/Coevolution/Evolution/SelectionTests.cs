using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class SelectionTests
{
    private const int Draws = 200_000;

    private static double[] Frequencies(ISelection selection, double[] fitness, int seed = 1)
    {
        var picks = selection.Select(fitness, Draws, new Random(seed));
        var freq = new double[fitness.Length];
        foreach (int p in picks) freq[p] += 1.0 / Draws;
        return freq;
    }

    [TestMethod]
    public void TournamentOfTwoPicksEachRankWithItsProbability()
    {
        // Best of 2 uniform draws (with replacement) from 4: P(rank r or worse wins) = (r/4)^2,
        // so P(worst) = 1/16, P(second worst) = 4/16 - 1/16, P(second best) = 9/16 - 4/16, P(best) = 1 - 9/16.
        var freq = Frequencies(new TournamentSelection(2), [1, 2, 3, 4]);
        double[] expected = [1 / 16.0, 3 / 16.0, 5 / 16.0, 7 / 16.0];
        for (int i = 0; i < 4; i++) Assert.AreEqual(expected[i], freq[i], 0.006, $"individual {i}");
    }

    [TestMethod]
    public void TournamentOfFiveFindsTheBestWithOneMinusMissProbability()
    {
        // Best of 10 is chosen unless all 5 draws miss it: 1 - 0.9^5.
        double[] fitness = [5, 3, 9, 1, 7, 2, 8, 0, 4, 6];
        var freq = Frequencies(new TournamentSelection(5), fitness);
        Assert.AreEqual(1 - Math.Pow(0.9, 5), freq[2], 0.006);
    }

    [TestMethod]
    public void TournamentTreatsNaNAsWorst()
    {
        // NaN wins only when both draws are NaN: 1/4.
        var freq = Frequencies(new TournamentSelection(2), [double.NaN, -1000]);
        Assert.AreEqual(0.25, freq[0], 0.006);
    }

    [TestMethod]
    public void TournamentOfOneIsUniform()
    {
        var freq = Frequencies(new TournamentSelection(1), [1, 100, 1000, 10000]);
        foreach (double f in freq) Assert.AreEqual(0.25, f, 0.006);
    }

    [TestMethod]
    public void TruncationPicksOnlyFromTheTopFractionUniformly()
    {
        double[] fitness = [5, 3, 9, 1, 7, 2, 8, 0, 4, 6];
        var freq = Frequencies(new TruncationSelection(0.3), fitness);
        // Top 30% of 10 = the three best: indices 2 (9), 6 (8), 4 (7).
        for (int i = 0; i < fitness.Length; i++)
        {
            if (i is 2 or 6 or 4) Assert.AreEqual(1 / 3.0, freq[i], 0.006, $"individual {i}");
            else Assert.AreEqual(0.0, freq[i], $"individual {i} is below the cut");
        }
    }

    [TestMethod]
    public void TruncationEligibleCountRoundsUpAndKeepsAtLeastOne()
    {
        Assert.AreEqual(5, new TruncationSelection(0.5).Eligible(10));
        Assert.AreEqual(2, new TruncationSelection(0.5).Eligible(3));
        Assert.AreEqual(1, new TruncationSelection(0.01).Eligible(10));
        Assert.AreEqual(10, new TruncationSelection(1.0).Eligible(10));
        Assert.AreEqual(3, new TruncationSelection(0.3).Eligible(10)); // 0.3*10 is 3.0000000000000004 in floating point
    }

    [TestMethod]
    public void TruncationRanksNaNBelowNumbers()
    {
        var picks = new TruncationSelection(0.5).Select([double.NaN, 1, double.NaN, 2], 1000, new Random(3));
        CollectionAssert.AreEquivalent(new[] { 1, 3 }, picks.Distinct().ToArray());
    }

    [TestMethod]
    public void FitnessProportionalMatchesFitnessRatios()
    {
        var freq = Frequencies(new FitnessProportionalSelection(), [1, 2, 3, 4]);
        double[] expected = [0.1, 0.2, 0.3, 0.4];
        for (int i = 0; i < 4; i++) Assert.AreEqual(expected[i], freq[i], 0.006, $"individual {i}");
    }

    [TestMethod]
    public void FitnessProportionalShiftsNegativeFitnessAndNeverPicksNaN()
    {
        // Shifted by the minimum -1: weights 0, 1, 2; NaN weighs 0.
        var freq = Frequencies(new FitnessProportionalSelection(), [-1, 0, 1, double.NaN]);
        Assert.AreEqual(0.0, freq[0]);
        Assert.AreEqual(1 / 3.0, freq[1], 0.006);
        Assert.AreEqual(2 / 3.0, freq[2], 0.006);
        Assert.AreEqual(0.0, freq[3]);
    }

    [TestMethod]
    public void FitnessProportionalFallsBackToUniformWhenAllWeightsAreZero()
    {
        var freq = Frequencies(new FitnessProportionalSelection(), [0, 0, double.NaN, 0]);
        foreach (double f in freq) Assert.AreEqual(0.25, f, 0.006);
    }

    [TestMethod]
    public void FitnessProportionalHandlesInfinity()
    {
        var freq = Frequencies(new FitnessProportionalSelection(), [1, double.PositiveInfinity, double.NegativeInfinity]);
        Assert.AreEqual(1.0, freq[1], 1e-9);
    }

    [TestMethod]
    public void FitnessProportionalSurvivesHugeFitness()
    {
        var freq = Frequencies(new FitnessProportionalSelection(), [double.MaxValue, double.MaxValue / 2, double.MaxValue / 2]);
        Assert.AreEqual(0.5, freq[0], 0.006);
        Assert.AreEqual(0.25, freq[1], 0.006);
    }

    [TestMethod]
    public void SelectionsAreReproducibleForASeed()
    {
        double[] fitness = [3, 1, 4, 1, 5, 9, 2, 6];
        foreach (ISelection s in new ISelection[] { new TournamentSelection(3), new TruncationSelection(0.5), new FitnessProportionalSelection() })
            CollectionAssert.AreEqual(s.Select(fitness, 50, new Random(7)), s.Select(fitness, 50, new Random(7)), s.GetType().Name);
    }

    [TestMethod]
    public void FromOptionsBuildsTheNamedSelection()
    {
        var o = new EvolutionOptions { Selection = SelectionKind.Tournament, TournamentSize = 4, Truncation = 0.25 };
        Assert.AreEqual(4, ((TournamentSelection)Selections.FromOptions(o)).Size);
        o.Selection = SelectionKind.Truncation;
        Assert.AreEqual(0.25, ((TruncationSelection)Selections.FromOptions(o)).Fraction);
        o.Selection = SelectionKind.FitnessProportional;
        Assert.IsInstanceOfType<FitnessProportionalSelection>(Selections.FromOptions(o));
    }

    [TestMethod]
    public void InvalidSettingsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TournamentSelection(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TruncationSelection(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TruncationSelection(1.5));
        Assert.ThrowsExactly<ArgumentException>(() => new TournamentSelection(2).Select([], 1, new Random(1)));
        foreach (ISelection s in new ISelection[] { new TournamentSelection(3), new TruncationSelection(0.5), new FitnessProportionalSelection() })
            Assert.AreEqual(0, s.Select([], 0, new Random(1)).Length, $"{s.GetType().Name}: selecting none from none is fine");
    }
}
