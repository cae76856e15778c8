using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Target;

namespace Coevo.Tests.Critics.Target;

[TestClass]
public class TargetImageCriticTests
{
    [TestMethod]
    public void MseScoreIsOneMinusMeanSquaredColourError()
    {
        var target = new Image(1, 1, [0.2f, 0.4f, 0.6f]);
        var candidate = new Image(1, 1, [0.5f, 0.4f, 0.0f]);
        var critic = new TargetImageCritic(target, TargetMetric.Mse);
        // (0.3² + 0 + 0.6²) / 3 = 0.15
        Assert.AreEqual(0.85, critic.Score([candidate])[0], 1e-6);
        Assert.AreEqual(1.0, critic.Score([target.Clone()])[0], 1e-12);
    }

    [TestMethod]
    public void GreyMseIgnoresColourThatKeepsLuminance()
    {
        var target = new Image(1, 1, [1f, 0f, 0f]);          // luminance 0.299
        var sameLuma = new Image(1, 1, [0.299f, 0.299f, 0.299f]);
        var black = new Image(1, 1);
        var critic = new TargetImageCritic(target, TargetMetric.GreyMse);
        Assert.AreEqual(1.0, critic.Score(sameLuma), 1e-6);
        Assert.AreEqual(1.0 - 0.299 * 0.299, critic.Score(black), 1e-6);
        Assert.IsTrue(new TargetImageCritic(target, TargetMetric.Mse).Score(sameLuma) < 0.9);
    }

    [TestMethod]
    public void StructureOfUniformImagesMatchesTheHandComputedMix()
    {
        // Uniform planes a = 0.2 and b = 0.6 at every scale: SSIM is its luminance term (2ab + C1) / (a² + b² + C1)
        // = 0.2401 / 0.4001, the RMSE is 0.4, so the mix is 0.5 * 0.60010 + 0.5 * (1 - 0.8) and the score (1 + mix) / 2.
        var a = new Image(32, 32);
        Array.Fill(a.Data, 0.2f);
        var b = new Image(32, 32);
        Array.Fill(b.Data, 0.6f);
        double ssim = (2 * 0.2 * 0.6 + 1e-4) / (0.04 + 0.36 + 1e-4);
        double mix = 0.5 * ssim + 0.5 * (1 - 2 * 0.4);
        var critic = new TargetImageCritic(b, TargetMetric.Structure);
        Assert.AreEqual((1 + mix) / 2, critic.Score(a), 1e-6);
        Assert.AreEqual(1.0, critic.Score(b.Clone()), 1e-9);
        Assert.AreEqual(3, TargetImageCritic.Pyramid.Of(a).Levels.Count, "32, 16 and 8 pixels");
        Assert.AreEqual(1, TargetImageCritic.Pyramid.Of(new Image(12, 12)).Levels.Count, "no scale below 8 pixels");
    }

    [TestMethod]
    public void StructureScoresABlurredAverageBelowACrispPictureUnlikeMse()
    {
        // a half-black, half-white target; the flat grey average has the lower squared error but no structure
        var target = new Image(32, 32);
        for (int y = 0; y < 32; y++) for (int x = 16; x < 32; x++) target[x, y] = (1f, 1f, 1f);
        var grey = new Image(32, 32);
        Array.Fill(grey.Data, 0.5f);
        var shifted = new Image(32, 32); // the right shape, its edge 9 pixels off
        for (int y = 0; y < 32; y++) for (int x = 25; x < 32; x++) shifted[x, y] = (1f, 1f, 1f);
        var mse = new TargetImageCritic(target, TargetMetric.Mse);
        var structure = new TargetImageCritic(target, TargetMetric.Structure);
        Assert.IsTrue(mse.Score(grey) > mse.Score(shifted), "mse prefers the flat average");
        Assert.IsTrue(structure.Score(shifted) > structure.Score(grey) + 0.02, $"{structure.Score(shifted)} vs {structure.Score(grey)}");
    }

    [TestMethod]
    public void TargetIsResizedToTheCandidateSize()
    {
        var target = Image.FromGray(2, 1, [0f, 1f]);
        var grey = new Image(4, 1);
        Array.Fill(grey.Data, 0.5f);
        var critic = new TargetImageCritic(target, TargetMetric.Mse);
        // target at 4x1 is 0, .25, .75, 1 -> squared errors .25, .0625, .0625, .25 -> mean .15625
        Assert.AreEqual(1 - 0.15625, critic.Score([grey])[0], 1e-6);
        Assert.AreSame(critic.TargetAt(4, 1), critic.TargetAt(4, 1));
    }

    [TestMethod]
    public void SsimOfASingleWindowMatchesTheHandComputedFormula()
    {
        // 2x2 images -> one 2x2 window. x = 0, .5, 1, .5 ; y = 0, .5, .5, 1.
        var x = Image.FromGray(2, 2, [0f, 0.5f, 1f, 0.5f]);
        var y = Image.FromGray(2, 2, [0f, 0.5f, 0.5f, 1f]);
        // mean 0.5 each, variances 0.125 each, covariance 0.3125 - 0.25 = 0.0625.
        double c1 = 1e-4, c2 = 9e-4;
        double ssim = (2 * 0.25 + c1) * (2 * 0.0625 + c2) / ((0.5 + c1) * (0.25 + c2));
        var critic = new TargetImageCritic(y, TargetMetric.Ssim);
        Assert.AreEqual((1 + ssim) / 2, critic.Score(x), 1e-5);
        Assert.AreEqual(1.0, critic.Score(y.Clone()), 1e-9);
    }

