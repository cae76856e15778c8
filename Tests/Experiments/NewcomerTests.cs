using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Cli;
using Coevo.Experiments.Config;
using Coevo.Experiments.Running;

namespace Coevo.Tests.Experiments;

/// <summary>A newcomer's first ten minutes: what the README and the help say is what happens.</summary>
[TestClass]
public class NewcomerTests
{
    private static (int Code, string Out, string Err) Coevo(params string[] args) => Cli.Run(args);

    /// <summary>The repository (the folder holding Coevo.sln), found from the test assembly.</summary>
    internal static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Coevo.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Coevo.sln not found above the tests");
    }

    [TestMethod]
    public void HelpIsACommandThatShowsHelp()
    {
        var (code, output, err) = Coevo("help");
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", err, "no errors");
        StringAssert.Contains(output, "Usage:");
        StringAssert.Contains(output, "render <genome>");
        (code, output, _) = Coevo("help", "run");
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "--resume");
        Assert.AreEqual(2, Coevo("help", "nosuch").Code);
    }

    [TestMethod]
    public void RenderHelpNamesTheDefaultOutputItWrites()
    {
        var (_, help, _) = Coevo("render", "--help");
        StringAssert.Contains(help, "[default: <genome name>-<size>.png in the current folder]");
        Assert.AreEqual("best-512.png", CoevoCli.DefaultRenderName("/runs/x/best.sexp", 512));
        Assert.AreEqual("745_LetterG-64.png", CoevoCli.DefaultRenderName("Fixtures/745_LetterG.xml", 64));
    }

    [TestMethod]
    public void EachCheckpointIsLoggedOnce()
    {
        using var folder = new TestFolder();
        string dir = Path.Combine(folder.Dir, "run");
        Assert.AreEqual(0, Coevo("run", folder.Write(TestFolder.ValidYaml()), "--out", dir, "--set", "output.checkpoint_every=1").Code);
        var lines = File.ReadAllLines(Path.Combine(dir, "log.txt")).Where(l => l.Contains("checkpoint written")).Select(l => l[20..]).ToList();
        CollectionAssert.AreEqual(new[] { "checkpoint written: gen-000000", "checkpoint written: gen-000001", "checkpoint written: gen-000002", "checkpoint written: gen-000003" }, lines);
    }

    [TestMethod]
    public void TheEstimateUsesThePaceAfterTheSlowFirstGeneration()
    {
        var output = new StringWriter();
        var progress = new ProgressReporter(new BudgetOptions { Generations = 10 }, output);
        progress.Started(new RunState());
        UnitReport Report(int g, double elapsed)
        {
            var state = new RunState { Generation = g, BestEver = 0.5, ElapsedSeconds = elapsed };
            return new UnitReport
            {
                Unit = g, Phase = "evolve", State = state, Values = new Dictionary<string, double> { ["best"] = 0.5 },
                Judged = new(([], [])), Sample = _ => [], Summary = "best 0.5 (ever 0.5) mean 0.25 diversity 0.125",
            };
        }
        // the first generation took 8 s (start-up), the next ones 1 s each: 7 generations left take 7 s, not 72
        progress.UnitEnded(Report(1, 8));
        Assert.IsTrue(double.IsNaN(progress.SecondsLeft(Report(1, 8).State, Report(1, 8).State)));
        StringAssert.Contains(output.ToString(), "gen 1/10 best 0.5 (ever 0.5) mean 0.25 diversity 0.125 | 10% elapsed 0:08 eta ?");
        Assert.AreEqual(7.0, progress.SecondsLeft(Report(3, 10).State, Report(1, 8).State), 1e-9);
        var clock = new ProgressReporter(new BudgetOptions { Generations = 10, Seconds = 12 }, output);
        Assert.AreEqual(2.0, clock.SecondsLeft(Report(3, 10).State, Report(1, 8).State), 1e-9, "the wall-clock budget ends first");
    }

    [TestMethod]
    public void ListColumnsLineUpWhateverTheOptionNames()
    {
        // columns are separated by two or more spaces; a long default puts the description on the next line
        var blocks = new List<List<int>>();
        foreach (var line in CoevoCli.Listing().Split('\n'))
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(line, @"^  \S")) blocks.Add([]);
            else if (System.Text.RegularExpressions.Regex.IsMatch(line, @"^ {6}\S") && !line.Contains("(no options)"))
            {
                var columns = System.Text.RegularExpressions.Regex.Matches(line, @"\S+(?: \S+)*");
                if (columns.Count >= 3) blocks[^1].Add(columns[2].Index);
            }
            else if (System.Text.RegularExpressions.Regex.IsMatch(line, @"^ {7,}\S")) blocks[^1].Add(line.Length - line.TrimStart().Length);
        }
        Assert.IsTrue(blocks.Count >= 7 && blocks.Sum(b => b.Count) > 50);
        foreach (var block in blocks.Where(b => b.Count > 0))
            Assert.AreEqual(1, block.Distinct().Count(), $"descriptions start at columns {string.Join(", ", block.Distinct())}");
    }

    [TestMethod]
    public void ARunEndsWithBestPngAndACommandToRenderItAtAnySize()
    {
        using var folder = new TestFolder();
        string dir = Path.Combine(folder.Dir, "run");
        var (code, output, err) = Coevo("run", folder.Write(TestFolder.ValidYaml()), "--out", dir);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, $"best so far: {Path.Combine(dir, "best.png")} (512x512)");
        var image = Png.Read(Path.Combine(dir, "best.png"));
        Assert.AreEqual((512, 512), (image.Width, image.Height));
        string command = output.Split('\n').Single(l => l.StartsWith("render it at any size: coevo ", StringComparison.Ordinal))["render it at any size: coevo ".Length..];
        var args = command.Split(' ').Select(a => a == "2048" ? "48" : a.Replace("2048.png", "48.png")).ToArray();
        var r = Coevo(args);
        Assert.AreEqual(0, r.Code, r.Err);
        Assert.AreEqual(48, Png.Read(Path.Combine(dir, "best-48.png")).Width);
    }

    [TestMethod]
    public void SheetsNameTheRunAndCriticAndShowTheTargetFirst()
    {
        using var folder = new TestFolder();
        var config = ExperimentConfig.Load(folder.Write(TestFolder.ValidYaml()));
        Assert.AreEqual("tiny: biomorph artist, target (metric: mse) critic", ExperimentRunner.SheetHeading(config));

        var target = new Image(8, 8);
        Array.Fill(target.Data, 0.25f);
        var images = Enumerable.Range(0, 3).Select(i => { var im = new Image(8, 8); Array.Fill(im.Data, 0.9f - 0.3f * i); return im; }).ToList();
        string dir = Path.Combine(folder.Dir, "samples");
        Directory.CreateDirectory(dir);
        var sheets = new SampleSheetReporter(dir, 1, 16, null) { Heading = "tiny", Reference = (w, h) => target.Resize(w, h) };
        sheets.UnitEnded(new UnitReport
        {
            Unit = 1, Phase = "evolve", Summary = "best 0.3", State = new RunState { Generation = 1 },
            Values = new Dictionary<string, double> { ["best"] = 0.3 }, Judged = new((images, [0.1, 0.3, 0.2])), Sample = _ => images,
        });
        var sheet = Png.Read(sheets.PathFor(1));
        var layout = new ContactSheet { Columns = 4 };
        var (x, y, scale) = layout.Placement([target, .. images], 0, hasLabels: true, hasTitle: true);
        Assert.AreEqual(0.25f, sheet[x + 4 * scale, y + 4 * scale].R, 0.01f, "the target comes first");
        (x, y, scale) = layout.Placement([target, .. images], 1, hasLabels: true, hasTitle: true);
        Assert.AreEqual(0.6f, sheet[x + 4 * scale, y + 4 * scale].R, 0.01f, "then the best image (score 0.3)");
    }

    [TestMethod]
    public void SheetsShowDistinctImagesNotClones()
    {
        Image Flat(float v) { var im = new Image(8, 8); Array.Fill(im.Data, v); return im; }
        var a = Flat(0.5f);
        var nearlyA = Flat(0.5f + 1f / 255);
        var images = new[] { a, Flat(0.1f), a.Clone(), nearlyA, Flat(0.9f), a.Clone() };
        double[] scores = [0.9, 0.5, 0.9, 0.8, 0.7, double.NaN];
        var picked = SampleSheetReporter.Distinct(images, scores, 16);
        CollectionAssert.AreEqual(new[] { (0, 4), (4, 1), (1, 1) }, picked.ToArray(), "the look-alikes of image 0 count as its copies");
        Assert.AreEqual(2, SampleSheetReporter.Distinct(images, scores, 2).Count);
    }

    [TestMethod]
    public void ShippedTargetConfigsUseAStructureKeepingSimilarityAndValidate()
    {
        var configs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "configs"), "*.yaml");
        Assert.IsTrue(configs.Length >= 4);
        foreach (var path in configs)
        {
            var r = Coevo("validate", path);
            Assert.AreEqual(0, r.Code, $"{path}: {r.Err}");
            if (global::Coevo.Experiments.Comparing.CompareConfig.IsCompareFile(path))
            {
                StringAssert.Contains(r.Out, "ok (a comparison: 6 approaches x 3 seeds");
                continue;
            }
            var config = ExperimentConfig.Load(path);
            if (config.Critic.Component.Name == "target")
                StringAssert.Contains(config.Critic.Summary, "metric: structure", path);
        }
    }

    [TestMethod]
    public void TheReadmeExampleConfigIsValid()
    {
        string readme = File.ReadAllText(Path.Combine(Repository(), "README.md"));
        int section = readme.IndexOf("### An experiment config", StringComparison.Ordinal);
        Assert.IsTrue(section > 0);
        int start = readme.IndexOf("```yaml\n", section, StringComparison.Ordinal) + 8;
        string yaml = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        // relative paths in it start at the config's folder, as if it were saved next to the shipped configs
        using var folder = new TestFolder();
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "configs"), folder.Dir);
        string path = Path.Combine(folder.Dir, "readme-example.yaml");
        File.WriteAllText(path, yaml);
        var r = Coevo("validate", path);
        Assert.AreEqual(0, r.Code, r.Err);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to), overwrite: true);
    }
}

