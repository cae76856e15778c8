using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Cnn;
using static TorchSharp.torch;

namespace Coevo.Tests.Experiments;

/// <summary>`coevo run` with the gan schedule, on a tiny folder of generated images (16x16 squares).</summary>
[TestClass]
public class GanRunTests
{
    /// <summary>The data: section for the folder <see cref="Squares"/> makes.</summary>
    internal const string SquaresData = "data:\n  type: image_folder\n  path: squares\n  width: 16\n  height: 16\n  grayscale: true";

    private static string GanYaml(string extra = "") => $"""
        name: tinygan
        seed: 3
        threads: 2
        artist:
          type: dcgan
          image_size: 16
          widths: [32, 16]
          latent_size: 8
          lr: 0.001
        critic:
          type: cnn
          image_size: 16
          widths: [8, 16]
          dropout: 0.2
          minibatch_stddev: true
        schedule:
          type: gan
          batch_size: 8
          label_flip: 0.05
          label_smoothing: 0.1
          instance_noise: 0.1
          replay_size: 16
          samples: 16
          check_every: 5
        {SquaresData}
        budget:
          steps: 20
        output:
          dir: runs
          sample_every: 10
          checkpoint_every: 10
        {extra}
        """;

    internal static TestFolder Squares()
    {
        var folder = new TestFolder();
        string dir = Path.Combine(folder.Dir, "squares");
        Directory.CreateDirectory(dir);
        var rng = new Random(1);
        for (int i = 0; i < 48; i++)
        {
            var img = new Image(16, 16);
            int x0 = rng.Next(0, 10), y0 = rng.Next(0, 10), side = rng.Next(3, 7);
            for (int y = y0; y < y0 + side; y++)
                for (int x = x0; x < x0 + side; x++)
                    img[x, y] = (1, 1, 1);
            Png.Write(img, Path.Combine(dir, $"sq{i:D2}.png"));
        }
        return folder;
    }

