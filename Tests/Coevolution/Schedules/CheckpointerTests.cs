using Coevo.Coevolution;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Schedules;
using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Schedules;

[TestClass]
[DoNotParallelize] // uses the process-wide fault hook
public sealed class CheckpointerTests : TempFolders
{
    private static RunState State(int generation) => new() { Generation = generation, BestEver = generation, ElapsedSeconds = generation };

    /// <summary>A checkpoint whose only part is a file holding <paramref name="text"/>.</summary>
    private static string Save(Checkpointer c, int generation, string text = "parts") =>
        c.Save(State(generation), dir => File.WriteAllText(Path.Combine(dir, "part.txt"), text));

    private static (LoadedCheckpoint? Loaded, string? Part) Load(Checkpointer c)
    {
        string? part = null;
        var loaded = c.Load((dir, _) => part = File.ReadAllText(Path.Combine(dir, "part.txt")));
        return (loaded, part);
    }

    private static string[] Entries(string dir) =>
        Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>Simulates a crash at <paramref name="point"/> during <paramref name="action"/>.</summary>
    private static void CrashAt(string point, Action action)
    {
        FaultPoints.Hook = name => { if (name == point) throw new IOException($"simulated crash at {point}"); };
        try { Assert.ThrowsExactly<IOException>(action); }
        finally { FaultPoints.Hook = null; }
    }

    [TestMethod]
    public void SavesTheStateAndTheCallersPartsAndKeepsTheNewestTwo()
    {
        var c = new Checkpointer(TempDir());
        for (int g = 0; g <= 30; g += 10) Save(c, g, $"parts of {g}");
        CollectionAssert.AreEqual(new[] { "gen-000020", "gen-000030", "latest" }, Entries(c.Directory));
        Assert.AreEqual("gen-000030", new FileInfo(Path.Combine(c.Directory, "latest")).LinkTarget, "latest is a symbolic link a person can open");
        var (loaded, part) = Load(c);
        Assert.AreEqual(30, loaded!.State.Generation);
        Assert.AreEqual(30.0, loaded.State.BestEver);
        Assert.AreEqual("parts of 30", part);
        Assert.IsNull(loaded.Note);
    }

    [TestMethod]
    public void ACrashWhileReplacingACheckpointOfTheSameGenerationLosesNothing()
    {
        var c = new Checkpointer(TempDir());
        Save(c, 10, "first");
        // Before the fix the old copy was deleted before the new one moved in: a crash there left no gen-000010.
        CrashAt("checkpoint.old-moved", () => Save(c, 10, "second"));
        var (loaded, part) = Load(new Checkpointer(c.Directory));
        Assert.AreEqual(10, loaded!.State.Generation);
        Assert.AreEqual("first", part, "the old copy is restored");
        CollectionAssert.AreEqual(new[] { "gen-000010", "latest" }, Entries(c.Directory), "no leftovers");

        Save(c, 10, "third");
        Assert.AreEqual("third", Load(c).Part);
        CollectionAssert.AreEqual(new[] { "gen-000010", "latest" }, Entries(c.Directory));
    }

    [TestMethod]
    public void ACrashBeforeTheLinkMovesResumesFromTheNewestCompleteCheckpointAndSaysSo()
    {
        var c = new Checkpointer(TempDir());
        Save(c, 10, "ten");
        CrashAt("checkpoint.moved", () => Save(c, 20, "twenty"));
        Assert.AreEqual("gen-000010", new FileInfo(Path.Combine(c.Directory, "latest")).LinkTarget);
        var (loaded, part) = Load(c);
        Assert.AreEqual(20, loaded!.State.Generation);
        Assert.AreEqual("twenty", part);
        StringAssert.Contains(loaded.Note, "checkpoints/latest named 'gen-000010', which is not the newest complete checkpoint; resuming from gen-000020");
        Assert.AreEqual("gen-000020", new FileInfo(Path.Combine(c.Directory, "latest")).LinkTarget, "the link is repaired");
    }

