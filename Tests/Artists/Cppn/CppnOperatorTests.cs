using Coevo.Artists.Cppn;
using Coevo.Coevolution.Evolution;

using Coevo.Tests.Support;

namespace Coevo.Tests.Artists.Cppn;

[TestClass]
public class CppnOperatorTests
{
    private const int Applications = 10_000;

    /// <summary>Checks the invariants the constructor promises, independently of it.</summary>
    private static void AssertValid(CppnGenome g)
    {
        Assert.AreEqual(g.Nodes.Count, g.Nodes.Select(n => n.Id).Distinct().Count(), "node ids unique");
        Assert.AreEqual(g.Links.Count, g.Links.Select(l => l.Innovation).Distinct().Count(), "innovations unique");
        Assert.AreEqual(g.Links.Count, g.Links.Select(l => (l.From, l.To)).Distinct().Count(), "one link per pair");
        var ids = g.Nodes.Select(n => n.Id).ToHashSet();
        var inputs = g.Nodes.Take(CppnGenome.InputCount).Select(n => n.Id).ToHashSet();
        Assert.IsTrue(g.Links.All(l => ids.Contains(l.From) && ids.Contains(l.To)), "links join existing nodes");
        Assert.IsFalse(g.Links.Any(l => inputs.Contains(l.To)), "nothing feeds an input");
        Assert.IsTrue(g.Links.All(l => Math.Abs(l.Weight) <= 3.0 + 1e-12), "weights within ±3");
        // Acyclic: Kahn's algorithm places every node.
        var indegree = g.Nodes.ToDictionary(n => n.Id, _ => 0);
        foreach (var l in g.Links) indegree[l.To]++;
        var ready = new Queue<int>(indegree.Where(kv => kv.Value == 0).Select(kv => kv.Key));
        var outgoing = g.Links.ToLookup(l => l.From, l => l.To);
        int placed = 0;
        while (ready.Count > 0)
        {
            int n = ready.Dequeue();
            placed++;
            foreach (int m in outgoing[n]) if (--indegree[m] == 0) ready.Enqueue(m);
        }
        Assert.AreEqual(g.Nodes.Count, placed, "the links form a DAG");
        Assert.AreEqual(g.OutputCount, g.Nodes.Count(n => n.Kind == NodeKind.Output));
    }

    /// <summary>Every field of every gene, as a string (cheaper than JSON, compared before and after each application).</summary>
    private static string Snapshot(CppnGenome g) =>
        string.Join(";", g.Nodes.Select(n => $"{n.Id},{n.Kind},{n.Activation}")) + "|" +
        string.Join(";", g.Links.Select(l => $"{l.Innovation},{l.From},{l.To},{BitConverter.DoubleToInt64Bits(l.Weight)},{l.Enabled}"));

    private static (InnovationTracker Tracker, List<CppnGenome> Pool) Start(int seed)
    {
        var tracker = new InnovationTracker();
        var factory = new CppnGenomeFactory(ColorMode.Hsv, tracker, ActivationNames.All, initialHidden: 2);
        var rng = new Random(seed);
        var pool = Enumerable.Range(0, 16).Select(_ => factory.Create(rng)).ToList();
        var xml = new CppnXmlFormat();
        pool.Add(xml.Read(File.ReadAllText(Fixtures.Picbreeder("745_LetterG.xml")), "745"));
        tracker.EnsureAbove(pool.Max(g => g.MaxMarking));
        return (tracker, pool);
    }

    /// <summary>Applies the operator 10,000 times to genomes of a pool that keeps evolving; every child is valid and no parent changes.</summary>
    private static void Exercise(Func<InnovationTracker, IMutation<CppnGenome>> make, int seed)
    {
        var (tracker, pool) = Start(seed);
        var mutation = make(tracker);
        var rng = new Random(seed);
        for (int i = 0; i < Applications; i++)
        {
            int k = rng.Next(pool.Count);
            var parent = pool[k];
            string before = Snapshot(parent);
            var child = mutation.Mutate(parent, rng);
            AssertValid(child);
            Assert.AreEqual(before, Snapshot(parent), "the parent is unchanged");
            // Keep the pool bounded but let structure grow.
            if (child.Links.Count < 60) pool[rng.Next(pool.Count)] = child;
            if (i % 500 == 0) tracker.NextGeneration();
        }
    }

    [TestMethod]
    public void AddNodeGivesValidChildrenAndLeavesParentsAlone() => Exercise(t => new AddNodeMutation(t, ActivationNames.All), 1);

    [TestMethod]
    public void AddLinkGivesValidChildrenAndLeavesParentsAlone() => Exercise(t => new AddLinkMutation(t), 2);

    [TestMethod]
    public void WeightMutationGivesValidChildrenAndLeavesParentsAlone() => Exercise(_ => new WeightMutation(), 3);

    [TestMethod]
    public void ActivationChangeGivesValidChildrenAndLeavesParentsAlone() => Exercise(_ => new ActivationMutation(ActivationNames.All), 4);

