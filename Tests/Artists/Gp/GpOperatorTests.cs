using Coevo.Artists.Gp;

namespace Coevo.Tests.Artists.Gp;

[TestClass]
public sealed class GpOperatorTests
{
    private static readonly GpSettings Settings = new() { MaxDepth = 9, MaxSize = 60, InitialDepth = 5 };

    private static List<GpTree> Population(int n, int seed)
    {
        var gen = new GpGenerator(Settings);
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => gen.Create(rng)).ToList();
    }

    private static void AssertValid(GpTree t, string what)
    {
        string? problem = t.Problem(Settings.MaxDepth, Settings.MaxSize);
        Assert.IsNull(problem, $"{what} gave an invalid tree: {problem}\n{t}");
    }

    [TestMethod]
    public void GeneratorMakesValidVariedTrees()
    {
        var pop = Population(1000, 1);
        foreach (var t in pop)
        {
            AssertValid(t, "generator");
            Assert.IsTrue(t.Depth >= 2 && t.Depth <= Settings.InitialDepth, $"initial depth {t.Depth}");
        }
        var ops = pop.SelectMany(t => t.Root.Preorder()).Select(n => n.Op).ToHashSet();
        CollectionAssert.AreEquivalent(GpOps.All.ToArray(), ops.ToArray(), "every op shows up in 1000 random trees");
        Assert.IsTrue(pop.Select(t => t.ToString()).Distinct().Count() > 900, "trees differ");
    }

    [TestMethod]
    [DataRow(GpMutationKind.ReplaceSubtree)]
    [DataRow(GpMutationKind.PerturbConstant)]
    [DataRow(GpMutationKind.SwapFunction)]
    [DataRow(GpMutationKind.Wrap)]
    [DataRow(GpMutationKind.Promote)]
    [DataRow(GpMutationKind.CopyNode)]
    public void EveryMutationGivesValidTreesAndLeavesTheParent(GpMutationKind kind)
    {
        var mutation = new GpMutation(Settings);
        var pop = Population(100, 2);
        var before = pop.Select(t => t.ToString()).ToArray();
        var rng = new Random(3);
        int changed = 0;
        for (int i = 0; i < 10_000; i++)
        {
            int p = rng.Next(pop.Count);
            var parent = pop[p];
            var child = mutation.Mutate(parent, kind, rng);
            AssertValid(child, kind.ToString());
            Assert.AreEqual(before[p], parent.ToString(), $"{kind} changed its parent");
            if (!child.Root.StructurallyEquals(parent.Root)) changed++;
            CheckKind(kind, parent.Root, child.Root);
        }
        // Some parents have nothing to act on (no constant to perturb, no room to wrap): those come back unchanged.
        Assert.IsTrue(changed > 7_000, $"{kind} changed only {changed} of 10000 trees");
    }

    /// <summary>What each mutation must do besides staying valid.</summary>
    private static void CheckKind(GpMutationKind kind, GpNode parent, GpNode child)
    {
        if (child.StructurallyEquals(parent)) return;
        switch (kind)
        {
            case GpMutationKind.PerturbConstant:
            case GpMutationKind.SwapFunction:
                // Same shape: same size, and the same arity at every preorder position.
                Assert.AreEqual(parent.Size, child.Size, kind.ToString());
                var pa = parent.Preorder().Select(n => GpOps.Arity(n.Op)).ToArray();
                var ca = child.Preorder().Select(n => GpOps.Arity(n.Op)).ToArray();
                CollectionAssert.AreEqual(pa, ca, kind.ToString());
                int differing = parent.Preorder().Zip(child.Preorder()).Count(p => p.First.Op != p.Second.Op || p.First.Value != p.Second.Value || p.First.Seed != p.Second.Seed);
                Assert.AreEqual(1, differing, $"{kind} changes exactly one node");
                if (kind == GpMutationKind.PerturbConstant)
                    Assert.IsTrue(parent.Preorder().Zip(child.Preorder()).All(p => p.First.Op == p.Second.Op));
                break;
            case GpMutationKind.Promote:
                Assert.IsTrue(child.Size < parent.Size, "promote shrinks the tree");
                break;
            case GpMutationKind.Wrap:
                Assert.IsTrue(child.Size > parent.Size, "wrap grows the tree");
                break;
        }
    }

    [TestMethod]
    public void WeightedMutationUsesEveryKindAndStaysValid()
    {
        var mutation = new GpMutation(Settings);
        var rng = new Random(4);
        var tree = Population(1, 4)[0];
        for (int i = 0; i < 10_000; i++)
        {
            string before = tree.ToString();
            var child = mutation.Mutate(tree, rng);
            AssertValid(child, "weighted mutation");
            Assert.AreEqual(before, tree.ToString());
            tree = child;
        }
    }

    [TestMethod]
    public void SubtreeCrossoverGivesValidChildrenFromBothParents()
    {
        var cross = new GpCrossover(Settings);
        var pop = Population(100, 5);
        var before = pop.Select(t => t.ToString()).ToArray();
        var rng = new Random(6);
        int fromFather = 0;
        for (int i = 0; i < 10_000; i++)
        {
            int m = rng.Next(pop.Count), f = rng.Next(pop.Count);
            var child = cross.Cross(pop[m], pop[f], rng);
            AssertValid(child, "crossover");
            Assert.AreEqual(before[m], pop[m].ToString(), "crossover changed the mother");
            Assert.AreEqual(before[f], pop[f].ToString(), "crossover changed the father");
            // The child is the mother with one subtree replaced by one of the father's subtrees.
            var fatherSubtrees = pop[f].Root.Preorder().Select(n => n.ToString()).ToHashSet();
            if (child.ToString() != pop[m].ToString() || m == f)
            {
                Assert.IsTrue(child.Root.Preorder().Any(n => fatherSubtrees.Contains(n.ToString())));
                fromFather++;
            }
        }
        Assert.IsTrue(fromFather > 8_000, $"only {fromFather} children took material from the father");
    }

    [TestMethod]
    public void BloatLimitsHoldUnderRepeatedGrowth()
    {
        var tight = new GpSettings { MaxDepth = 4, MaxSize = 9, InitialDepth = 3 };
        var wrap = new GpMutation(tight);
        var rng = new Random(7);
        var tree = new GpGenerator(tight).Create(rng);
        for (int i = 0; i < 2000; i++)
        {
            tree = wrap.Mutate(tree, GpMutationKind.Wrap, rng);
            Assert.IsTrue(tree.Depth <= 4 && tree.Size <= 9, $"depth {tree.Depth} size {tree.Size}");
        }
    }

    [TestMethod]
    public void ReplaceAtCopiesOnlyThePathAndNodeAtIndexesPreorder()
    {
        var root = GpSExpressionFormat.Parse("(+ (sin x) (* y 2))");
        Assert.AreEqual("(sin x)", root.NodeAt(1).ToString());
        Assert.AreEqual("x", root.NodeAt(2).ToString());
        Assert.AreEqual("2", root.NodeAt(5).ToString());
        Assert.AreEqual(3, root.LevelOf(5));
        var replaced = root.ReplaceAt(3, GpNode.Variable(GpOp.R));
        Assert.AreEqual("(+ (sin x) r)", replaced.ToString());
        Assert.AreEqual("(+ (sin x) (* y 2))", root.ToString());
        Assert.AreSame(root.Children[0], replaced.Children[0], "untouched subtrees are shared");
    }

    [TestMethod]
    public void BadSettingsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new GpGenerator(new GpSettings { MaxDepth = 3, InitialDepth = 5 }));
        Assert.ThrowsExactly<ArgumentException>(() => new GpGenerator(new GpSettings { MutationWeights = [0, 0, 0, 0, 0, 0] }));
        Assert.ThrowsExactly<ArgumentException>(() => new GpGenerator(new GpSettings { Functions = [GpOp.X] }));
    }
}
