using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Features;
using Coevo.Critics.Novelty;
using Coevo.Tests.Support;
using static Coevo.Tests.Critics.Features.ImageFeaturesTests;

namespace Coevo.Tests.Critics.Novelty;

[TestClass]
public class NoveltyCriticTests : TempFolders
{
    private static List<Image> Images(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            float a = (float)rng.NextDouble(), b = (float)rng.NextDouble(), f = 0.1f + (float)rng.NextDouble();
            return Make(16, 16, (x, y) => (a, (float)(0.5 + 0.5 * Math.Sin(f * x)), b * y / 15f));
        }).ToList();
    }

    [TestMethod]
    public void ARepeatedImageScoresLowerThanANewOne()
    {
        var critic = new NoveltyCritic(new NoveltyCriticOptions { K = 1 });
        var seen = Images(5, 1);
        var fresh = Images(1, 2)[0];
        Assert.IsTrue(critic.Score([seen[0], fresh]).All(s => s == 1.0), "an empty archive finds everything new");
        critic.Learn([], seen, new Random(1));
        var s = critic.Score([seen[3], seen[3].Clone(), fresh]);
        Assert.AreEqual(0.0, s[0], "distance 0 to itself");
        Assert.AreEqual(0.0, s[1], "the same picture in another object");
        Assert.IsTrue(s[2] > 0.1, $"new image: {s[2]}");
    }

    [TestMethod]
    public void NoveltyIsTheMeanDistanceToTheKNearestByHand()
    {
        double[] V(params double[] head) { var v = new double[ImageFeatures.Count]; head.CopyTo(v, 0); return v; }
        var archive = new List<double[]> { V(0, 0), V(3, 4), V(6, 8), V(0, 1) };
        Assert.AreEqual(0.0, NoveltyCritic.Novelty(archive, V(0, 0), 1));
        Assert.AreEqual(0.5, NoveltyCritic.Novelty(archive, V(0, 0), 2));      // (0 + 1) / 2
        Assert.AreEqual(2.0, NoveltyCritic.Novelty(archive, V(0, 0), 3));      // (0 + 1 + 5) / 3
        Assert.AreEqual(4.0, NoveltyCritic.Novelty(archive, V(0, 0), 100), 1e-12, "k shrinks to the archive: (0+1+5+10)/4");
        Assert.IsTrue(double.IsPositiveInfinity(NoveltyCritic.Novelty([], V(1), 3)));

        var options = new NoveltyCriticOptions { HalfDistance = 0.5 };
        Assert.AreEqual(0.5, NoveltyCritic.Response(options, 0.5), 1e-12);
        Assert.AreEqual(0.8, NoveltyCritic.Response(options, 2), 1e-12);
        Assert.AreEqual(1.0, NoveltyCritic.Response(options, double.PositiveInfinity));
    }

    [TestMethod]
    public void TheWundtCurvePrefersModerateNovelty()
    {
        var options = new NoveltyCriticOptions { Response = NoveltyResponse.Wundt, RewardAt = 0.1, PunishAt = 0.3, Slope = 10 };
        // H(0.2) = σ(10·0.1) − σ(−10·0.1) = 0.7310586 − 0.2689414
        Assert.AreEqual(0.4621172, NoveltyCritic.Response(options, 0.2), 1e-7);
        double low = NoveltyCritic.Response(options, 0), mid = NoveltyCritic.Response(options, 0.2), high = NoveltyCritic.Response(options, 2);
        Assert.IsTrue(mid > low && mid > high, $"{low} {mid} {high}");
        Assert.AreEqual(0.0, NoveltyCritic.Response(options, double.PositiveInfinity));
        var e = Assert.ThrowsExactly<InputException>(() => new NoveltyCritic(new NoveltyCriticOptions { Response = NoveltyResponse.Wundt, RewardAt = 0.5, PunishAt = 0.5 }));
        StringAssert.Contains(e.Message, "punish_at (0.5) must be above reward_at (0.5)");
    }

    [TestMethod]
    public void TheArchiveGrowsToItsBoundThenKeepsASeededSample()
    {
        var images = Images(30, 3);
        var critic = new NoveltyCritic(new NoveltyCriticOptions { ArchiveSize = 8, K = 1 });
        var m = critic.Learn(images.Take(4).ToList(), images.Take(5).ToList(), new Random(1));
        Assert.AreEqual(5, critic.Archive.Count);
        Assert.AreEqual(5L, critic.Seen);
        Assert.AreEqual(5.0, m["archive_size"]);
        Assert.AreEqual(1.0, m["fake_novelty"], "the artists' images were new before they were added");
        // after adding, the artists' images score 0 (< 0.5, right: 5/5) and the real ones, also archived, too (wrong:
        // 0/4); balanced, (0/4 + 5/5) / 2
        Assert.AreEqual(0.5, m["accuracy"], 1e-12);

        critic.Learn([], images.Skip(5).ToList(), new Random(2));
        Assert.AreEqual(8, critic.Archive.Count, "bounded");
        Assert.AreEqual(30L, critic.Seen);
        // the first eight are kept until the archive is full, then each later one replaces a random entry with chance 8/n
        var all = images.Select(ImageFeatures.Of).ToList();
        Assert.IsTrue(critic.Archive.All(a => all.Any(v => v.SequenceEqual(a))));

        var again = new NoveltyCritic(new NoveltyCriticOptions { ArchiveSize = 8, K = 1 });
        again.Learn([], images.Take(5).ToList(), new Random(1));
        again.Learn([], images.Skip(5).ToList(), new Random(2));
        CollectionAssert.AreEqual(critic.Archive.Select(a => a[0]).ToArray(), again.Archive.Select(a => a[0]).ToArray(), "same seeds, same archive");
        var other = new NoveltyCritic(new NoveltyCriticOptions { ArchiveSize = 8 });
        other.Learn([], images, new Random(5));
        CollectionAssert.AreNotEqual(critic.Archive.Select(a => a[0]).ToArray(), other.Archive.Select(a => a[0]).ToArray(), "other seeds, another sample");
    }

    [TestMethod]
    public void ReservoirSamplingKeepsEveryImageWithEqualChance()
    {
        // Algorithm R: each of n items ends in an archive of size m with probability m / n.
        int n = 20, m = 5, trials = 2000;
        var counts = new int[n];
        var images = Enumerable.Range(0, n).Select(i => Make(4, 4, (_, _) => (i / 20f, 0f, 0f))).ToList();
        var index = images.Select((im, i) => (ImageFeatures.Of(im)[0], i)).ToDictionary(t => t.Item1, t => t.i);
        for (int t = 0; t < trials; t++)
        {
            var critic = new NoveltyCritic(new NoveltyCriticOptions { ArchiveSize = m });
            critic.Learn([], images, new Random(t));
            foreach (var a in critic.Archive) counts[index[a[0]]]++;
        }
        double expected = trials * (double)m / n; // 500, binomial sd ≈ 19.4
        Assert.IsTrue(counts.All(c => Math.Abs(c - expected) < 5 * 19.4), string.Join(" ", counts));
    }

    [TestMethod]
    public void AResumedCriticContinuesExactly()
    {
        var images = Images(24, 4);
        var options = new NoveltyCriticOptions { ArchiveSize = 6, K = 2 };
        var straight = new NoveltyCritic(options);
        straight.Learn([], images.Take(10).ToList(), new Random(1));
        string dir = TempDir();
        straight.SaveCheckpoint(dir);
        var resumed = new NoveltyCritic(options);
        resumed.LoadCheckpoint(dir);
        Assert.AreEqual(straight.Seen, resumed.Seen);
        CollectionAssert.AreEqual(straight.Score(images).ToArray(), resumed.Score(images).ToArray());
        for (int i = 0; i < straight.Archive.Count; i++) CollectionAssert.AreEqual(straight.Archive[i], resumed.Archive[i]);

        var a = straight.Learn(images.Take(3).ToList(), images.Skip(10).ToList(), new Random(2));
        var b = resumed.Learn(images.Take(3).ToList(), images.Skip(10).ToList(), new Random(2));
        CollectionAssert.AreEqual(a.ToArray(), b.ToArray());
        for (int i = 0; i < straight.Archive.Count; i++) CollectionAssert.AreEqual(straight.Archive[i], resumed.Archive[i]);
    }

    [TestMethod]
    public void BadCheckpointsAreInputErrors()
    {
        var critic = new NoveltyCritic(new NoveltyCriticOptions { ArchiveSize = 3 });
        critic.Learn([], Images(2, 5), new Random(1));
        string dir = TempDir(), file = Path.Combine(dir, NoveltyCritic.CheckpointFile);
        critic.SaveCheckpoint(dir);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        void Expect(Action<System.Text.Json.Nodes.JsonNode> change, string problem)
        {
            var copy = json.DeepClone();
            change(copy);
            File.WriteAllText(file, copy.ToJsonString());
            var e = Assert.ThrowsExactly<InputException>(() => critic.LoadCheckpoint(dir), problem);
            StringAssert.Contains(e.Message, file);
            StringAssert.Contains(e.Message, problem);
        }
        Expect(j => j["archive"]![0]!.AsArray().RemoveAt(0), $"archive entry 0 must be an array of {ImageFeatures.Count} numbers");
        Expect(j => j["archive"]![1]![3] = "x", "archive entry 1 value 3 is not a finite number");
        Expect(j => j["seen"] = 1, "\"seen\" (1) is less than the archive's size (2)");
        Expect(j => { var a = j["archive"]!.AsArray(); a.Add(a[0]!.DeepClone()); a.Add(a[0]!.DeepClone()); }, "more than archive_size 3");
        Assert.AreEqual(2, critic.Archive.Count, "nothing changed");
    }

    [TestMethod]
    public void FreezeKeepsTheArchiveAsItWas()
    {
        var images = Images(6, 6);
        var critic = new NoveltyCritic(new NoveltyCriticOptions { K = 1 });
        critic.Learn([], images.Take(3).ToList(), new Random(1));
        var frozen = critic.Freeze();
        var before = frozen.Score(images).ToArray();
        CollectionAssert.AreEqual(critic.Score(images).ToArray(), before);
        critic.Learn([], images.Skip(3).ToList(), new Random(2));
        CollectionAssert.AreEqual(before, frozen.Score(images).ToArray());
        Assert.IsTrue(critic.Score(images.Skip(3).ToList()).All(s => s == 0), "the live critic has seen them now");
    }
}
