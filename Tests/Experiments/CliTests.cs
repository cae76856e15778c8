namespace Coevo.Tests.Experiments;

[TestClass]
public class CliTests
{
    private static (int Code, string Out, string Err) Coevo(params string[] args) => Cli.Run(args);

    private static (int Code, string Out, string Err) CoevoWith(CancellationToken cancel, params string[] args) => Cli.RunWith(cancel, args);

    private static string RunDir(string stdout) => Cli.RunDir(stdout);

    [TestMethod]
    public void ListShowsEveryComponentWithOptionsAndDefaults()
    {
        var (code, output, _) = Coevo("list");
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "artists:");
        StringAssert.Contains(output, "critics:");
        StringAssert.Contains(output, "schedules:");
        StringAssert.Contains(output, "  gp - ");
        StringAssert.Contains(output, "  target - ");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"image\s+\(required\)\s+the target PNG"));
        StringAssert.Contains(output, "  evolve - ");
        // an inherited evolution option with its default, description and range
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"population\s+32\s+individuals per generation \[2\.\.100000\]"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"selection\s+tournament\s+parent selection: tournament, truncation or fitness_proportional"));
        foreach (var c in global::Coevo.Experiments.Registry.All)
            StringAssert.Contains(output, $"  {c.Name} - {c.Description}");
    }

    [TestMethod]
    public void HelpWorksOnEveryCommand()
    {
        foreach (var cmd in new[] { "run", "validate", "list" })
        {
            var (code, output, _) = Coevo(cmd, "--help");
            Assert.AreEqual(0, code, cmd);
            StringAssert.Contains(output, "Usage:", cmd);
        }
    }

    [TestMethod]
    public void BadArgumentsExitWith2()
    {
        Assert.AreEqual(2, Coevo("run", "--seed", "notanumber", "x.yaml").Code);
        Assert.AreEqual(2, Coevo("frobnicate").Code);
        var (code, _, err) = Coevo("run", "/no/such/config.yaml");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "/no/such/config.yaml: config file not found");
    }

    [TestMethod]
    public void ValidateReportsOkAndErrors()
    {
        using var folder = new TestFolder();
        var (code, output, _) = Coevo("validate", folder.Write(TestFolder.ValidYaml()));
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "ok (biomorph artist, target (metric: mse) critic, evolve schedule; needs about ");
        var bad = Coevo("validate", folder.Write(TestFolder.ValidYaml().Replace("population: 6", "population: -1"), "bad.yaml"));
        Assert.AreEqual(2, bad.Code);
        StringAssert.Contains(bad.Err, "bad.yaml:6:15:");
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Dir, "runs")), "validate writes nothing");
    }

    [TestMethod]
    public void BadConfigWritesNothing()
    {
        using var folder = new TestFolder();
        var (code, _, _) = Coevo("run", folder.Write(TestFolder.ValidYaml().Replace("type: target", "type: nobody")));
        Assert.AreEqual(2, code);
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Dir, "runs")));
    }

    [TestMethod]
    public void RunWritesACompleteRunFolder()
    {
        using var folder = new TestFolder();
        string outDir = Path.Combine(folder.Dir, "run1");
        var (code, output, err) = Coevo("run", folder.Write(TestFolder.ValidYaml()), "--out", outDir);
        Assert.AreEqual(0, code, err);
        Assert.AreEqual(outDir, RunDir(output));
        StringAssert.Contains(File.ReadAllText(Path.Combine(outDir, "config.yaml")), "population: 6");
        var rows = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.AreEqual("generation,best,mean,std,diversity,best_ever,elapsed_s,images_judged", rows[0]);
        Assert.AreEqual(4, rows.Length, "header + one row per generation");
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, rows.Skip(1).Select(r => r.Split(',')[0]).ToArray());
        // generation 1, every 2nd, and the last
        CollectionAssert.AreEquivalent(new[] { "gen-0001.png", "gen-0002.png", "gen-0003.png" },
            Directory.GetFiles(Path.Combine(outDir, "samples")).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("gen-000003", new FileInfo(Path.Combine(outDir, "checkpoints", "latest")).LinkTarget, "latest is a link to the newest checkpoint");
        StringAssert.Contains(File.ReadAllText(Path.Combine(outDir, "log.txt")), "run finished after generation 3");
        // plain progress lines, since output is not a terminal
        StringAssert.Contains(output, "gen 1/3 best");
    }

    [TestMethod]
    public void RunFoldersAreNeverOverwritten()
    {
        using var folder = new TestFolder();
        string config = folder.Write(TestFolder.ValidYaml());
        string outDir = Path.Combine(folder.Dir, "taken");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "precious.txt"), "keep me");
        var (code, _, err) = Coevo("run", config, "--out", outDir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "already exists and is not empty");
        Assert.AreEqual("keep me", File.ReadAllText(Path.Combine(outDir, "precious.txt")));
        Assert.AreEqual(1, Directory.GetFileSystemEntries(outDir).Length);

        // two default runs in the same second get different folders
        var a = Coevo("run", config);
        var b = Coevo("run", config);
        Assert.AreEqual(0, a.Code, a.Err);
        Assert.AreEqual(0, b.Code, b.Err);
        Assert.AreNotEqual(RunDir(a.Out), RunDir(b.Out));
    }

    [TestMethod]
    public void ResumedRunMatchesAnUninterruptedOne()
    {
        using var folder = new TestFolder();
        string config = folder.Write(TestFolder.ValidYaml());
        string whole = Path.Combine(folder.Dir, "whole");
        string parts = Path.Combine(folder.Dir, "parts");
        Assert.AreEqual(0, Coevo("run", config, "--out", whole, "--set", "budget.generations=4").Code);
        Assert.AreEqual(0, Coevo("run", config, "--out", parts, "--set", "budget.generations=2").Code);
        var (code, output, err) = Coevo("run", "--resume", parts, "--set", "budget.generations=4");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "resuming 'tiny'");
        CollectionAssert.AreEqual(Cli.Scores(whole), Cli.Scores(parts));
    }

    [TestMethod]
    public void ResumeOfAFinishedRunAsksForABiggerBudget()
    {
        using var folder = new TestFolder();
        string dir = Path.Combine(folder.Dir, "done");
        Assert.AreEqual(0, Coevo("run", folder.Write(TestFolder.ValidYaml()), "--out", dir).Code);
        var (code, _, err) = Coevo("run", "--resume", dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "already reached its budget after generation 3");
        (code, _, err) = Coevo("run", "--resume", dir, "--seed", "5");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--seed cannot be combined with --resume");
    }

    [TestMethod]
    public void ResumeOfANonRunFolderIsBadInput()
    {
        using var folder = new TestFolder();
        var (code, _, err) = Coevo("run", "--resume", folder.Dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "not a run folder: config.yaml is missing");
    }

    [TestMethod]
    public void CtrlCStopsWithACheckpointThatResumes()
    {
        using var folder = new TestFolder();
        string dir = Path.Combine(folder.Dir, "stopped");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var (code, output, _) = CoevoWith(cts.Token, "run", folder.Write(TestFolder.ValidYaml()), "--out", dir);
        Assert.AreEqual(130, code);
        StringAssert.Contains(output, $"continue with: coevo run --resume {dir}");
        Assert.AreEqual("gen-000000", new FileInfo(Path.Combine(dir, "checkpoints", "latest")).LinkTarget);
        var resumed = Coevo("run", "--resume", dir);
        Assert.AreEqual(0, resumed.Code, resumed.Err);
        Assert.AreEqual(4, File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length);
    }

    private static string Fixture(string name) => global::Coevo.Tests.Support.Fixtures.Picbreeder(name);

    [TestMethod]
    public void RenderWritesAPngOfTheRequestedSize()
    {
        using var folder = new TestFolder();
        string png = Path.Combine(folder.Dir, "g.png");
        var (code, output, err) = Coevo("render", Fixture("745_LetterG.xml"), "--size", "40", "-o", png);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "(40x40)");
        var image = global::Coevo.Coevolution.Imaging.Png.Read(png);
        Assert.AreEqual(40, image.Width);
        Assert.AreEqual(40, image.Height);
        Assert.IsTrue(image.Data.Max() > 0.5f && image.Data.Min() < 0.2f, "the letter G has ink and background");
    }

    [TestMethod]
    public void RenderRejectsBadGenomeFiles()
    {
        using var folder = new TestFolder();
        string noKind = folder.Write("{\"nodes\": []}", "nokind.json");
        var (code, _, err) = Coevo("render", noKind);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "nokind.json: a genome JSON file needs a top-level \"kind\"");
        string broken = folder.Write("{\"kind\": \"gp\",", "broken.json");
        (code, _, err) = Coevo("render", broken);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "broken.json:");
        (code, _, err) = Coevo("render", folder.Write("hello", "x.txt"));
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "unknown genome file type '.txt'");
        (code, _, err) = Coevo("render", Fixture("745_LetterG.xml"), "--size", "0");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--size must be between 1 and 16384");
        Assert.AreEqual(2, Coevo("render", Path.Combine(folder.Dir, "missing.xml")).Code);
    }

    [TestMethod]
    public void DataSectionLoadsTheDatasetBeforeTheRun()
    {
        using var folder = new TestFolder();
        string dir = Path.Combine(folder.Dir, "withdata");
        string config = folder.Write(TestFolder.ValidYaml("data:\n  type: fashion_mnist\n  split: test\n  classes: [Sneaker, 9]\n  limit: 50"));
        var (code, _, err) = Coevo("run", config, "--out", dir, "--set", "budget.generations=1");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "log.txt")), "data: ");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "log.txt")), "50 images of 28x28");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "config.yaml")), "classes: [Sneaker, 9]");
    }

    [TestMethod]
    public void ASeedReproducesARunWhateverTheThreadCount()
    {
        using var folder = new TestFolder();
        foreach (var artist in new[] { "gp", "cppn", "biomorph" })
        {
            string config = folder.Write(TestFolder.ValidYaml().Replace("type: biomorph", $"type: {artist}"), $"{artist}.yaml");
            string one = Path.Combine(folder.Dir, artist + "1"), two = Path.Combine(folder.Dir, artist + "2");
            Assert.AreEqual(0, Coevo("run", config, "--out", one, "--set", "threads=1").Code);
            Assert.AreEqual(0, Coevo("run", config, "--out", two, "--set", "threads=2").Code);
            CollectionAssert.AreEqual(Cli.Scores(one), Cli.Scores(two), artist);
            Assert.AreEqual(
                File.ReadAllText(Path.Combine(one, "checkpoints", "gen-000003", "population.json")),
                File.ReadAllText(Path.Combine(two, "checkpoints", "gen-000003", "population.json")), artist);
        }
    }
}