/// <summary>Tests that change the current folder, which every test shares: not run beside others.</summary>
[TestClass]
[DoNotParallelize]
public class CurrentFolderTests
{
    private static T In<T>(string folder, Func<T> body)
    {
        string before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder);
        try { return body(); }
        finally { Directory.SetCurrentDirectory(before); }
    }

    [TestMethod]
    public void APathGivenWithSetStartsAtTheCurrentFolderAsTheReadmeSays()
    {
        // README: --set artist.seed_genome=Tests/Fixtures/picbreeder/745_LetterG.xml, typed in the repository
        string repo = NewcomerTests.Repository();
        var r = In(repo, () => Cli.Run("validate", "Experiments/configs/cppn-target.yaml", "--set", "artist.seed_genome=Tests/Fixtures/picbreeder/745_LetterG.xml"));
        Assert.AreEqual(0, r.Code, r.Err);
        r = In(repo, () => Cli.Run("validate", "Experiments/configs/cppn-target.yaml", "--set", "critic.image=Experiments/configs/targets/radial-disc.png"));
        Assert.AreEqual(0, r.Code, r.Err);
    }

    [TestMethod]
    public void OutputDirInAConfigStartsAtTheConfigsFolderAndRenderWritesItsDefaultNameHere()
    {
        using var folder = new TestFolder();
        string sub = Path.Combine(folder.Dir, "configs");
        Directory.CreateDirectory(sub);
        File.Copy(Path.Combine(folder.Dir, "target.png"), Path.Combine(sub, "target.png"));
        string config = Path.Combine(sub, "rel.yaml");
        File.WriteAllText(config, TestFolder.ValidYaml().Replace("  dir: runs", "  dir: ../relative-runs"));
        var (code, output, err) = In(folder.Dir, () => Cli.Run("run", config));
        Assert.AreEqual(0, code, err);
        string runDir = Cli.RunDir(output);
        Assert.AreEqual(Path.Combine(folder.Dir, "relative-runs"), Path.GetDirectoryName(runDir));

        var r = In(folder.Dir, () => Cli.Run("render", Path.Combine(runDir, "best.json"), "--size", "20"));
        Assert.AreEqual(0, r.Code, r.Err);
        Assert.AreEqual(20, Png.Read(Path.Combine(folder.Dir, "best-20.png")).Width, "written where the help says: <genome name>-<size>.png here");
    }
}
