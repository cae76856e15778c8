using System.Diagnostics;
using System.Xml.Linq;
using Coevo.Tests.Support;

namespace Coevo.Tests.Experiments;

[TestClass]
public sealed class CompareTests : TempFolders
{
    /// <summary>Two quick approaches × two seeds on 200 sneakers: an evolved CPPN against a fixed aesthetic critic, and a tiny DCGAN.</summary>
    private const string Tiny = """
        name: tiny-compare
        seeds: [1, 2]
        parallel: 2
        budget:
          images: 320
        common:
          threads: 1
          data: {type: fashion_mnist, classes: [Sneaker], limit: 200}
          output: {sample_every: 5, checkpoint_every: 5, sample_count: 16}
          metrics: {every: 5, samples: 16}
        measure:
          real: fashion-mnist:test:class=Sneaker
          samples: 16
          critic_epochs: 2
        cells:
          cppn-complexity:
            artist: {type: cppn, image_size: 28, population: 16}
            critic: {type: aesthetic_complexity}
            schedule: {type: evolve}
          dcgan:
            artist: {type: dcgan, widths: [16, 8], samples: 16}
            critic: {type: cnn, widths: [8, 16]}
            schedule: {type: gan, batch_size: 16, samples: 16}
        """;

    private static readonly string[] Figures = ["fid", "kid", "precision", "recall", "diversity", "fooling_rate", "complexity", "bell", "images_judged", "seconds"];

