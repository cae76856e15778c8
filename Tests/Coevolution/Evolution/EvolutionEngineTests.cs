using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class EvolutionEngineTests
{
    private static List<Bits> Population(int n, int length, Random rng)
    {
        var f = new BitsFactory(length);
        return Enumerable.Range(0, n).Select(_ => f.Create(rng)).ToList();
    }

    private static Bits Ones(int ones, int length = 10) => new(Enumerable.Range(0, length).Select(i => i < ones).ToArray());

    [TestMethod]
    public void ElitesAreTheBestCopiedUnchangedBestFirst()
    {
        var rng = new Random(1);
        var pop = Population(10, 16, rng);
        double[] fitness = [3, 9, 1, 7, 2, 0, 5, 8, 4, 6];
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 10, elitism: 3, mutation: 1), new FlipOne(), new OnePointCrossover());
        var next = engine.Next(pop, fitness, rng);
        Assert.AreEqual(10, next.Count);
        Assert.AreSame(pop[1], next[0]);
        Assert.AreSame(pop[7], next[1]);
        Assert.AreSame(pop[3], next[2]);
        // With mutation rate 1 every other child is a new object.
        for (int i = 3; i < 10; i++) Assert.IsFalse(pop.Any(p => ReferenceEquals(p, next[i])), $"child {i} is a fresh genome");
    }

    [TestMethod]
    public void NaNFitnessIsNeverAnEliteWhileNumbersExist()
    {
        var rng = new Random(2);
        var pop = Population(4, 8, rng);
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 4, elitism: 1), new FlipOne());
        var next = engine.Next(pop, [double.NaN, -5, double.NaN, -7], rng);
        Assert.AreSame(pop[1], next[0]);
        // All NaN still breeds a full generation.
        Assert.AreEqual(4, engine.Next(pop, [double.NaN, double.NaN, double.NaN, double.NaN], rng).Count);
    }

    [TestMethod]
    public void NextGenerationHasTheConfiguredSize()
    {
        var rng = new Random(3);
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 7, elitism: 10), new FlipOne());
        var pop = Population(3, 8, rng);
        var next = engine.Next(pop, [1, 2, 3], rng);
        Assert.AreEqual(7, next.Count);
        Assert.AreSame(pop[2], next[0]);
    }

    [TestMethod]
    public void WithoutCrossoverOrMutationChildrenAreSelectedParents()
    {
        var rng = new Random(4);
        var pop = Population(6, 8, rng);
        var options = Toy.Options(population: 6, elitism: 0, crossover: 1, mutation: 0, selection: SelectionKind.Truncation);
        options.Truncation = 0.33; // ceil(1.98): the best two of six
        var next = new EvolutionEngine<Bits>(options, new FlipOne()).Next(pop, [1, 2, 3, 4, 5, 6], rng);
        foreach (var child in next) Assert.IsTrue(ReferenceEquals(child, pop[4]) || ReferenceEquals(child, pop[5]));
    }

    [TestMethod]
    public void CrossoverPutsTheFitterParentFirst()
    {
        var mother = new List<Bits>();
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 50, elitism: 0, crossover: 1, mutation: 0),
                                               new FlipOne(), new RecordingCrossover(mother));
        var pop = new List<Bits> { Ones(1), Ones(5), Ones(3) };
        engine.Next(pop, [1, 5, 3], new Random(5));
        Assert.AreEqual(100, mother.Count); // 50 crossings, two parents each
        foreach (var (m, f) in mother.Chunk(2).Select(c => (c[0], c[1]))) Assert.IsTrue(m.Ones >= f.Ones);
    }

    private sealed class RecordingCrossover(List<Bits> log) : ICrossover<Bits>
    {
        public Bits Cross(Bits mother, Bits father, Random rng) { log.Add(mother); log.Add(father); return mother; }
    }

    [TestMethod]
    public void TenThousandChildrenAreValidAndParentsNeverChange()
    {
        // 500 generations of 20 with crossover, mutation and speciation: 10,000 children.
        var rng = new Random(6);
        var speciation = new OnesSpeciation(threshold: 3, target: 4);
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 20, elitism: 2, crossover: 0.5, mutation: 0.7),
                                               new FlipOne(), new OnePointCrossover(), speciation);
        IReadOnlyList<Bits> pop = Population(20, 16, rng);
        for (int g = 0; g < 500; g++)
        {
            var before = pop.Select(p => p.ToString()).ToArray();
            var list = pop.ToArray();
            var next = engine.Next(pop, Toy.OneMax(pop), rng);
            CollectionAssert.AreEqual(before, pop.Select(p => p.ToString()).ToArray(), $"generation {g} changed a parent");
            CollectionAssert.AreEqual(list, pop.ToArray(), "the population list itself is untouched");
            Assert.AreEqual(20, next.Count);
            foreach (var child in next) Assert.IsTrue(Toy.IsValid(child, 16));
            pop = next;
        }
    }

    [TestMethod]
    public void OneMaxImprovesWithEachSelection()
    {
        foreach (var kind in Enum.GetValues<SelectionKind>())
        {
            var rng = new Random(7);
            var engine = new EvolutionEngine<Bits>(Toy.Options(population: 30, elitism: 1, selection: kind), new FlipOne(), new OnePointCrossover());
            IReadOnlyList<Bits> pop = Population(30, 32, rng);
            double startMean = Toy.OneMax(pop).Average();
            for (int g = 0; g < 60; g++) pop = engine.Next(pop, Toy.OneMax(pop), rng);
            double endMean = Toy.OneMax(pop).Average();
            Assert.IsTrue(endMean > startMean + 6, $"{kind}: mean ones {startMean} -> {endMean}");
        }
    }

    [TestMethod]
    public void EliteBestNeverGetsWorse()
    {
        var rng = new Random(8);
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 10, elitism: 1, mutation: 1), new FlipOne());
        IReadOnlyList<Bits> pop = Population(10, 20, rng);
        double best = Toy.OneMax(pop).Max();
        for (int g = 0; g < 50; g++)
        {
            pop = engine.Next(pop, Toy.OneMax(pop), rng);
            double now = Toy.OneMax(pop).Max();
            Assert.IsTrue(now >= best);
            best = now;
        }
    }

    [TestMethod]
    public void SameSeedSameGeneration()
    {
        IReadOnlyList<Bits> Run()
        {
            var rng = new Random(9);
            var engine = new EvolutionEngine<Bits>(Toy.Options(), new FlipOne(), new OnePointCrossover(), new OnesSpeciation(2, 3));
            IReadOnlyList<Bits> pop = Population(20, 16, rng);
            for (int g = 0; g < 20; g++) pop = engine.Next(pop, Toy.OneMax(pop), rng);
            return pop;
        }
        CollectionAssert.AreEqual(Run().Select(p => p.ToString()).ToArray(), Run().Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void AllotUsesLargestRemainders()
    {
        // Quotas 10*4/7 = 5.714, 10*2/7 = 2.857, 10*1/7 = 1.429: floors 5, 2, 1; the 2 left go to .857 then .714.
        CollectionAssert.AreEqual(new[] { 6, 3, 1 }, EvolutionEngine<Bits>.Allot([4, 2, 1], 10));
        // Equal remainders go to the lower index.
        CollectionAssert.AreEqual(new[] { 2, 1, 1 }, EvolutionEngine<Bits>.Allot([1, 1, 1], 4));
        CollectionAssert.AreEqual(new[] { 2, 1 }, EvolutionEngine<Bits>.Allot([0, 0], 3));
        CollectionAssert.AreEqual(new[] { 0, 5, 0 }, EvolutionEngine<Bits>.Allot([0, 2, 0], 5));
        CollectionAssert.AreEqual(new[] { 0, 0 }, EvolutionEngine<Bits>.Allot([3, 1], 0));
        CollectionAssert.AreEqual(new[] { 2, 2 }, EvolutionEngine<Bits>.Allot([double.MaxValue, double.MaxValue], 4), "no overflow");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => EvolutionEngine<Bits>.Allot([1, -1], 3));
    }

    [TestMethod]
    public void AllotAlwaysHandsOutExactlyTheCount()
    {
        var rng = new Random(10);
        for (int trial = 0; trial < 1000; trial++)
        {
            var w = Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.NextDouble() < 0.2 ? 0 : rng.NextDouble() * 1e3).ToArray();
            int count = rng.Next(0, 200);
            var a = EvolutionEngine<Bits>.Allot(w, count);
            Assert.AreEqual(count, a.Sum());
            double total = w.Sum();
            for (int i = 0; i < w.Length; i++)
            {
                double quota = total > 0 ? count * w[i] / total : (double)count / w.Length;
                Assert.IsTrue(Math.Abs(a[i] - quota) < 1 + 1e-9, $"entry {i} got {a[i]} for quota {quota}");
            }
        }
    }

    [TestMethod]
    public void SpeciesGetOffspringInProportionToSharedFitness()
    {
        // Species 0: fitness 4, 4 (shared 4/2 + 4/2 = 4). Species 1: four at 2 (shared 2). Species 2: one at 1 (shared 1).
        // Allotment of 10 children: 6, 3, 1. No mutation or crossover, so each child is a copy of a member of its species.
        var pop = new List<Bits> { Ones(4), Ones(4), Ones(2), Ones(2), Ones(2), Ones(2), Ones(1) };
        double[] fitness = [4, 4, 2, 2, 2, 2, 1];
        int[] ids = [0, 0, 1, 1, 1, 1, 2];
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 10, elitism: 0, crossover: 0, mutation: 0),
                                               new FlipOne(), new OnePointCrossover(), new FixedSpeciation(ids));
        var next = engine.Next(pop, fitness, new Random(11));
        var perSpecies = next.Select(c => ids[pop.FindIndex(p => ReferenceEquals(p, c))]).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(6, perSpecies[0]);
        Assert.AreEqual(3, perSpecies[1]);
        Assert.AreEqual(1, perSpecies[2]);
        CollectionAssert.AreEqual(ids, engine.LastSpecies);
    }

    [TestMethod]
    public void SharingStopsABigSpeciesCrowdingOutASmallOne()
    {
        // Four members at fitness 1 share to 1; a lone member at fitness 1 also has 1: equal offspring.
        var pop = new List<Bits> { Ones(1), Ones(1), Ones(1), Ones(1), Ones(9) };
        int[] ids = [0, 0, 0, 0, 1];
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 10, elitism: 0, crossover: 0, mutation: 0),
                                               new FlipOne(), null, new FixedSpeciation(ids));
        var next = engine.Next(pop, [1, 1, 1, 1, 1], new Random(12));
        Assert.AreEqual(5, next.Count(c => ReferenceEquals(c, pop[4])));
    }

    [TestMethod]
    public void SharingShiftsNegativeFitness()
    {
        // Shifted by -(-3): weights 0,0 | 2 | 4 -> shared 0, 2, 4 -> 6 children split 0, 2, 4.
        var pop = new List<Bits> { Ones(0), Ones(1), Ones(2), Ones(3) };
        int[] ids = [0, 0, 1, 2];
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 6, elitism: 0, crossover: 0, mutation: 0),
                                               new FlipOne(), null, new FixedSpeciation(ids));
        var next = engine.Next(pop, [-3, -3, -1, 1], new Random(13));
        Assert.AreEqual(0, next.Count(c => c.Ones <= 1));
        Assert.AreEqual(2, next.Count(c => ReferenceEquals(c, pop[2])));
        Assert.AreEqual(4, next.Count(c => ReferenceEquals(c, pop[3])));
    }

    [TestMethod]
    public void ChampionsOfSpeciesWithFiveMembersAreKept()
    {
        // Species 0: five members, champion fitness 5. Species 1: two members, best 10 (the global elite).
        // Species 2: four members, too small for a champion.
        var pop = new List<Bits>();
        for (int i = 1; i <= 5; i++) pop.Add(Ones(i));
        pop.Add(Ones(10)); pop.Add(Ones(9));
        for (int i = 0; i < 4; i++) pop.Add(Ones(6));
        double[] fitness = [1, 2, 3, 4, 5, 10, 9, 6, 6, 6, 6];
        int[] ids = [0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2];
        var engine = new EvolutionEngine<Bits>(Toy.Options(population: 11, elitism: 1, mutation: 1),
                                               new FlipOne(), new OnePointCrossover(), new FixedSpeciation(ids));
        var next = engine.Next(pop, fitness, new Random(14));
        Assert.AreEqual(11, next.Count);
        Assert.AreSame(pop[5], next[0], "global elite first");
        Assert.AreSame(pop[4], next[1], "champion of the five-member species");
        for (int i = 2; i < next.Count; i++) Assert.IsFalse(pop.Any(p => ReferenceEquals(p, next[i])), "the rest are mutated children");
    }

    [TestMethod]
    public void MismatchedInputsAreRejected()
    {
        var engine = new EvolutionEngine<Bits>(Toy.Options(), new FlipOne());
        var pop = Population(3, 4, new Random(15));
        Assert.ThrowsExactly<ArgumentException>(() => engine.Next(pop, [1, 2], new Random(1)));
        Assert.ThrowsExactly<ArgumentException>(() => engine.Next([], [], new Random(1)));
        var bad = new EvolutionEngine<Bits>(Toy.Options(), new FlipOne(), null, new FixedSpeciation(0, 1));
        Assert.ThrowsExactly<InvalidOperationException>(() => bad.Next(pop, [1, 2, 3], new Random(1)));
    }
}
