using System.Globalization;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using Coevo.Experiments.Cli;
using Coevo.Tests.Support;

namespace Coevo.Tests.Experiments;

[TestClass]
public class MetricsCliTests : TempFolders
{
    private static (int Code, string Out, string Err) Coevo(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CoevoCli.Execute(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The fields of a metrics line.</summary>
    private static Dictionary<string, string> Fields(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, lines.Length, $"one line on stdout, got:\n{stdout}");
        return lines[0].Split(' ').ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);
    }

    private static double D(Dictionary<string, string> f, string key) => double.Parse(f[key], CultureInfo.InvariantCulture);

    /// <summary>A folder of Fashion-MNIST test images <paramref name="from"/>..from+count as PNGs.</summary>
    private string FashionFolder(int from, int count, Func<Image, Image>? change = null)
    {
        string dir = TempDir();
        var data = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Test);
        for (int i = from; i < from + count; i++)
            Png.Write(change is null ? data.Get(i) : change(data.Get(i)), Path.Combine(dir, $"img-{i:D5}.png"));
        return dir;
    }

    [TestMethod]
    public void MetricsOfTwoFoldersPrintsOneLineWithEveryField()
    {
        string real = FashionFolder(0, 120);
        string fake = FashionFolder(200, 80, img => { var c = img.Clone(); for (int i = 0; i < c.Data.Length; i++) c.Data[i] = 1 - c.Data[i]; return c; });
        var (code, output, err) = Coevo("metrics", "--real", real, "--fake", fake);
        Assert.AreEqual(0, code, err);
        var f = Fields(output);
        CollectionAssert.AreEqual(new[] { "fid", "kid", "kid_std", "precision", "recall", "diversity", "n_real", "n_fake", "features" }, f.Keys.ToArray());
        Assert.AreEqual("120", f["n_real"]);
        Assert.AreEqual("80", f["n_fake"]);
        Assert.AreEqual("coevo-fashion-mnist", f["features"]);
        Assert.IsTrue(D(f, "fid") > 50, $"inverted images are far from real ones: {output}");
        Assert.IsTrue(D(f, "kid") > 3 * D(f, "kid_std"), output);
        Assert.IsTrue(D(f, "precision") < 0.2, output);
        Assert.IsTrue(D(f, "diversity") > 0, output);
        StringAssert.Contains(err, "Coevo Fashion-MNIST features");
        StringAssert.Contains(err, "diversity = mean distance between the feature vectors");
        StringAssert.Contains(err, "warning: only 80 generated images for 128 feature dimensions");
    }

    [TestMethod]
    public void AFolderOfTheSameImagesAsADataSetSpecMeasuresZero()
    {
        string folder = FashionFolder(0, 150);
        var (code, output, err) = Coevo("metrics", "--real", "fashion-mnist:test", "--fake", folder, "--limit", "150");
        Assert.AreEqual(0, code, err);
        var f = Fields(output);
        Assert.AreEqual(0, D(f, "fid"), 1e-3, "PNG round trip of 8-bit grey images is exact");
        Assert.AreEqual(1.0, D(f, "precision"));
        Assert.AreEqual(1.0, D(f, "recall"));
        Assert.AreEqual("150", f["n_real"]);
    }

    [TestMethod]
    public void DataSetSpecsWithAClassFilter()
    {
        var (code, output, err) = Coevo("metrics", "--real", "fashion-mnist:test:class=Sneaker", "--fake", "fashion-mnist:test:class=7,9", "--limit", "300");
        Assert.AreEqual(0, code, err);
        var f = Fields(output);
        Assert.AreEqual("300", f["n_real"]);
        Assert.IsTrue(D(f, "fid") > 1, "sneakers and ankle boots differ");
        Assert.IsTrue(D(f, "precision") > 0.5, "but every image is footwear");
    }

    [TestMethod]
    public void ARunFolderGivesItsPopulationBestFirst()
    {
        using var folder = new TestFolder();
        string run = Path.Combine(folder.Dir, "run");
        Assert.AreEqual(0, Coevo("run", folder.Write(TestFolder.ValidYaml()), "--out", run).Code);
        var (code, output, err) = Coevo("metrics", "--real", "fashion-mnist:test", "--fake", run, "--limit", "100");
        Assert.AreEqual(0, code, err);
        var f = Fields(output);
        Assert.AreEqual("6", f["n_fake"], "the population of the tiny config");
        Assert.AreEqual("100", f["n_real"]);
        StringAssert.Contains(err, "generated = run run generation 3 (6 images, best first)");
    }

    [TestMethod]
    public void HelpExplainsTheNewCommands()
    {
        foreach (var args in new[] { new[] { "metrics", "--help" }, ["report", "--help"], ["features", "train", "--help"] })
        {
            var (code, output, _) = Coevo(args);
            Assert.AreEqual(0, code, args[0]);
            StringAssert.Contains(output, "Usage:", args[0]);
        }
        StringAssert.Contains(Coevo("metrics", "--help").Out, "diversity = mean distance between the feature vectors");
        Assert.AreEqual(2, Coevo("features").Code, "a subcommand is required");
    }

    [TestMethod]
    public void BadSpecsAndOptionsExitWith2()
    {
        string tooFew = FashionFolder(0, 3);
        foreach (var (args, message) in new (string[], string)[]
        {
            (["metrics", "--real", "/no/such/folder", "--fake", "fashion-mnist:test"], "/no/such/folder: no such folder"),
            (["metrics", "--real", "fashion-mnist:validation", "--fake", "fashion-mnist:test"], "unknown split 'validation'"),
            (["metrics", "--real", "fashion-mnist", "--fake", "fashion-mnist:test"], "needs a split"),
            (["metrics", "--real", "fashion-mnist:test:class=Hat", "--fake", "fashion-mnist:test"], "not a Fashion-MNIST class"),
            (["metrics", "--real", "fashion-mnist:test", "--fake", tooFew], "need at least 4 images on each side"),
            (["metrics", "--real", "fashion-mnist:test", "--fake", "fashion-mnist:test", "--features", "inception"], "unknown feature network 'inception'"),
            (["metrics", "--real", "fashion-mnist:test", "--fake", "fashion-mnist:test", "--limit", "-1"], "--limit must be"),
            (["metrics", "--real", "fashion-mnist:test"], "--fake"),
            (["metrics", "--real", "fashion-mnist:test", "--fake", "fashion-mnist:test", "--threads", "0"], "--threads must be between 1 and 1024"),
        })
        {
            var (code, output, err) = Coevo(args);
            Assert.AreEqual(2, code, string.Join(' ', args));
            StringAssert.Contains(err, message, string.Join(' ', args));
            Assert.AreEqual("", output.Trim(), "nothing on stdout");
            Assert.IsFalse(err.Contains("   at "), "no stack trace");
        }
    }

    [TestMethod]
    public void FeaturesTrainOnAFolderOfClassesMakesANetworkMetricsCanUse()
    {
        // two classes of small pictures: light and dark squares with noise
        string data = TempDir();
        var rng = new Random(4);
        foreach (var (cls, level) in new[] { ("dark", 0.2f), ("light", 0.8f) })
        {
            Directory.CreateDirectory(Path.Combine(data, cls));
            for (int i = 0; i < 30; i++)
            {
                var img = new Image(12, 12);
                for (int k = 0; k < img.Data.Length; k++) img.Data[k] = Math.Clamp(level + (float)(rng.NextDouble() - 0.5) * 0.3f, 0, 1);
                Png.Write(img, Path.Combine(data, cls, $"{i}.png"));
            }
        }
        string weights = Path.Combine(TempDir(), "squares.safetensors");
        var (code, output, err) = Coevo("features", "train", "--data", data, "--seed", "2", "--epochs", "3", "--size", "12", "-o", weights);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "test accuracy");
        var card = File.ReadAllText(Path.ChangeExtension(weights, ".json"));
        StringAssert.Contains(card, "\"command\": \"coevo features train --data " + data + " --seed 2 --epochs 3 --size 12\"");
        StringAssert.Contains(card, "\"channels\": 3");
        var m = Coevo("metrics", "--real", Path.Combine(data, "dark"), "--fake", Path.Combine(data, "light"), "--features", weights);
        Assert.AreEqual(0, m.Code, m.Err);
        StringAssert.EndsWith(m.Out.Trim(), $"n_real=30 n_fake=30 features=coevo-{Path.GetFileName(data)}");
        StringAssert.Contains(m.Err, $"Coevo {Path.GetFileName(data)} features");

        var bad = Coevo("features", "train", "--data", Path.Combine(data, "dark"), "-o", weights);
        Assert.AreEqual(2, bad.Code);
        StringAssert.Contains(bad.Err, "at least 2 classes");
    }
}