    private string WriteCompare(string text, string name = "compare.yaml")
    {
        string dir = TempDir();
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A CSV without the columns whose names contain "seconds" (wall-clock time differs from run to run).</summary>
    private static string[] WithoutSeconds(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var drop = lines[0].Split(',').Select((c, i) => (c, i)).Where(x => x.c.Contains("seconds")).Select(x => x.i).ToHashSet();
        return lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => !drop.Contains(i)))).ToArray();
    }

    [TestMethod]
    public void ATinyComparisonRunsItsCellsMeasuresThemAndTheSlurmRoundTripGivesTheSameTables()
    {
        string config = WriteCompare(Tiny);
        string dir = Path.Combine(TempDir(), "cmp");
        var (code, output, err) = Cli.Run("compare", config, "--out", dir);
        Assert.AreEqual(0, code, output + err);
        StringAssert.Contains(output, "4 of 4 cells finished");

        foreach (var id in new[] { "cppn-complexity-seed1", "cppn-complexity-seed2", "dcgan-seed1", "dcgan-seed2" })
        {
            string run = Path.Combine(dir, "runs", id);
            Assert.IsTrue(File.Exists(Path.Combine(run, "metrics.csv")), $"{id} is an ordinary run folder");
            var last = File.ReadLines(Path.Combine(run, "metrics.csv")).Last().Split(',');
            var header = File.ReadLines(Path.Combine(run, "metrics.csv")).First().Split(',');
            Assert.IsTrue(long.Parse(last[Array.IndexOf(header, "images_judged")]) >= 320, $"{id} spent the images budget");
        }

        var csv = File.ReadAllLines(Path.Combine(dir, "comparison.csv"));
        CollectionAssert.AreEqual(
            new[] { "approach", "artist", "critic", "schedule", "seeds" }.Concat(Figures.SelectMany(f => new[] { f + "_mean", f + "_std" })).ToArray(),
            csv[0].Split(','));
        Assert.AreEqual(3, csv.Length, "one row per approach");
        StringAssert.StartsWith(csv[1], "cppn-complexity,cppn,aesthetic_complexity,evolve,2,");
        StringAssert.StartsWith(csv[2], "dcgan,dcgan,cnn,gan,2,");
        var cells = File.ReadAllLines(Path.Combine(dir, "cells.csv"));
        Assert.AreEqual(5, cells.Length, "one row per cell");

        // the mean and std of an approach are those of its two cells
        var h = cells[0].Split(',');
        double Cell(int row, string f) => double.Parse(cells[row].Split(',')[Array.IndexOf(h, f)], System.Globalization.CultureInfo.InvariantCulture);
        double Agg(string f, string which) => double.Parse(csv[1].Split(',')[Array.IndexOf(csv[0].Split(','), f + "_" + which)], System.Globalization.CultureInfo.InvariantCulture);
        double a = Cell(1, "fid"), b = Cell(2, "fid");
        Assert.AreEqual((a + b) / 2, Agg("fid", "mean"), 1e-3 * Math.Abs(a));
        Assert.AreEqual(Math.Abs(a - b) / Math.Sqrt(2), Agg("fid", "std"), 1e-3 * Math.Abs(a) + 1e-9);
        Assert.IsTrue(a > 0 && double.IsFinite(a));

        string md = File.ReadAllText(Path.Combine(dir, "comparison.md"));
        StringAssert.Contains(md, "| approach | artist · critic · schedule | FID ↓ | KID ↓ | precision ↑ | recall ↑ |");
        StringAssert.Contains(md, "| cppn-complexity | cppn artist · aesthetic_complexity critic · evolve schedule |");
        StringAssert.Contains(md, "held-out critic");

        string report = File.ReadAllText(Path.Combine(dir, "report.html"));
        XDocument.Parse(report.Replace("<!DOCTYPE html>", "")); // well-formed
        StringAssert.Contains(report, "<svg");
        foreach (var id in new[] { "cppn-complexity-seed1", "dcgan-seed2" })
            StringAssert.Contains(report, $"src=\"runs/{id}/samples/");

        // running it again continues it: every cell is kept, and the measurement is the same
        var before = WithoutSeconds(Path.Combine(dir, "comparison.csv"));
        File.Delete(Path.Combine(dir, "comparison.csv"));
        var again = Cli.Run("compare", "--resume", dir);
        Assert.AreEqual(0, again.Code, again.Out + again.Err);
        StringAssert.Contains(again.Out, "4 of 4 cells finished before; running the other 0");
        CollectionAssert.AreEqual(before, WithoutSeconds(Path.Combine(dir, "comparison.csv")));

        // the Slurm route: emit, run each task's command by hand, collect; the same figures
        string slurm = Path.Combine(TempDir(), "slurm");
        var emitted = Cli.Run("compare", config, "--emit", "slurm", slurm);
        Assert.AreEqual(0, emitted.Code, emitted.Out + emitted.Err);
        string job = File.ReadAllText(Path.Combine(slurm, "compare.sbatch"));
        StringAssert.Contains(job, "#SBATCH --array=0-3");
        StringAssert.Contains(job, "#SBATCH --cpus-per-task=1");
        StringAssert.Contains(job, "run-cell.sh");
        CollectionAssert.AreEqual(new[] { "cppn-complexity-seed1", "cppn-complexity-seed2", "dcgan-seed1", "dcgan-seed2" }, File.ReadAllLines(Path.Combine(slurm, "cells.txt")));
        var early = Cli.Run("compare", "--collect", slurm);
        Assert.AreEqual(2, early.Code, "nothing to measure before any task ran");
        StringAssert.Contains(early.Err, "no cell has finished yet");
        for (int task = 0; task < 4; task++)
        {
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(slurm, "run-cell.sh"));
            psi.ArgumentList.Add(task.ToString());
            using var p = Process.Start(psi)!;
            string o = p.StandardOutput.ReadToEnd(), e = p.StandardError.ReadToEnd();
            Assert.IsTrue(p.WaitForExit(120_000));
            Assert.AreEqual(0, p.ExitCode, $"task {task}: {o}{e}");
        }
        var collected = Cli.Run("compare", "--collect", slurm);
        Assert.AreEqual(0, collected.Code, collected.Out + collected.Err);
        CollectionAssert.AreEqual(WithoutSeconds(Path.Combine(dir, "comparison.csv")), WithoutSeconds(Path.Combine(slurm, "comparison.csv")));
        CollectionAssert.AreEqual(WithoutSeconds(Path.Combine(dir, "cells.csv")), WithoutSeconds(Path.Combine(slurm, "cells.csv")));
        Assert.IsTrue(File.Exists(Path.Combine(slurm, "report.html")));
    }

    [TestMethod]
    public void AStopSignalStopsTheRunningCellsWithACheckpointAndResumeFinishesThem()
    {
        // long enough cells (two tiny GANs, one per seed, at once) to be interrupted in the middle
        string text = Tiny.Replace("images: 320", "images: 6400")
            .Replace("  cppn-complexity:\n    artist: {type: cppn, image_size: 28, population: 16}\n    critic: {type: aesthetic_complexity}\n    schedule: {type: evolve}\n", "");
        string config = WriteCompare(text);
        string dir = Path.Combine(TempDir(), "cmp");
        using (var p = Cli.Start(["compare", config, "--out", dir]))
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            string metrics = Path.Combine(dir, "runs", "dcgan-seed2", "metrics.csv");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!(File.Exists(metrics) && File.ReadAllLines(metrics).Length > 30) && clock.Elapsed < TimeSpan.FromSeconds(120)) Thread.Sleep(100);
            Assert.IsTrue(File.Exists(metrics), "the second cell started");
            // SIGTERM to the comparison alone (its cells run in sessions of their own, so a terminal's Ctrl-C reaches
            // only the comparison too); not SIGINT, which a test run started in a script's background inherits ignored
            Coevo.Coevolution.IO.Posix.Signal(p.Id, 15);
            Assert.IsTrue(p.WaitForExit(120_000));
            Assert.AreEqual(143, p.ExitCode, stdout.Result + stderr.Result);
            StringAssert.Contains(stdout.Result, $"stopped; continue with: coevo compare --resume {dir}");
            StringAssert.Contains(stdout.Result, "stopped with a checkpoint dcgan-seed2");
        }
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "runs", "dcgan-seed2", "log.txt")), "run interrupted after step");
        Assert.IsFalse(File.Exists(Path.Combine(dir, "comparison.csv")), "nothing is measured before every cell is done");

        var resumed = Cli.Run("compare", "--resume", dir);
        Assert.AreEqual(0, resumed.Code, resumed.Out + resumed.Err);
        StringAssert.Contains(resumed.Out, "resume dcgan-seed2");
        StringAssert.Contains(resumed.Out, "2 of 2 cells finished");
        var header = File.ReadLines(Path.Combine(dir, "cells.csv")).First().Split(',');
        foreach (var row in File.ReadLines(Path.Combine(dir, "cells.csv")).Skip(1))
            Assert.IsTrue(double.Parse(row.Split(',')[Array.IndexOf(header, "images_judged")], System.Globalization.CultureInfo.InvariantCulture) >= 6400, row);
    }

    [TestMethod]
    [DataRow("budget:\n  images: 10\n", "missing 'cells:' mapping", 1)]
    [DataRow("cells:\n  a: {artist: {type: cppn}, critic: {type: aesthetic_bell}}\n", "missing 'budget:' mapping", 1)]
    [DataRow("budget: {images: 10}\nwhatever: 1\ncells:\n  a: {artist: {type: cppn}, critic: {type: aesthetic_bell}}\n", "unknown section 'whatever'", 3)]
    [DataRow("budget: {images: 10}\ncommon: {seed: 3}\ncells:\n  a: {artist: {type: cppn}, critic: {type: aesthetic_bell}}\n", "'seed' is set by the comparison", 3)]
    [DataRow("budget: {images: 10}\ncells:\n  a:\n    artist: {type: cppn, population: -4}\n    critic: {type: aesthetic_bell}\n", "population", 5)]
    [DataRow("budget: {images: 10}\ncells:\n  a b: {artist: {type: cppn}, critic: {type: aesthetic_bell}}\n", "cell name 'a b'", 4)]
    [DataRow("budget: {images: 10}\nseeds: []\ncells:\n  a: {artist: {type: cppn}, critic: {type: aesthetic_bell}}\n", "at least one seed", 3)]
    [DataRow("budget: {images: 10}\ncells:\n  a: {artist: {type: cppn}, critic: {type: aesthetic_bell}, budget: {images: 5}}\n", "every cell gets the same budget", 4)]
    public void ABadCompareFileIsRefusedAtItsLineWithExit2AndNothingWritten(string body, string message, int line)
    {
        string config = WriteCompare("name: bad\n" + body);
        string outDir = Path.Combine(Path.GetDirectoryName(config)!, "out");
        var (code, output, err) = Cli.Run("compare", config, "--out", outDir);
        Assert.AreEqual(2, code, output + err);
        StringAssert.Contains(err, message);
        StringAssert.Contains(err, $"compare.yaml:{line}:");
        Assert.IsFalse(err.Contains("   at "), "no stack trace");
        Assert.IsFalse(Directory.Exists(outDir), "nothing is written");
    }

    [TestMethod]
    public void AnImpossiblePairingIsRefusedBeforeAnythingRuns()
    {
        string config = WriteCompare("name: bad\nbudget: {images: 10}\ncommon: {data: {type: fashion_mnist, limit: 50}}\ncells:\n  gan-evolved:\n    artist: {type: dcgan}\n    critic: {type: cnn}\n    schedule: {type: evolve}\n");
        string outDir = Path.Combine(Path.GetDirectoryName(config)!, "out");
        var (code, _, err) = Cli.Run("compare", config, "--out", outDir);
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "the evolve schedule cannot pair the dcgan artist with the cnn critic");
        Assert.IsFalse(Directory.Exists(outDir));
    }

    [TestMethod]
    public void BadArgumentsAndFoldersAreRefusedWithExit2AndNothingIsLost()
    {
        string config = WriteCompare("name: ok\nbudget: {images: 10}\ncells:\n  a: {artist: {type: cppn, image_size: 8}, critic: {type: aesthetic_bell}}\n");
        string folder = TempDir();

        var emit = Cli.Run("compare", config, "--emit", "pbs", Path.Combine(folder, "x"));
        Assert.AreEqual(2, emit.Code);
        StringAssert.Contains(emit.Err, "unknown target 'pbs'");

        var notCompare = Cli.Run("compare", "--collect", folder);
        Assert.AreEqual(2, notCompare.Code);
        StringAssert.Contains(notCompare.Err, "not a comparison folder: compare.yaml is missing");

        var missing = Cli.Run("compare", "--resume", Path.Combine(folder, "nothing"));
        Assert.AreEqual(2, missing.Code);
        StringAssert.Contains(missing.Err, "comparison folder not found");

        var both = Cli.Run("compare", config, "--resume", folder);
        Assert.AreEqual(2, both.Code);
        StringAssert.Contains(both.Err, "give no compare file or --out");

        string keep = Path.Combine(folder, "notes.txt");
        File.WriteAllText(keep, "mine");
        var occupied = Cli.Run("compare", config, "--out", folder);
        Assert.AreEqual(2, occupied.Code);
        StringAssert.Contains(occupied.Err, "is not empty and holds no comparison");
        Assert.AreEqual("mine", File.ReadAllText(keep));
        CollectionAssert.AreEqual(new[] { keep }, Directory.GetFileSystemEntries(folder));

        var none = Cli.Run("compare");
        Assert.AreEqual(2, none.Code);
        StringAssert.Contains(none.Err, "missing compare file");
    }
}
