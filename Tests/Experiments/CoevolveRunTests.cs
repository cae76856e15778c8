using System.Text.Json.Nodes;

namespace Coevo.Tests.Experiments;

/// <summary>`coevo run` with the coevolve schedule: a GP artist against a GP critic on 16x16 squares.</summary>
[TestClass]
public class CoevolveRunTests
{
    private static string Yaml(int generations) => $"""
        name: tinycoevo
        seed: 11
        threads: 2
        artist:
          type: gp
          population: 12
          image_size: 16
        critic:
          type: gp_critic
          population: 16
        schedule:
          type: coevolve
          cycles: 100
          critic_accuracy: 0.95
          critic_units: 2
          fooling_rate: 0.5
          generations: 3
          real_images: 16
          archive_limit: 6
        {GanRunTests.SquaresData}
        budget:
          generations: {generations}
        output:
          dir: runs
          sample_every: 100
          checkpoint_every: 4
        """;

    private static string Checkpoints(string run) => Path.Combine(run, "checkpoints");

    /// <summary>The newest checkpoint folder's name.</summary>
    private static string Newest(string run) => Directory.GetDirectories(Checkpoints(run), "unit-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).Last()!;

    /// <summary>Every file of a checkpoint by its relative path; state.json without its elapsed seconds.</summary>
    private static SortedDictionary<string, string> Files(string checkpoint)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.GetFiles(checkpoint, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(checkpoint, f);
            if (name == "state.json")
            {
                var state = JsonNode.Parse(File.ReadAllText(f))!.AsObject();
                Assert.IsTrue(state.Remove("ElapsedSeconds"));
                files[name] = state.ToJsonString();
            }
            else files[name] = Convert.ToBase64String(File.ReadAllBytes(f));
        }
        return files;
    }

    private static void AssertSameRun(string expected, string actual)
    {
        CollectionAssert.AreEqual(Cli.Scores(expected), Cli.Scores(actual), "metrics.csv without elapsed_s");
        Assert.AreEqual(Newest(expected), Newest(actual));
        var a = Files(Path.Combine(Checkpoints(expected), Newest(expected)));
        var b = Files(Path.Combine(Checkpoints(actual), Newest(actual)));
        CollectionAssert.AreEqual(a.Keys.ToList(), b.Keys.ToList(), "the same checkpoint files");
        foreach (var (name, content) in a) Assert.AreEqual(content, b[name], $"{name} byte for byte");
    }

    private static string Run(TestFolder folder, string name, int generations)
    {
        string dir = Path.Combine(folder.Dir, name);
        var r = Cli.Run("run", folder.Write(Yaml(generations), name + ".yaml"), "--out", dir);
        Assert.AreEqual(0, r.Code, r.Err);
        return dir;
    }

    [TestMethod]
    public void ACoevolveRunIsReproducibleAndAResumedRunEqualsAnUninterruptedOne()
    {
        using var folder = GanRunTests.Squares();
        string whole = Run(folder, "whole", 9);
        AssertSameRun(whole, Run(folder, "again", 9));

        string half = Run(folder, "half", 4);
        // it stops in the middle of an artist phase, with earlier critics voting: the hall is rebuilt from its files
        var header = Cli.Scores(whole)[0].Split(',');
        var stop = Cli.Scores(half)[^1].Split(',');
        var after = Cli.Scores(whole)[int.Parse(stop[0]) + 1].Split(',');
        Assert.AreEqual("1", stop[Array.IndexOf(header, "phase")], "stopped in an artist phase");
        Assert.AreEqual("1", after[Array.IndexOf(header, "phase")], "which goes on after the stop");
        Assert.IsTrue(int.Parse(stop[Array.IndexOf(header, "hall_size")]) >= 2, "with a hall of fame");
        var resumed = Cli.Run("run", "--resume", half, "--set", "budget.generations=9");
        Assert.AreEqual(0, resumed.Code, resumed.Err);
        AssertSameRun(whole, half);
    }

    [TestMethod]
    public void ADamagedNewestCheckpointIsBadInputNamingTheFileAndTheCheckpointBefore()
    {
        using var folder = GanRunTests.Squares();
        string run = Run(folder, "run", 9);
        string newest = Newest(run), newestDir = Path.Combine(Checkpoints(run), newest);
        var before = Directory.GetDirectories(Checkpoints(run), "unit-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.AreEqual(2, before.Count, "the newest two checkpoints are kept");
        string previous = before[0]!;
        var metrics = Cli.Scores(run);
        var final = Files(newestDir);

        string config = File.ReadAllText(Path.Combine(run, "config.yaml")), csv = File.ReadAllText(Path.Combine(run, "metrics.csv"));
        void Refused(string file, string problem)
        {
            var (code, _, err) = Cli.Run("run", "--resume", run, "--set", "budget.generations=12");
            Assert.AreEqual(2, code, err);
            StringAssert.Contains(err, $"{file}: {problem} (the checkpoint before, {previous}, looks complete: delete {newest} to resume from it)");
            Assert.AreEqual(1, err.Trim().Split('\n').Length, "one line, no stack trace");
            Assert.AreEqual(config, File.ReadAllText(Path.Combine(run, "config.yaml")), "the refused resume raised no budget");
            Assert.AreEqual(csv, File.ReadAllText(Path.Combine(run, "metrics.csv")));
        }

        // a run state in a phase the schedule does not have (coevolve has two: critic, artists)
        string stateFile = Path.Combine(newestDir, "state.json");
        string state = File.ReadAllText(stateFile);
        File.WriteAllText(stateFile, System.Text.RegularExpressions.Regex.Replace(state, "\"Phase\": \\d+", "\"Phase\": 2"));
        Refused(stateFile, "corrupt run state: Phase must be below the schedule's number of phases (2), got 2");
        File.WriteAllText(stateFile, state);

        string archive = Path.Combine(newestDir, "archive.bin");
        var bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);
        Refused(archive, "is truncated");

        // as the message says: without the damaged checkpoint the run resumes from the one before and ends as it did
        Directory.Delete(newestDir, recursive: true);
        var again = Cli.Run("run", "--resume", run);
        Assert.AreEqual(0, again.Code, again.Err);
        StringAssert.Contains(again.Out, $"checkpoints/{previous}");
        CollectionAssert.AreEqual(metrics, Cli.Scores(run));
        var redone = Files(newestDir);
        CollectionAssert.AreEqual(final.Keys.ToList(), redone.Keys.ToList());
        foreach (var (name, content) in final) Assert.AreEqual(content, redone[name], name);
    }
}
