using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class WeightedMutationTests
{
    [TestMethod]
    public void ChoosesMutationsInProportionToTheirWeights()
    {
        var m = new WeightedMutation<Bits>((new SetOne(true), 1), (new SetOne(false), 3), (new FlipOne(), 0));
        var rng = new Random(11);
        var counts = new int[3];
        const int n = 100_000;
        for (int k = 0; k < n; k++) counts[m.Choose(rng.NextDouble())]++;
        Assert.AreEqual(0.25, counts[0] / (double)n, 0.006);
        Assert.AreEqual(0.75, counts[1] / (double)n, 0.006);
        Assert.AreEqual(0, counts[2], "a zero-weight mutation is never chosen");
    }

    [TestMethod]
    public void ChooseMapsTheUnitIntervalOntoCumulativeWeights()
    {
        var m = new WeightedMutation<Bits>((new SetOne(true), 1), (new FlipOne(), 0), (new SetOne(false), 1));
        Assert.AreEqual(0, m.Choose(0.0));
        Assert.AreEqual(0, m.Choose(0.4999));
        Assert.AreEqual(2, m.Choose(0.5));
        Assert.AreEqual(2, m.Choose(0.9999999999999999));
        Assert.AreEqual(2, m.Choose(1.0)); // rounding guard: the last mutation with a weight
    }

    [TestMethod]
    public void TenThousandApplicationsGiveValidChildrenAndNeverChangeTheParent()
    {
        var m = new WeightedMutation<Bits>((new SetOne(true), 1), (new SetOne(false), 1), (new FlipOne(), 2));
        var rng = new Random(5);
        var parent = new BitsFactory(24).Create(rng);
        string before = parent.ToString();
        var seen = new HashSet<string>();
        for (int k = 0; k < 10_000; k++)
        {
            var child = m.Mutate(parent, rng);
            Assert.AreEqual(24, child.Length);
            Assert.AreNotSame(parent, child);
            seen.Add(child.ToString());
        }
        Assert.AreEqual(before, parent.ToString());
        Assert.IsTrue(seen.Count > 24, "children differ from each other");
    }

    [TestMethod]
    public void BadWeightsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new WeightedMutation<Bits>());
        Assert.ThrowsExactly<ArgumentException>(() => new WeightedMutation<Bits>((new FlipOne(), 0)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new WeightedMutation<Bits>((new FlipOne(), -1)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new WeightedMutation<Bits>((new FlipOne(), double.NaN)));
    }
}