    [TestMethod]
    public void AMissingOrDanglingLatestFallsBackToTheNewestCompleteCheckpoint()
    {
        var c = new Checkpointer(TempDir());
        Save(c, 4);
        Save(c, 8);
        string latest = Path.Combine(c.Directory, "latest");
        File.Delete(latest);
        StringAssert.Contains(Load(c).Loaded!.Note, "checkpoints/latest was missing; resuming from gen-000008");

        File.Delete(latest);
        File.CreateSymbolicLink(latest, "gen-000099");
        StringAssert.Contains(Load(c).Loaded!.Note, "checkpoints/latest named 'gen-000099', which is missing; resuming from gen-000008");

        // a checkpoint folder without its state file is not complete: the one before it is taken
        File.Delete(Path.Combine(c.Directory, "gen-000008", Checkpointer.StateFile));
        var (loaded, _) = Load(c);
        Assert.AreEqual(4, loaded!.State.Generation);
        StringAssert.Contains(loaded.Note, "resuming from gen-000004");
    }

    [TestMethod]
    public void LeftoversOfAKillAreCleanedUp()
    {
        var c = new Checkpointer(TempDir());
        Save(c, 3);
        Directory.CreateDirectory(Path.Combine(c.Directory, ".gen-000004.0123.tmp"));
        File.WriteAllText(Path.Combine(c.Directory, ".gen-000004.0123.tmp", "population.json"), "{ half");
        Directory.CreateDirectory(Path.Combine(c.Directory, ".gen-000001.4567.del"));
        File.CreateSymbolicLink(Path.Combine(c.Directory, ".latest.89ab.tmp"), "gen-000003");
        Assert.AreEqual(3, Load(c).Loaded!.State.Generation);
        CollectionAssert.AreEqual(new[] { "gen-000003", "latest" }, Entries(c.Directory));
    }

    [TestMethod]
    public void AStateFileThatDisagreesWithItsFolderIsRejected()
    {
        var c = new Checkpointer(TempDir());
        string dir = Save(c, 10);
        string state = Path.Combine(dir, Checkpointer.StateFile);
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"Generation\": 10", "\"Generation\": 5"));
        var e = Assert.ThrowsExactly<InputException>(() => Load(c));
        Assert.AreEqual(state, e.File);
        StringAssert.Contains(e.Message, "says 5 units (generations, steps), but its folder is gen-000010");
    }

    [TestMethod]
    [DataRow("\"Generation\": 10", "\"Generation\": -1", "Generation must not be negative")]
    [DataRow("\"ElapsedSeconds\": 10", "\"ElapsedSeconds\": -2", "ElapsedSeconds must be a non-negative number")]
    [DataRow("\"GenerationsWithoutImprovement\": 0", "\"GenerationsWithoutImprovement\": 11", "GenerationsWithoutImprovement must be between 0 and the generation")]
    [DataRow("\"Generation\": 10,", "", "missing required properties")]
    [DataRow("{", "[", "corrupt run state")]
    public void AnImpossibleRunStateIsRejected(string from, string to, string problem)
    {
        string json = State(10).ToJson();
        Assert.Contains(from, json);
        var e = Assert.ThrowsExactly<InputException>(() => RunState.FromJson(json.Replace(from, to), "state.json"));
        StringAssert.StartsWith(e.Message, "state.json: ");
        StringAssert.Contains(e.Message, problem);
    }

    [TestMethod]
    public void ACorruptNewestCheckpointNamesItsFileAndTheCheckpointBefore()
    {
        var c = new Checkpointer(TempDir());
        Save(c, 10);
        Save(c, 20);
        var e = Assert.ThrowsExactly<InputException>(() => c.Load((dir, _) => throw new InputException("checkpoint is not valid JSON", Path.Combine(dir, "population.json"))));
        StringAssert.Contains(e.Message, Path.Combine(c.Directory, "gen-000020", "population.json"));
        StringAssert.Contains(e.Message, "the checkpoint before, gen-000010, looks complete: delete gen-000020 to resume from it");
    }

    [TestMethod]
    public void NoCheckpointLoadsAsNull()
    {
        var c = new Checkpointer(Path.Combine(TempDir(), "checkpoints"));
        Assert.IsFalse(c.HasCheckpoint);
        Assert.IsNull(Load(c).Loaded);
    }
}
