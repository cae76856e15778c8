using System.Diagnostics;
using System.Runtime.InteropServices;
using Coevo.Coevolution.IO;

namespace Coevo.Tests.Experiments;

/// <summary>
/// Real processes, really killed: a <c>coevo run</c> child is SIGKILLed at many moments (mid-generation, mid-file,
/// inside a checkpoint swap) or sent SIGTERM/SIGHUP, then resumed; the result must equal an uninterrupted run byte for byte.
/// </summary>
[TestClass]
[DoNotParallelize] // timed kills want the cores to themselves
public partial class KillTests
{
    private const int Generations = 24;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Signal(int pid, int signal);

    private static readonly Lazy<(TestFolder Folder, string Config, string Whole)> Reference = new(() =>
    {
        var folder = new TestFolder();
        string config = folder.Write(TestFolder.ValidYaml()
            .Replace("type: biomorph", "type: gp").Replace("population: 6", "population: 16").Replace("image_size: 16", "image_size: 32")
            .Replace($"generations: 3", $"generations: {Generations}").Replace("checkpoint_every: 2", "checkpoint_every: 4"));
        string whole = Path.Combine(folder.Dir, "whole");
        var r = Cli.Child(["run", config, "--out", whole]);
        Assert.AreEqual(0, r.Code, r.Err);
        return (folder, config, whole);
    });

    [ClassCleanup]
    public static void CleanUp()
    {
        if (Reference.IsValueCreated) Reference.Value.Folder.Dispose();
    }

    /// <summary>Resumes <paramref name="dir"/> in a child process and checks it ends exactly as the uninterrupted run.</summary>
    private static void ResumeAndCompare(string dir, string what)
    {
        var (_, config, whole) = Reference.Value;
        // killed before its config was written, the run starts again in the same folder; after, it resumes
        var r = Cli.Child(File.Exists(Path.Combine(dir, "config.yaml")) ? ["run", "--resume", dir] : ["run", config, "--out", dir]);
        Assert.AreEqual(0, r.Code, $"{what}: {r.Err}");
        CollectionAssert.AreEqual(Cli.Scores(whole), Cli.Scores(dir), what);
        CollectionAssert.AreEqual(Cli.Population(whole, Generations), Cli.Population(dir, Generations), what);
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(whole, "best.sexp")), File.ReadAllBytes(Path.Combine(dir, "best.sexp")), what);
        var leftovers = Directory.GetFileSystemEntries(Path.Combine(dir, "checkpoints")).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).ToList();
        Assert.AreEqual(0, leftovers.Count, $"{what}: leftovers {string.Join(", ", leftovers)}");
    }

    [TestMethod]
    [DataRow("checkpoint.written#1")]   // the starting checkpoint complete but not in place: the run starts again in place
    [DataRow("checkpoint.written#3")]   // a periodic checkpoint complete in its temporary folder
    [DataRow("checkpoint.moved#2")]     // renamed into place, latest not yet moved
    [DataRow("checkpoint.linked#3")]    // latest moved, older checkpoints not yet pruned
    [DataRow("folder.deleting#1")]      // an old checkpoint half-way through deletion
    [DataRow("file.before-rename#9")]   // a metrics.csv or sheet complete but not yet renamed
    [DataRow("file.before-rename#40")]
    public void AKillInsideACheckpointOrFileWriteLosesNothing(string point)
    {
        var (folder, config, _) = Reference.Value;
        string dir = Path.Combine(folder.Dir, "killed-" + point.Replace('#', '-'));
        var r = Cli.Child(["run", config, "--out", dir], new Dictionary<string, string> { [FaultPoints.Variable] = point });
        Assert.AreEqual(137, r.Code, $"killed by SIGKILL at {point}: {r.Err}");
        ResumeAndCompare(dir, point);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(2)]
    [DataRow(5)]
    [DataRow(11)]
    [DataRow(19)]
    public void AKillAtAnyMomentOfTheRunLosesNothing(int rows)
    {
        var (folder, config, _) = Reference.Value;
        string dir = Path.Combine(folder.Dir, $"killed-after-{rows}-rows");
        using (var p = Cli.Start(["run", config, "--out", dir]))
        {
            WaitForRows(p, dir, rows);
            p.Kill(); // SIGKILL
            p.WaitForExit();
        }
        ResumeAndCompare(dir, $"killed after {rows} rows");
    }

    [TestMethod]
    [DataRow(15, 143)] // SIGTERM: docker stop, Slurm, timeout
    [DataRow(1, 129)]  // SIGHUP: the terminal went away
    public void ASignalStopsAtASafePointWithACheckpoint(int signal, int exitCode)
    {
        var (folder, config, _) = Reference.Value;
        string dir = Path.Combine(folder.Dir, $"signal-{signal}");
        using (var p = Cli.Start(["run", config, "--out", dir]))
        {
            var stderr = p.StandardError.ReadToEndAsync();
            WaitForRows(p, dir, 3);
            Assert.AreEqual(0, Signal(p.Id, signal));
            Assert.IsTrue(p.WaitForExit(60_000));
            Assert.AreEqual(exitCode, p.ExitCode, stderr.Result);
            StringAssert.Contains(stderr.Result, "stopping at the next safe point and writing a checkpoint");
        }
        int stopped = File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length - 1;
        Assert.IsTrue(stopped < Generations, "it stopped early");
        Assert.AreEqual($"gen-{stopped:D6}", new FileInfo(Path.Combine(dir, "checkpoints", "latest")).LinkTarget, "a checkpoint of the last generation");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "log.txt")), $"run interrupted after generation {stopped}: stopped on request");
        ResumeAndCompare(dir, $"signal {signal}");
    }

    /// <summary>Waits until the run's metrics.csv has at least <paramref name="rows"/> rows (0: until its folder exists).</summary>
    private static void WaitForRows(Process p, string dir, int rows)
    {
        var clock = Stopwatch.StartNew();
        string metrics = Path.Combine(dir, "metrics.csv");
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.IsFalse(p.HasExited, $"the run ended before {rows} rows: {p.StandardError.ReadToEnd()}");
            if (rows == 0 ? Directory.Exists(dir) : File.Exists(metrics) && SafeLines(metrics) > rows) return;
            Thread.Sleep(5);
        }
        Assert.Fail($"no {rows} rows within 60 s");
    }

    private static int SafeLines(string path)
    {
        try { return File.ReadAllLines(path).Length; }
        catch (IOException) { return 0; }
    }
}