    [TestMethod]
    public void CrossoverGivesValidChildrenAndLeavesParentsAlone()
    {
        var (tracker, pool) = Start(5);
        var rng = new Random(5);
        var mutate = new WeightedMutation<CppnGenome>((new AddLinkMutation(tracker), 1), (new AddNodeMutation(tracker, ActivationNames.All), 1), (new WeightMutation(), 2), (new ActivationMutation(ActivationNames.All), 1));
        var cross = new CppnCrossover();
        for (int i = 0; i < Applications; i++)
        {
            var mother = pool[rng.Next(pool.Count)];
            var father = pool[rng.Next(pool.Count)];
            string m = Snapshot(mother), f = Snapshot(father);
            var child = cross.Cross(mother, father, rng);
            AssertValid(child);
            Assert.AreEqual(m, Snapshot(mother), "the mother is unchanged");
            Assert.AreEqual(f, Snapshot(father), "the father is unchanged");
            // The child has the mother's structure.
            CollectionAssert.AreEqual(mother.Links.Select(l => (l.Innovation, l.From, l.To)).ToArray(), child.Links.Select(l => (l.Innovation, l.From, l.To)).ToArray());
            var next = mutate.Mutate(child, rng);
            if (next.Links.Count < 60) pool[rng.Next(pool.Count)] = next;
            if (i % 500 == 0) tracker.NextGeneration();
        }
    }

    [TestMethod]
    public void CrossoverTakesMatchingWeightsFromBothParents()
    {
        var (_, pool) = Start(6);
        var mother = pool[0];
        var father = mother.WithLinks(mother.Links.Select(l => l with { Weight = l.Weight / 2 }));
        var rng = new Random(1);
        int fromMother = 0, fromFather = 0;
        for (int t = 0; t < 200; t++)
        {
            var child = new CppnCrossover().Cross(mother, father, rng);
            for (int i = 0; i < child.Links.Count; i++)
            {
                if (child.Links[i].Weight == mother.Links[i].Weight) fromMother++;
                else if (child.Links[i].Weight == father.Links[i].Weight) fromFather++;
                else Assert.Fail("a matching gene's weight comes from one parent");
            }
        }
        Assert.IsTrue(fromMother > 0 && fromFather > 0);
        Assert.AreEqual(0.5, fromMother / (double)(fromMother + fromFather), 0.1);
    }

    [TestMethod]
    public void AddNodeSplitsALinkTheNeatWay()
    {
        var (tracker, pool) = Start(7);
        var parent = pool[0];
        var child = new AddNodeMutation(tracker, [Activation.Sin]).Mutate(parent, new Random(3));
        Assert.AreEqual(parent.Nodes.Count + 1, child.Nodes.Count);
        Assert.AreEqual(parent.Links.Count + 2, child.Links.Count);
        var added = child.Nodes[^1];
        Assert.AreEqual(Activation.Sin, added.Activation);
        var inLink = child.Links.Single(l => l.To == added.Id);
        var outLink = child.Links.Single(l => l.From == added.Id);
        var split = child.Links.Single(l => !l.Enabled && l.From == inLink.From && l.To == outLink.To);
        Assert.AreEqual(1.0, inLink.Weight);
        Assert.AreEqual(split.Weight, outLink.Weight);
        Assert.IsTrue(parent.Links.Single(l => l.Innovation == split.Innovation).Enabled);
    }

    [TestMethod]
    public void SameStructuralMutationGetsSameNumbersWithinAGeneration()
    {
        var tracker = new InnovationTracker(100);
        int a = tracker.LinkInnovation(0, 7);
        int b = tracker.LinkInnovation(0, 7);
        int c = tracker.LinkInnovation(1, 7);
        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a, c);
        var s1 = tracker.SplitLink(42);
        Assert.AreEqual(s1, tracker.SplitLink(42));
        Assert.IsTrue(new[] { a, c, s1.Node, s1.In, s1.Out }.All(x => x >= 100));
        tracker.NextGeneration();
        Assert.AreNotEqual(a, tracker.LinkInnovation(0, 7));
        Assert.AreNotEqual(s1, tracker.SplitLink(42));
    }

    [TestMethod]
    public void TwoGenomesSplittingTheSameLinkGetTheSameNode()
    {
        var tracker = new InnovationTracker();
        var factory = new CppnGenomeFactory(ColorMode.Grey, tracker, ActivationNames.All, initialHidden: 0);
        var g1 = factory.Create(new Random(1));
        var g2 = factory.Create(new Random(2));
        CollectionAssert.AreEqual(g1.Links.Select(l => l.Innovation).ToArray(), g2.Links.Select(l => l.Innovation).ToArray());
        // With a single enabled link the split is forced.
        var only1 = g1.WithLinks(g1.Links.Select((l, i) => l with { Enabled = i == 0 }));
        var only2 = g2.WithLinks(g2.Links.Select((l, i) => l with { Enabled = i == 0 }));
        var m = new AddNodeMutation(tracker, ActivationNames.All);
        var c1 = m.Mutate(only1, new Random(3));
        var c2 = m.Mutate(only2, new Random(4));
        Assert.AreEqual(c1.Nodes[^1].Id, c2.Nodes[^1].Id);
        CollectionAssert.AreEqual(c1.Links.Select(l => l.Innovation).ToArray(), c2.Links.Select(l => l.Innovation).ToArray());
    }
}
