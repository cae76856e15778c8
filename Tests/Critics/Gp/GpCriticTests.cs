using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Features;
using Coevo.Critics.Gp;
using Coevo.Tests.Support;

namespace Coevo.Tests.Critics.Gp;

[TestClass]
public class GpCriticTests : TempFolders
{
    private const int Side = 32;

    /// <summary>Hard-edged stripes of a random colour, frequency, angle and phase.</summary>
    internal static Image Stripes(Random r)
    {
        double f = 0.2 + r.NextDouble() * 0.8, a = r.NextDouble() * Math.PI, phase = r.NextDouble() * 6;
        float cr = (float)r.NextDouble(), cg = (float)r.NextDouble(), cb = (float)r.NextDouble();
        var image = new Image(Side, Side);
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                float t = Math.Sin(f * (x * Math.Cos(a) + y * Math.Sin(a)) + phase) > 0 ? 1f : 0f;
                image[x, y] = (t * cr, t * cg, t * cb);
            }
        return image;
    }

    /// <summary>One to four soft Gaussian blobs in orange.</summary>
    internal static Image Blobs(Random r)
    {
        var blobs = Enumerable.Range(0, 1 + r.Next(4))
            .Select(_ => (X: r.NextDouble() * Side, Y: r.NextDouble() * Side, S: 3 + r.NextDouble() * 8)).ToArray();
        var image = new Image(Side, Side);
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                double v = 0;
                foreach (var b in blobs) v += Math.Exp(-((x - b.X) * (x - b.X) + (y - b.Y) * (y - b.Y)) / (2 * b.S * b.S));
                float c = (float)Math.Min(1, v);
                image[x, y] = (c, 0.7f * c, 0.3f * c);
            }
        return image;
    }

    private static (List<Image> Real, List<Image> Fake) Classes(int seed, int real, int fake)
    {
        var rng = new Random(seed);
        return (Enumerable.Range(0, real).Select(_ => Stripes(rng)).ToList(), Enumerable.Range(0, fake).Select(_ => Blobs(rng)).ToList());
    }

    private static IReadOnlyDictionary<string, double> Train(GpCritic critic, List<Image> real, List<Image> fake, int generations, int from = 0)
    {
        IReadOnlyDictionary<string, double> m = new Dictionary<string, double>();
        for (int g = from; g < from + generations; g++) m = critic.Learn(real, fake, new Random(1000 + g));
        return m;
    }

    [TestMethod]
    public void LearnsToSeparateStripesFromBlobs()
    {
        var (real, fake) = Classes(5, real: 40, fake: 25);
        var critic = new GpCritic(new GpCriticOptions(), seed: 3);
        CollectionAssert.AreEqual(Enumerable.Repeat(0.5, 3).ToArray(), critic.Score(real.Take(3).ToList()).ToArray(), "no opinion before learning");
        var first = Train(critic, real, fake, 1);
        var last = Train(critic, real, fake, 24, from: 1);
        Assert.IsTrue(last["cost"] < first["cost"], $"cost {first["cost"]} -> {last["cost"]}");
        Assert.IsTrue(last["accuracy"] >= 0.95, $"training accuracy {last["accuracy"]}");
        Assert.AreEqual(25, last["generation"]);

        // held-out images of both classes
        var (testReal, testFake) = Classes(77, real: 50, fake: 50);
        int right = critic.Score(testReal).Count(s => s >= 0.5) + critic.Score(testFake).Count(s => s < 0.5);
        Assert.IsTrue(right >= 85, $"held-out accuracy {right}/100");
    }

    [TestMethod]
    public void ASeedReproducesLearningWhateverTheThreadCount()
    {
        var (real, fake) = Classes(6, real: 20, fake: 12);
        var one = new GpCritic(new GpCriticOptions { Population = 24 }, seed: 9, threads: 1);
        var two = new GpCritic(new GpCriticOptions { Population = 24 }, seed: 9, threads: 2);
        var m1 = Train(one, real, fake, 6);
        var m2 = Train(two, real, fake, 6);
        CollectionAssert.AreEqual(m1.ToArray(), m2.ToArray());
        Assert.AreEqual(one.Best!.ToString(), two.Best!.ToString());
        CollectionAssert.AreEqual(one.Population.Select(p => p.ToString()).ToArray(), two.Population.Select(p => p.ToString()).ToArray());
        CollectionAssert.AreEqual(one.Score(real).ToArray(), two.Score(real).ToArray());
        var other = new GpCritic(new GpCriticOptions { Population = 24 }, seed: 10);
        Assert.AreNotEqual(one.Population[0].ToString() + one.Population[1], other.Population[0].ToString() + other.Population[1]);
    }

    [TestMethod]
    public void AResumedCriticLearnsExactlyAsAnUninterruptedOne()
    {
        var (real, fake) = Classes(7, real: 20, fake: 12);
        var options = new GpCriticOptions { Population = 20, GenerationsPerLearn = 2 };
        var straight = new GpCritic(options, seed: 4);
        Train(straight, real, fake, 3);
        string dir = TempDir();
        straight.SaveCheckpoint(dir);
        var resumed = new GpCritic(options, seed: 99); // a different first population, replaced by the checkpoint
        resumed.LoadCheckpoint(dir);
        Assert.AreEqual(straight.Best!.ToString(), resumed.Best!.ToString());
        Assert.AreEqual(straight.BestFitness, resumed.BestFitness);
        Assert.AreEqual(6, resumed.Generation);
        CollectionAssert.AreEqual(straight.Score(real).ToArray(), resumed.Score(real).ToArray());

        var a = Train(straight, real, fake, 3, from: 3);
        var b = Train(resumed, real, fake, 3, from: 3);
        CollectionAssert.AreEqual(a.ToArray(), b.ToArray());
        CollectionAssert.AreEqual(straight.Population.Select(p => p.ToString()).ToArray(), resumed.Population.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void ACheckpointBeforeLearningRoundTrips()
    {
        var critic = new GpCritic(new GpCriticOptions { Population = 5 }, seed: 1);
        string dir = TempDir();
        critic.SaveCheckpoint(dir);
        var copy = new GpCritic(new GpCriticOptions { Population = 5 }, seed: 2);
        copy.LoadCheckpoint(dir);
        Assert.IsNull(copy.Best);
        Assert.AreEqual(double.NegativeInfinity, copy.BestFitness);
        CollectionAssert.AreEqual(critic.Population.Select(p => p.ToString()).ToArray(), copy.Population.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void BadCheckpointsAreInputErrorsNamingTheFileAndChangeNothing()
    {
        var critic = new GpCritic(new GpCriticOptions { Population = 5 }, seed: 1);
        string dir = TempDir();
        string file = Path.Combine(dir, GpCritic.CheckpointFile);
        var before = critic.Population.Select(p => p.ToString()).ToArray();

        var missing = Assert.ThrowsExactly<InputException>(() => critic.LoadCheckpoint(dir));
        StringAssert.Contains(missing.Message, file);
        critic.SaveCheckpoint(dir);
        string good = File.ReadAllText(file);
        foreach (var (text, problem) in new[]
        {
            (good[..(good.Length / 2)], "not valid JSON"),
            (good.Replace("\"coevo.gp_critic\"", "\"coevo.population\""), "not a GP critic checkpoint"),
            (good.Replace("\"version\": 1", "\"version\": 7"), "unsupported checkpoint version 7"),
            (good.Replace("\"lightness_mean\"", "\"brightness\""), "checkpoint was written with features [brightness, lightness_spread"),
            (good.Replace("\"generation\": 0", "\"generation\": -3"), "\"generation\" must be a non-negative integer"),
        })
        {
            File.WriteAllText(file, text);
            var e = Assert.ThrowsExactly<InputException>(() => critic.LoadCheckpoint(dir), problem);
            StringAssert.Contains(e.Message, file);
            StringAssert.Contains(e.Message, problem);
        }
        // a program that does not parse names the program
        var json = System.Text.Json.Nodes.JsonNode.Parse(good)!;
        json["population"]![2] = "(+ lightness_mean)";
        File.WriteAllText(file, json.ToJsonString());
        var bad = Assert.ThrowsExactly<InputException>(() => critic.LoadCheckpoint(dir));
        StringAssert.Contains(bad.Message, "(program 2)");
        StringAssert.Contains(bad.Message, "takes 2 argument(s), got 1");
        CollectionAssert.AreEqual(before, critic.Population.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void FreezeKeepsTheCurrentProgram()
    {
        var (real, fake) = Classes(8, real: 16, fake: 10);
        var critic = new GpCritic(new GpCriticOptions { Population = 16 }, seed: 2);
        Assert.IsTrue(critic.Freeze().Score(real).All(s => s == 0.5));
        Train(critic, real, fake, 2);
        var frozen = critic.Freeze();
        var scores = critic.Score(real).ToArray();
        CollectionAssert.AreEqual(scores, frozen.Score(real).ToArray());
        string program = critic.Best!.ToString();
        for (int g = 0; g < 10; g++) critic.Learn(fake, real, new Random(g)); // the labels swapped
        Assert.AreNotEqual(program, critic.Best!.ToString(), "the critic moved on");
        CollectionAssert.AreEqual(scores, frozen.Score(real).ToArray(), "the snapshot did not");
    }

    [TestMethod]
    public void LearningNeedsBothClasses()
    {
        var critic = new GpCritic(new GpCriticOptions { Population = 4 }, seed: 1);
        var (real, _) = Classes(1, 2, 0);
        Assert.ThrowsExactly<ArgumentException>(() => critic.Learn(real, [], new Random(1)));
    }

    [TestMethod]
    public void LearnReportsTheBalancedAccuracySoOneArtistImageAmongManyRealOnesCountsHalf()
    {
        // one artist image among 20 real ones, and indistinguishable from one of them: calling everything real is
        // right on 20 of 21 images (0.952, past the coevolve schedule's default critic_accuracy of 0.95), but the
        // balanced accuracy, the mean of the two classes' hit rates, is then 0.5
        var (real, _) = Classes(5, real: 20, fake: 0);
        List<Image> fake = [real[0].Clone()];
        var critic = new GpCritic(new GpCriticOptions { Population = 16 }, seed: 3);
        var m = critic.Learn(real, fake, new Random(1));
        double realRight = critic.Score(real).Count(s => s >= 0.5) / 20.0, fakeRight = critic.Score(fake).Count(s => s < 0.5);
        Assert.IsTrue(realRight < 1 || fakeRight < 1, "the twins cannot both be right");
        Assert.AreEqual(0.5 * (realRight + fakeRight), m["accuracy"], 1e-12);
    }

    [TestMethod]
    public void TheSmallerClassIsRepeatedToBalanceTheCost()
    {
        CollectionAssert.AreEqual(new[] { 3, 3, 2 }, LabelledSet.Weights(3, 8));
        CollectionAssert.AreEqual(new[] { 1, 1 }, LabelledSet.Weights(2, 2));

        // program: lightness_mean (feature 0); one real image with value 2, artists' images with 0, 1 and -1.
        double[] V(double x) { var v = new double[ImageFeatures.Count]; v[0] = x; return v; }
        var set = LabelledSet.Balanced([V(2)], [V(0), V(1), V(-1)]);
        var program = new CriticProgram(CriticNode.Feature(0));
        double sp(double x) => Math.Log(1 + Math.Exp(x));
        // the real image counts 3 times: (3·softplus(-2) + softplus(0) + softplus(1) + softplus(-1)) / 6
        Assert.AreEqual((3 * sp(-2) + sp(0) + sp(1) + sp(-1)) / 6, set.Cost(program), 1e-12);
        Assert.AreEqual(0.5 * (1 + 1.0 / 3), set.BalancedAccuracy(program), 1e-12, "real right; of the artists' only -1 is below 0.5 realness");
        // a constant output c costs (softplus(-c) + softplus(c)) / 2 however unbalanced the classes
        Assert.AreEqual(Math.Log(2), set.Cost(new CriticProgram(CriticNode.Constant(0))), 1e-12);
        Assert.AreEqual(800.0, LabelledSet.Softplus(800), 1e-12);
        Assert.AreEqual(0.0, LabelledSet.Softplus(-800), 1e-300);
    }

    [TestMethod]
    public void InconsistentOptionsAreInputErrors()
    {
        var e = Assert.ThrowsExactly<InputException>(() => new GpCritic(new GpCriticOptions { MaxDepth = 3, InitialDepth = 5 }, 1));
        StringAssert.Contains(e.Message, "initial_depth must be between 2 and max_depth (3), got 5");
    }
}
