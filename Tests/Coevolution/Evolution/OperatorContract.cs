using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

/// <summary>
/// Shared check for any genome's operators: over many random applications every child is valid, survives a text
/// round-trip, and no parent is changed. Children go back into a small pool, so later applications see grown genomes.
/// </summary>
public static class OperatorContract
{
    /// <summary>
    /// Applies <paramref name="mutation"/> and <paramref name="crossover"/> (either may be null) <paramref name="applications"/>
    /// times each. <paramref name="assertValid"/> asserts a genome's invariants (it should throw on a broken genome).
    /// </summary>
    public static void Check<T>(IGenomeFactory<T> factory, IMutation<T>? mutation, ICrossover<T>? crossover, IGenomeFormat<T> format,
                                Action<T> assertValid, int seed = 1, int applications = 10_000, int poolSize = 16) where T : class
    {
        var rng = new Random(seed);
        var pool = new T[poolSize];
        for (int i = 0; i < poolSize; i++)
        {
            pool[i] = factory.Create(rng);
            assertValid(pool[i]);
        }

        void Accept(T child, string what, int k)
        {
            try { assertValid(child); }
            catch (Exception ex) { throw new AssertFailedException($"{what} #{k} made an invalid genome: {ex.Message}\n{format.Write(child)}", ex); }
            string text = format.Write(child);
            Assert.AreEqual(text, format.Write(format.Read(text, $"{what} #{k}")), $"{what} #{k}: the child does not survive a write/read round-trip");
            pool[rng.Next(poolSize)] = child;
        }

        for (int k = 0; k < applications; k++)
        {
            if (mutation is not null)
            {
                var parent = pool[rng.Next(poolSize)];
                string before = format.Write(parent);
                var child = mutation.Mutate(parent, rng);
                Assert.AreEqual(before, format.Write(parent), $"mutation #{k} changed its parent");
                Accept(child, "mutation", k);
            }
            if (crossover is not null)
            {
                var mother = pool[rng.Next(poolSize)];
                var father = pool[rng.Next(poolSize)];
                string m = format.Write(mother), f = format.Write(father);
                var child = crossover.Cross(mother, father, rng);
                Assert.AreEqual(m, format.Write(mother), $"crossover #{k} changed the mother");
                Assert.AreEqual(f, format.Write(father), $"crossover #{k} changed the father");
                Accept(child, "crossover", k);
            }
        }
    }
}

[TestClass]
public class OperatorContractTests
{
    private static void ValidBits(Bits g) => Assert.AreEqual(16, g.Length);

    [TestMethod]
    public void SoundOperatorsPass() =>
        OperatorContract.Check(new BitsFactory(16), new WeightedMutation<Bits>((new FlipOne(), 1), (new SetOne(true), 1)),
                               new OnePointCrossover(), new BitsFormat(), ValidBits);

    [TestMethod]
    public void AMutationThatChangesItsParentIsCaught()
    {
        var ex = Assert.ThrowsExactly<AssertFailedException>(() =>
            OperatorContract.Check(new BitsFactory(16), new InPlace(), null, new BitsFormat(), ValidBits));
        StringAssert.Contains(ex.Message, "changed its parent");
    }

    [TestMethod]
    public void AnOperatorMakingInvalidGenomesIsCaught()
    {
        var ex = Assert.ThrowsExactly<AssertFailedException>(() =>
            OperatorContract.Check(new BitsFactory(16), new Grow(), null, new BitsFormat(), ValidBits));
        StringAssert.Contains(ex.Message, "invalid genome");
    }

    [TestMethod]
    public void ACrossoverThatChangesAParentIsCaught()
    {
        var ex = Assert.ThrowsExactly<AssertFailedException>(() =>
            OperatorContract.Check(new BitsFactory(16), null, new InPlace(), new BitsFormat(), ValidBits));
        StringAssert.Contains(ex.Message, "changed the");
    }

    // A broken operator: changes the genome it was given.
    private sealed class InPlace : IMutation<Bits>, ICrossover<Bits>
    {
        public Bits Mutate(Bits parent, Random rng) { parent.FlipInPlace(0); return new Bits(parent.ToArray()); }
        public Bits Cross(Bits mother, Bits father, Random rng) { mother.FlipInPlace(0); return new Bits(mother.ToArray()); }
    }

    private sealed class Grow : IMutation<Bits>
    {
        public Bits Mutate(Bits parent, Random rng) => new(parent.ToArray().Append(true).ToArray());
    }
}
