using Coevo.Coevolution.IO;
using Coevo.Tests.Support;

namespace Coevo.Tests.Experiments;

/// <summary>What a resume checks, what it may change, and that a resumed run equals an uninterrupted one.</summary>
[TestClass]
public class ResumeTests
{
    private static (int Code, string Out, string Err) Coevo(params string[] args) => Cli.Run(args);

    /// <summary>A finished run of <paramref name="generations"/> in folder <paramref name="name"/>.</summary>
    private static string Finished(TestFolder folder, string name, int generations = 4, params string[] set)
    {
        string dir = Path.Combine(folder.Dir, name);
        var args = new List<string> { "run", folder.Write(TestFolder.ValidYaml()), "--out", dir, "--set", $"budget.generations={generations}" };
        foreach (var s in set) { args.Add("--set"); args.Add(s); }
        var r = Coevo(args.ToArray());
        Assert.AreEqual(0, r.Code, r.Err);
        return dir;
    }

    [TestMethod]
    public void SetIsRefusedOnResumeExceptToRaiseTheBudgetWhichIsWrittenDown()
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run");
        string config = File.ReadAllText(Path.Combine(dir, "config.yaml"));

        var (code, _, err) = Coevo("run", "--resume", dir, "--set", "artist.population=12");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--set artist.population=12: a resumed run keeps its config");
        (code, _, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=2");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "a resumed run's budget can only be raised (it is 4)");
        Assert.AreEqual(config, File.ReadAllText(Path.Combine(dir, "config.yaml")), "a refused resume changes nothing");

        (code, var output, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=6");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "budget raised: generations 4 -> 6");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "config.yaml")), "generations: 6");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "log.txt")), "budget raised: generations 4 -> 6");
        Assert.AreEqual(7, File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length);
    }

    [TestMethod]
    public void TwoProcessesCannotUseOneRunFolder()
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run");
        using (FolderLock.Acquire(dir))
        {
            var (code, _, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=6");
            Assert.AreEqual(2, code);
            StringAssert.Contains(err, $"{dir}: another coevo process is using this run folder");
        }
        Assert.AreEqual(0, Coevo("run", "--resume", dir, "--set", "budget.generations=6").Code, "the lock goes with its holder");
    }

    [TestMethod]
    [DataRow("drop", "ends after 3 rows, but the checkpoint is after 4 units")]
    [DataRow("garbage", "row 2 is not 8 numbers")]
    [DataRow("gap", "row 2 is number 3, expected 2")]
    [DataRow("header", "does not start with the header")]
    [DataRow("delete", "is missing, but the checkpoint is after 4 units")]
    public void MetricsThatDisagreeWithTheCheckpointAreRejectedNotRewritten(string damage, string problem)
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run");
        string metrics = Path.Combine(dir, "metrics.csv");
        var lines = File.ReadAllLines(metrics).ToList();
        switch (damage)
        {
            case "drop": lines.RemoveAt(lines.Count - 1); break;
            case "garbage": lines[2] = "2,zero,0,0,0,0,0"; break;
            case "gap": lines.RemoveAt(2); break;
            case "header": lines[0] = "gen,score"; break;
        }
        if (damage == "delete") File.Delete(metrics); else File.WriteAllLines(metrics, lines);
        string before = File.Exists(metrics) ? File.ReadAllText(metrics) : "";
        var (code, _, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=6");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, $"{metrics}");
        StringAssert.Contains(err, problem);
        Assert.AreEqual(before, File.Exists(metrics) ? File.ReadAllText(metrics) : "");
    }

    [TestMethod]
    public void ACheckpointOfAnotherPopulationSizeIsRejected()
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run");
        string config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("population: 6", "population: 8"));
        var (code, _, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=6");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, Path.Combine(dir, "checkpoints", "gen-000004", "population.json"));
        StringAssert.Contains(err, "holds 6 genomes, but the config's population is 8");
    }