    [TestMethod]
    public void ATinyGanRunsEndToEndAndWritesItsRunFolder()
    {
        using var folder = Squares();
        var (code, output, err) = Cli.Run("run", folder.Write(GanYaml()));
        Assert.AreEqual(0, code, err);
        string dir = Cli.RunDir(output);
        var csv = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        Assert.AreEqual("step,loss_d,loss_g,d_real,d_fake,d_fake_after,sample_diversity,elapsed_s,images_judged", csv[0]);
        Assert.AreEqual(21, csv.Length, "one row per step");
        Assert.IsTrue(csv.Skip(1).All(l => double.IsFinite(double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))), "finite D losses");
        Assert.AreEqual("", csv[2].Split(',')[6], "sample diversity is measured every check_every steps only");
        Assert.AreNotEqual("", csv[5].Split(',')[6]);
        foreach (var f in new[] { "samples/step-0001.png", "samples/step-0010.png", "samples/step-0020.png", "report.html",
                                  "checkpoints/step-000020/generator.safetensors", "checkpoints/step-000020/discriminator.safetensors",
                                  "checkpoints/step-000020/replay.safetensors", "checkpoints/step-000020/generator-adam.bin" })
            Assert.IsTrue(File.Exists(Path.Combine(dir, f)), f);
        var sheet = Png.Read(Path.Combine(dir, "samples", "step-0020.png"));
        Assert.IsTrue(sheet.Width > 16 * 4, "a sheet of the fixed-z samples");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "log.txt")), "step 20: loss_d");
    }

    [TestMethod]
    public void AResumedGanEqualsAnUninterruptedOneBitForBit()
    {
        using var folder = Squares();
        var whole = Cli.Run("run", folder.Write(GanYaml(), "whole.yaml"), "--out", Path.Combine(folder.Dir, "whole"));
        Assert.AreEqual(0, whole.Code, whole.Err);
        var half = Cli.Run("run", folder.Write(GanYaml(), "half.yaml"), "--out", Path.Combine(folder.Dir, "half"), "--set", "budget.steps=10");
        Assert.AreEqual(0, half.Code, half.Err);
        var resumed = Cli.Run("run", "--resume", Path.Combine(folder.Dir, "half"), "--set", "budget.steps=20");
        Assert.AreEqual(0, resumed.Code, resumed.Err);

        foreach (var file in new[] { "generator.safetensors", "discriminator.safetensors", "generator-adam.bin", "discriminator-adam.bin", "replay.safetensors" })
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(folder.Dir, "whole", "checkpoints", "step-000020", file)),
                                      File.ReadAllBytes(Path.Combine(folder.Dir, "half", "checkpoints", "step-000020", file)), file);
        CollectionAssert.AreEqual(Cli.Scores(Path.Combine(folder.Dir, "whole")), Cli.Scores(Path.Combine(folder.Dir, "half")));
    }

    [TestMethod]
    public void LossesThatStopBeingFiniteEndTheRunAndKeepTheLastGoodCheckpoint()
    {
        using var folder = Squares();
        string run = Path.Combine(folder.Dir, "nan");
        Assert.AreEqual(0, Cli.Run("run", folder.Write(GanYaml()), "--out", run, "--set", "budget.steps=10").Code);
        // poison the discriminator of the newest checkpoint: its next loss is NaN
        string ckpt = Path.Combine(run, "checkpoints", "step-000010");
        using (var d = new CnnCritic(new CnnCriticOptions { ImageSize = 16, Widths = [8, 16], Dropout = 0.2, MinibatchStddev = true }, 1, CPU))
        {
            d.LoadCheckpoint(ckpt);
            using (no_grad()) foreach (var p in d.Network.parameters()) p.fill_(float.NaN);
            d.SaveCheckpoint(ckpt);
        }
        var (code, _, err) = Cli.Run("run", "--resume", run, "--set", "budget.steps=20");
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "the losses are no longer finite");
        StringAssert.Contains(err, "the newest checkpoint is step-000010");
        Assert.IsFalse(Directory.Exists(Path.Combine(run, "checkpoints", "step-000011")), "no checkpoint of diverged weights");
    }

    [TestMethod]
    [DataRow("artist:\n  type: gp", "this artist evolves")]
    [DataRow("critic:\n  type: target\n  image: target.png", "needs a critic it can train by gradient")]
    [DataRow("data: ~", "add a data: section")]
    [DataRow("critic:\n  type: cnn\n  image_size: 32\n  widths: [8, 16]", "the artist makes 1x16x16 images but the critic takes 1x32x32")]
    [DataRow("schedule:\n  type: evolve", "learns by gradient, not from scores")]
    public void ValidateRejectsAPairingThatCannotWorkAndSaysWhy(string replace, string reason)
    {
        using var folder = Squares();
        string yaml = GanYaml();
        string section = replace.Split(':')[0] + ":";
        // swap the named section for the replacement
        var lines = yaml.Split('\n').ToList();
        int start = lines.FindIndex(l => l.StartsWith(section));
        int end = lines.FindIndex(start + 1, l => l.Length > 0 && !l.StartsWith(' '));
        lines.RemoveRange(start, end - start);
        lines.Insert(start, replace);
        var (code, _, err) = Cli.Run("validate", folder.Write(string.Join('\n', lines)));
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, reason);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, "one line, no stack trace");
    }

    [TestMethod]
    public void SampleLatentAndInpaintToolsWorkOnAGanRunFolder()
    {
        using var folder = Squares();
        string run = Path.Combine(folder.Dir, "gan");
        Assert.AreEqual(0, Cli.Run("run", folder.Write(GanYaml()), "--out", run, "--set", "budget.steps=10").Code);

        var sample = Cli.Run("sample", run, "--n", "12", "-o", Path.Combine(folder.Dir, "s"));
        Assert.AreEqual(0, sample.Code, sample.Err);
        Assert.AreEqual(12, Directory.GetFiles(Path.Combine(folder.Dir, "s"), "sample-*.png").Length);
        Assert.IsTrue(File.Exists(Path.Combine(folder.Dir, "s", "sheet.png")));
        var again = Cli.Run("sample", run, "--n", "12", "-o", Path.Combine(folder.Dir, "s"));
        Assert.AreEqual(2, again.Code, "a folder with files is never overwritten");
        StringAssert.Contains(again.Err, "not empty");

        string walk = Path.Combine(folder.Dir, "walk.png");
        var interpolate = Cli.Run("latent", "interpolate", run, "--pair", "0:1", "--pair", "2:3", "--steps", "5", "-o", walk);
        Assert.AreEqual(0, interpolate.Code, interpolate.Err);
        var grid = Png.Read(walk);
        Assert.IsTrue(grid.Width > 5 * 16 && grid.Height > 2 * 16, "two rows of five images");
        // the walk's ends are the samples themselves
        var ends = Png.Read(Path.Combine(folder.Dir, "s", "sample-00000.png"));
        Assert.AreEqual(16, ends.Width);
        Assert.AreEqual(0, Cli.Run("latent", "arithmetic", run, "--a", "0,1", "--b", "2", "--c", "3,4,5", "-o", Path.Combine(folder.Dir, "sum.png")).Code);
        Assert.AreEqual(2, Cli.Run("latent", "interpolate", run, "--pair", "3-4", "-o", Path.Combine(folder.Dir, "x.png")).Code);

        var mask = new Image(16, 16);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                mask[x, y] = x is >= 4 and < 12 && y is >= 4 and < 12 ? (0f, 0f, 0f) : (1f, 1f, 1f);
        Png.Write(mask, Path.Combine(folder.Dir, "mask.png"));
        string picture = Path.Combine(folder.Dir, "squares", "sq05.png");
        var inpaint = Cli.Run("inpaint", run, "--image", picture, "--mask", Path.Combine(folder.Dir, "mask.png"), "--steps", "60", "--restarts", "4", "-o", Path.Combine(folder.Dir, "fill"));
        Assert.AreEqual(0, inpaint.Code, inpaint.Err);
        var original = Png.Read(picture);
        var blend = Png.Read(Path.Combine(folder.Dir, "fill", "blend.png"));
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                if (mask[x, y].R > 0.5f) Assert.AreEqual(original[x, y].R, blend[x, y].R, 1e-6, $"known pixel {x},{y} is kept");
        var losses = File.ReadAllLines(Path.Combine(folder.Dir, "fill", "loss.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.IsTrue(losses[^1] < losses[0], $"the contextual loss falls: {string.Join(", ", losses)}");

        var notGan = Cli.Run("latent", "interpolate", Path.Combine(folder.Dir, "missing"), "-o", Path.Combine(folder.Dir, "y.png"));
        Assert.AreEqual(2, notGan.Code);
        StringAssert.Contains(notGan.Err, "run folder not found");
    }
}
