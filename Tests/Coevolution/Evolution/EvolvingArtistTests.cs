using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class EvolvingArtistTests : TempFolders
{
    private const int Length = 16;

    private static EvolvingArtist<Bits> Artist(int threads, ISpeciation<Bits>? speciation = null, int seed = 42, EvolutionOptions? options = null) =>
        new(options ?? Toy.Options(population: 12, elitism: 1, crossover: 0.4, mutation: 0.8), new BitsFactory(Length), new FlipOne(),
            new OnePointCrossover(), new BitsRenderer(), new BitsFormat(), new ComponentContext(seed, threads, "."), speciation);

    // The critic: mean brightness. An 8x8 image of a 16-bit genome repeats every bit 4 times, so this is ones/16.
    private static double[] Score(IReadOnlyList<Image> images) => images.Select(i => (double)i.Data.Average()).ToArray();

    // The lead's loop derives each generation's Random from (seed, generation).
    private static Random GenerationRng(int generation) => new(1000 + generation);

    private static void Step(EvolvingArtist<Bits> artist)
    {
        var rng = GenerationRng(artist.Generation);
        artist.Learn(Score(artist.Produce(rng)), rng);
    }

    private static string[] Texts(EvolvingArtist<Bits> a) => a.Population.Select(g => g.ToString()).ToArray();

    [TestMethod]
    public void ProduceRendersThePopulationAtImageSizeWithoutDrawingRandomness()
    {
        var artist = Artist(threads: 2);
        Assert.AreEqual(12, artist.Population.Count);
        var rng = new Random(5);
        var images = artist.Produce(rng);
        Assert.AreEqual(12, images.Count);
        var renderer = new BitsRenderer();
        for (int i = 0; i < images.Count; i++)
        {
            Assert.AreEqual(8, images[i].Width);
            Assert.AreEqual(8, images[i].Height);
            CollectionAssert.AreEqual(renderer.Render(artist.Population[i], 8, 8).Data, images[i].Data);
            Assert.AreEqual(artist.Population[i].Ones / 16.0, Score(images)[i], 1e-6);
        }
        Assert.AreEqual(new Random(5).Next(), rng.Next(), "Produce must not consume the generation's randomness");
    }

    [TestMethod]
    public void LearnTracksBestGenerationAndStagnation()
    {
        var artist = Artist(threads: 1);
        var first = artist.Population.ToArray();
        double[] scores = Enumerable.Range(0, 12).Select(i => i == 4 ? 0.9 : 0.1).ToArray();
        artist.Learn(scores, new Random(1));
        Assert.AreEqual(1, artist.Generation);
        Assert.AreSame(first[4], artist.Best);
        Assert.AreEqual(0.9, artist.BestFitness);
        Assert.AreEqual(0, artist.GenerationsWithoutImprovement);
        Assert.AreSame(first[4], artist.Population[0], "elite carried over");
        CollectionAssert.AreEqual(scores, artist.LastFitness.ToArray());

        artist.Learn(Enumerable.Repeat(0.5, 12).ToArray(), new Random(2));
        Assert.AreEqual(2, artist.Generation);
        Assert.AreSame(first[4], artist.Best);
        Assert.AreEqual(1, artist.GenerationsWithoutImprovement);
        var progress = artist.Progress(TimeSpan.FromSeconds(3));
        Assert.AreEqual(new EvolutionProgress(2, 0.5, 0.5, 1, TimeSpan.FromSeconds(3)), progress);

        Assert.ThrowsExactly<ArgumentException>(() => artist.Learn([1, 2], new Random(3)));
    }

    [TestMethod]
    public void ARunImprovesOneMax()
    {
        var artist = Artist(threads: 2, options: Toy.Options(population: 20, elitism: 1));
        double start = Score(artist.Produce(new Random(0))).Average();
        for (int g = 0; g < 40; g++) Step(artist);
        Assert.AreEqual(1.0, artist.BestFitness, 1e-9, "all 16 bits set");
        Assert.IsTrue(Score(artist.Produce(new Random(0))).Average() > start + 0.25);
    }

    [TestMethod]
    public void SeededRunIsIdenticalWithOneAndTwoThreads()
    {
        foreach (bool speciate in new[] { false, true })
        {
            var one = Artist(threads: 1, speciate ? new OnesSpeciation(2, 3) : null);
            var two = Artist(threads: 2, speciate ? new OnesSpeciation(2, 3) : null);
            for (int g = 0; g < 15; g++)
            {
                var s1 = Score(one.Produce(GenerationRng(g)));
                var s2 = Score(two.Produce(GenerationRng(g)));
                CollectionAssert.AreEqual(s1, s2, $"fitness differs in generation {g}");
                one.Learn(s1, GenerationRng(g));
                two.Learn(s2, GenerationRng(g));
                CollectionAssert.AreEqual(Texts(one), Texts(two), $"population differs after generation {g}");
            }
            Assert.AreEqual(one.BestFitness, two.BestFitness);
        }
    }

    [TestMethod]
    public void DifferentSeedsGiveDifferentInitialPopulations()
    {
        CollectionAssert.AreNotEqual(Texts(Artist(1, seed: 1)), Texts(Artist(1, seed: 2)));
        CollectionAssert.AreEqual(Texts(Artist(1, seed: 1)), Texts(Artist(2, seed: 1)));
    }

    [TestMethod]
    public void ResumingFromACheckpointContinuesExactlyAsAnUninterruptedRun()
    {
        string dir = TempDir();
        try
        {
            var straightSpeciation = new OnesSpeciation(1, 3);
            var straight = Artist(threads: 2, straightSpeciation);
            for (int g = 0; g < 10; g++) Step(straight);

            var first = Artist(threads: 2, new OnesSpeciation(1, 3));
            for (int g = 0; g < 5; g++) Step(first);
            first.SaveCheckpoint(dir);

            var resumedSpeciation = new OnesSpeciation(1, 3);
            var resumed = Artist(threads: 1, resumedSpeciation, seed: 999); // another seed: everything must come from the checkpoint
            resumed.LoadCheckpoint(dir);
            Assert.AreEqual(5, resumed.Generation);
            CollectionAssert.AreEqual(Texts(first), Texts(resumed));
            for (int g = 5; g < 10; g++) Step(resumed);

            CollectionAssert.AreEqual(Texts(straight), Texts(resumed));
            Assert.AreEqual(straight.Generation, resumed.Generation);
            Assert.AreEqual(straight.BestFitness, resumed.BestFitness);
            Assert.AreEqual(straight.Best!.ToString(), resumed.Best!.ToString());
            Assert.AreEqual(straight.GenerationsWithoutImprovement, resumed.GenerationsWithoutImprovement);
            Assert.AreEqual(straightSpeciation.Save(), resumedSpeciation.Save(), "speciation state round-trips");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void CheckpointWritesTheBestGenomeAsItsOwnFile()
    {
        string dir = TempDir();
        try
        {
            var artist = Artist(threads: 1);
            artist.SaveCheckpoint(dir);
            Assert.IsTrue(File.Exists(Path.Combine(dir, "population.json")));
            Assert.IsFalse(File.Exists(Path.Combine(dir, "best.bits")), "no best before any judging");
            Step(artist);
            artist.SaveCheckpoint(dir);
            string best = File.ReadAllText(Path.Combine(dir, "best.bits"));
            Assert.AreEqual(artist.Best!.ToString(), best);
            Assert.AreEqual(artist.BestFitness, artist.Best!.Ones / 16.0, 1e-6);
            Assert.AreEqual(0, Directory.GetFiles(dir, "*.tmp").Length, "no temporary files left");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void InfiniteAndMissingBestFitnessRoundTrip()
    {
        string dir = TempDir();
        try
        {
            var artist = Artist(threads: 1);
            artist.SaveCheckpoint(dir);
            var other = Artist(threads: 1, seed: 7);
            Step(other);
            other.LoadCheckpoint(dir);
            Assert.IsNull(other.Best);
            Assert.AreEqual(double.NegativeInfinity, other.BestFitness);
            Assert.AreEqual(0, other.Generation);

            artist.Learn(Enumerable.Repeat(double.PositiveInfinity, 12).ToArray(), new Random(1));
            artist.SaveCheckpoint(dir);
            other.LoadCheckpoint(dir);
            Assert.AreEqual(double.PositiveInfinity, other.BestFitness);
        }
        finally { Directory.Delete(dir, true); }
    }

    // Each corrupt checkpoint: the problem named, the file named, and the artist left as it was.
    private void AssertRejected(Func<string, string> corrupt, string expectedProblem)
    {
        string dir = TempDir();
        try
        {
            var source = Artist(threads: 1, new OnesSpeciation(2, 3));
            Step(source);
            source.SaveCheckpoint(dir);
            string path = Path.Combine(dir, "population.json");
            File.WriteAllText(path, corrupt(File.ReadAllText(path)));

            var target = Artist(threads: 1, new OnesSpeciation(2, 3), seed: 5);
            var before = Texts(target);
            var ex = Assert.ThrowsExactly<InputException>(() => target.LoadCheckpoint(dir));
            StringAssert.Contains(ex.Message, path);
            StringAssert.Contains(ex.Message, expectedProblem);
            CollectionAssert.AreEqual(before, Texts(target));
            Assert.AreEqual(0, target.Generation);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void TruncatedCheckpointIsRejected() => AssertRejected(t => t[..(t.Length / 2)], "not valid JSON");

    [TestMethod]
    public void EmptyCheckpointIsRejected() => AssertRejected(_ => "", "not valid JSON");

    [TestMethod]
    public void NonObjectCheckpointIsRejected() => AssertRejected(_ => "[1, 2]", "must be a JSON object");

    [TestMethod]
    public void ForeignJsonIsRejected() => AssertRejected(t => t.Replace("coevo.population", "something.else"), "not a population checkpoint");

    [TestMethod]
    public void WrongVersionIsRejected() => AssertRejected(t => t.Replace("\"version\": 2", "\"version\": 7"), "unsupported checkpoint version 7");

    [TestMethod]
    public void WrongGenomeKindIsRejected() => AssertRejected(t => t.Replace("\"extension\": \"bits\"", "\"extension\": \"sexp\""), "'sexp' genomes");

    [TestMethod]
    public void NegativeGenerationIsRejected() => AssertRejected(t => t.Replace("\"generation\": 1", "\"generation\": -3"), "\"generation\" must be a non-negative integer");

    [TestMethod]
    public void MissingFieldIsRejected() => AssertRejected(t => t.Replace("\"generations_without_improvement\"", "\"other\""), "missing \"generations_without_improvement\"");

    [TestMethod]
    public void BadBestFitnessIsRejected() => AssertRejected(t => System.Text.RegularExpressions.Regex.Replace(t, "\"best_fitness\": \"[^\"]*\"", "\"best_fitness\": \"high\""), "\"best_fitness\" is not a number");

    [TestMethod]
    public void BadGenomeTextIsRejectedNamingTheGenome() => AssertRejected(t =>
    {
        int at = t.IndexOf("\"genomes\"", StringComparison.Ordinal);
        int quote = t.IndexOf('"', t.IndexOf('[', at));
        return t[..(quote + 1)] + "01x" + t[(quote + 1)..];
    }, "(genome 0): character 'x' at 2 is not 0 or 1");

    [TestMethod]
    public void GenomesNotAnArrayAreRejected() => AssertRejected(t => t[..t.IndexOf("\"genomes\"", StringComparison.Ordinal)] + "\"genomes\": 5 }", "\"genomes\" must be an array");

    [TestMethod]
    public void EmptyPopulationIsRejected() => AssertRejected(t => t[..t.IndexOf("\"genomes\"", StringComparison.Ordinal)] + "\"genomes\": [] }", "holds 0 genomes, but the config's population is");

    [TestMethod]
    public void PopulationOfAnotherSizeIsRejected() => AssertRejected(t =>
    {
        int at = t.IndexOf("\"genomes\"", StringComparison.Ordinal);
        int open = t.IndexOf('[', at), close = t.IndexOf(',', open);
        return t[..(open + 1)] + t[(open + 1)..close] + ", " + t[(open + 1)..]; // one genome more
    }, "but the config's population is");

    [TestMethod]
    public void BadSpeciationStateIsRejected() => AssertRejected(t => System.Text.RegularExpressions.Regex.Replace(t, "\"speciation\": \"[^\"]*\"", "\"speciation\": \"zero\""), "bad speciation state");

    [TestMethod]
    public void MissingCheckpointIsRejected()
    {
        string dir = TempDir();
        try
        {
            var ex = Assert.ThrowsExactly<InputException>(() => Artist(threads: 1).LoadCheckpoint(dir));
            Assert.AreEqual(Path.Combine(dir, "population.json"), ex.File);
            StringAssert.Contains(ex.Message, "not found");
        }
        finally { Directory.Delete(dir, true); }
    }
}

[TestClass]
public class EvolvingArtistSeedTests
{
    private static EvolvingArtist<Bits> Artist() =>
        new(Toy.Options(population: 5), new BitsFactory(8), new FlipOne(), null, new BitsRenderer(), new BitsFormat(), new ComponentContext(1, 1, "."));

    [TestMethod]
    public void SeedKeepsTheGivenGenomesAndFillsWithTheirMutants()
    {
        var artist = Artist();
        var a = Bits.Parse("00000000");
        var b = Bits.Parse("11111111");
        artist.Seed([a, b], new Random(3));
        Assert.AreEqual(5, artist.Population.Count);
        Assert.AreSame(a, artist.Population[0]);
        Assert.AreSame(b, artist.Population[1]);
        // FlipOne changes exactly one bit of a, b, a in turn.
        Assert.AreEqual(1, artist.Population[2].Ones);
        Assert.AreEqual(7, artist.Population[3].Ones);
        Assert.AreEqual(1, artist.Population[4].Ones);
        Assert.AreEqual(8, artist.Produce(new Random(0))[1].Width);
        Assert.ThrowsExactly<ArgumentException>(() => artist.Seed([], new Random(1)));
    }

    [TestMethod]
    public void ResetBestLetsALowerScoreUnderANewCriticBecomeBest()
    {
        var artist = Artist();
        artist.Learn([5, 1, 1, 1, 1], new Random(1));
        Assert.AreEqual(5, artist.BestFitness);
        artist.ResetBest();
        var leader = artist.Population[2];
        artist.Learn([0.1, 0.2, 0.3, 0.2, 0.1], new Random(2));
        Assert.AreEqual(0.3, artist.BestFitness);
        Assert.AreSame(leader, artist.Best);
    }
}