    [TestMethod]
    public void AnImpossibleGenerationIsRejected()
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run");
        string state = Path.Combine(dir, "checkpoints", "gen-000004", "state.json");
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"Generation\": 4", "\"Generation\": -4"));
        var (code, _, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=6");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, $"{state}: corrupt run state: Generation must not be negative");
    }

    [TestMethod]
    public void ARunStoppedBeforeItsFirstCheckpointStartsAgainInPlace()
    {
        using var folder = new TestFolder();
        string whole = Finished(folder, "whole");
        string early = Finished(folder, "early");
        // what a kill before the first checkpoint leaves: the folder, its config, maybe a log line
        Directory.Delete(Path.Combine(early, "checkpoints"), recursive: true);
        Directory.CreateDirectory(Path.Combine(early, "checkpoints"));
        File.Delete(Path.Combine(early, "metrics.csv"));
        foreach (var f in Directory.GetFiles(Path.Combine(early, "samples"))) File.Delete(f);
        var (code, output, err) = Coevo("run", "--resume", early);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "no checkpoint yet (the run stopped before its first): it starts again in place");
        CollectionAssert.AreEqual(Cli.Scores(whole), Cli.Scores(early));
        CollectionAssert.AreEqual(Cli.Population(whole, 4), Cli.Population(early, 4));
    }

    [TestMethod]
    public void AMissingLatestLinkResumesFromTheNewestCheckpointAndSaysSo()
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run");
        File.Delete(Path.Combine(dir, "checkpoints", "latest"));
        var (code, output, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=5");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "checkpoints/latest was missing; resuming from gen-000004, the newest complete checkpoint");
        Assert.AreEqual("gen-000005", new FileInfo(Path.Combine(dir, "checkpoints", "latest")).LinkTarget);
    }

    [TestMethod]
    public void AMovedRunFolderStillResumes()
    {
        using var folder = new TestFolder();
        string whole = Finished(folder, "whole", 6);
        string dir = Finished(folder, "run", 3);
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "config.yaml")), "image: inputs/target.png", "inputs are copied in and written relative");
        File.Delete(Path.Combine(folder.Dir, "target.png"));
        string moved = Path.Combine(folder.Dir, "deeper", "still", "run");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(dir, moved);
        var (code, _, err) = Coevo("run", "--resume", moved, "--set", "budget.generations=6");
        Assert.AreEqual(0, code, err);
        CollectionAssert.AreEqual(Cli.Scores(whole), Cli.Scores(moved));
    }

    [TestMethod]
    public void AnIoFailureDuringARunEndsWithOneLineExit1AndACheckpoint()
    {
        using var folder = new TestFolder();
        string dir = Finished(folder, "run", 3, "output.sample_every=1");
        Directory.CreateDirectory(Path.Combine(dir, "samples", "gen-0005.png")); // the sheet of generation 5 cannot be written
        var (code, _, err) = Coevo("run", "--resume", dir, "--set", "budget.generations=8");
        Assert.AreEqual(1, code);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        StringAssert.StartsWith(err, "error: the run failed: generation 5 failed: ");
        StringAssert.Contains(err, "the newest checkpoint is gen-000005");
        StringAssert.Contains(err, $"Resume with: coevo run --resume {dir}");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "log.txt")), "run failed after generation 5");

        Directory.Delete(Path.Combine(dir, "samples", "gen-0005.png"));
        Assert.AreEqual(0, Coevo("run", "--resume", dir).Code);
        CollectionAssert.AreEqual(Cli.Scores(Finished(folder, "whole", 8, "output.sample_every=1")), Cli.Scores(dir));
    }

    /// <summary>Every artist, and every setting that changes what is carried from one generation to the next.</summary>
    [TestMethod]
    [DataRow("gp", 12, new string[0])]
    [DataRow("gp", 12, new[] { "artist.selection=truncation", "artist.crossover_rate=0.9", "artist.elitism=0" })]
    [DataRow("biomorph", 12, new[] { "artist.selection=fitness_proportional", "artist.max_segments=3", "artist.gradient_limit=2" })]
    [DataRow("cppn", 24, new[] { "artist.target_species=0" })]
    [DataRow("cppn", 24, new[] { "artist.target_species=3", "artist.color=hsv" })]
    [DataRow("cppn", 12, new[] { "artist.seed_genome=SEED" })]
    [DataRow("gp", 12, new[] { "budget.stagnation=1000", "budget.seconds=100000" })]
    public void AResumedRunEqualsAnUninterruptedOne(string artist, int generations, string[] settings)
    {
        using var folder = new TestFolder();
        string config = folder.Write(TestFolder.ValidYaml().Replace("type: biomorph", $"type: {artist}").Replace("population: 6", "population: 12"));
        var set = settings.SelectMany(s => new[] { "--set", s.Replace("SEED", Fixtures.Picbreeder("745_LetterG.xml")) }).ToArray();
        string whole = Path.Combine(folder.Dir, "whole"), parts = Path.Combine(folder.Dir, "parts");
        var r = Coevo([.. new[] { "run", config, "--out", whole, "--set", $"budget.generations={generations}" }, .. set]);
        Assert.AreEqual(0, r.Code, r.Err);
        r = Coevo([.. new[] { "run", config, "--out", parts, "--set", "budget.generations=5" }, .. set]);
        Assert.AreEqual(0, r.Code, r.Err);
        r = Coevo("run", "--resume", parts, "--set", $"budget.generations={generations}");
        Assert.AreEqual(0, r.Code, r.Err);
        CollectionAssert.AreEqual(Cli.Scores(whole), Cli.Scores(parts));
        CollectionAssert.AreEqual(Cli.Population(whole, generations), Cli.Population(parts, generations));
    }
}