    [TestMethod]
    public void SsimMatchesABruteForceWindowedReference()
    {
        var rng = new Random(5);
        int w = 12, h = 9;
        var a = new float[w * h];
        var b = new float[w * h];
        for (int i = 0; i < a.Length; i++) { a[i] = (float)rng.NextDouble(); b[i] = 0.5f * a[i] + 0.5f * (float)rng.NextDouble(); }
        double expected = 0;
        int windows = 0;
        for (int top = 0; top + 7 <= h; top++)
            for (int left = 0; left + 7 <= w; left++)
            {
                double mx = 0, my = 0;
                for (int dy = 0; dy < 7; dy++) for (int dx = 0; dx < 7; dx++) { mx += a[(top + dy) * w + left + dx]; my += b[(top + dy) * w + left + dx]; }
                mx /= 49; my /= 49;
                double vx = 0, vy = 0, cxy = 0;
                for (int dy = 0; dy < 7; dy++)
                    for (int dx = 0; dx < 7; dx++)
                    {
                        double p = a[(top + dy) * w + left + dx] - mx, q = b[(top + dy) * w + left + dx] - my;
                        vx += p * p; vy += q * q; cxy += p * q;
                    }
                vx /= 49; vy /= 49; cxy /= 49;
                expected += (2 * mx * my + 1e-4) * (2 * cxy + 9e-4) / ((mx * mx + my * my + 1e-4) * (vx + vy + 9e-4));
                windows++;
            }
        Assert.AreEqual(6 * 3, windows);
        Assert.AreEqual(expected / windows, TargetImageCritic.MeanSsim(a, b, w, h), 1e-9);
    }

    [TestMethod]
    public void ScoringInParallelIsDeterministicAndOrdered()
    {
        var rng = new Random(9);
        var target = new Image(16, 16);
        for (int i = 0; i < target.Data.Length; i++) target.Data[i] = (float)rng.NextDouble();
        var images = Enumerable.Range(0, 20).Select(_ =>
        {
            var img = new Image(8, 8);
            for (int i = 0; i < img.Data.Length; i++) img.Data[i] = (float)rng.NextDouble();
            return img;
        }).ToList();
        foreach (var metric in Enum.GetValues<TargetMetric>())
        {
            var serial = new TargetImageCritic(target, metric, threads: 1);
            var parallel = new TargetImageCritic(target, metric, threads: 4);
            var expected = images.Select(serial.Score).ToArray();
            CollectionAssert.AreEqual(expected, parallel.Score(images).ToArray());
            Assert.IsTrue(expected.All(s => s >= 0 && s <= 1), metric.ToString());
        }
    }

    [TestMethod]
    public void CreateReadsTheTargetRelativeToTheConfigFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "coevo-target-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        Png.Write(new Image(3, 3, Enumerable.Repeat(1f, 27).ToArray()), Path.Combine(dir, "white.png"));
        var critic = TargetImageCritic.Create(new TargetImageCriticOptions { Image = "white.png", Metric = TargetMetric.Ssim }, new ComponentContext(1, 1, dir));
        Assert.AreEqual(TargetMetric.Ssim, critic.Metric);
        Assert.AreEqual(1.0, TargetImageCritic.Create(new TargetImageCriticOptions { Image = "white.png" }, new ComponentContext(1, 1, dir))
            .Score(new Image(2, 2, Enumerable.Repeat(1f, 12).ToArray())), 1e-9);
        var e = Assert.ThrowsExactly<InputException>(() =>
            TargetImageCritic.Create(new TargetImageCriticOptions { Image = "missing.png" }, new ComponentContext(1, 1, dir)));
        StringAssert.Contains(e.Message, Path.Combine(dir, "missing.png"));
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void ShippedTargetsAreReadablePngs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Coevo.sln"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "repository root not found");
        var targets = Directory.GetFiles(Path.Combine(dir.FullName, "Experiments", "configs", "targets"), "*.png");
        Assert.IsTrue(targets.Length >= 2, $"found {targets.Length} target PNGs");
        foreach (var t in targets)
        {
            var img = Png.Read(t);
            Assert.AreEqual(64, img.Width, t);
            Assert.AreEqual(64, img.Height, t);
            Assert.IsTrue(img.Data.Max() - img.Data.Min() > 0.5f, $"{t} has no contrast");
        }
        // They are what TargetPictures draws, so they can be regenerated.
        foreach (var (name, draw) in TargetPictures.All)
        {
            var shipped = Png.Read(Path.Combine(dir.FullName, "Experiments", "configs", "targets", name));
            var drawn = draw(64);
            for (int i = 0; i < drawn.Data.Length; i++) Assert.AreEqual(drawn.Data[i], shipped.Data[i], 1e-6f, name);
        }
    }
}
