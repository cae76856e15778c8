using System.Globalization;
using System.Runtime.InteropServices;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Tests.Coevolution.Evolution;
using Coevo.Tests.Coevolution.Gradient;
using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Schedules;

/// <summary>
/// The coevolve schedule's phases, archive and hall of fame, driven with a toy bit-string artist (8x8, pixel k white
/// when bit k mod 16 is set, so an image's brightness is its ones / 16) and critics whose scores are known exactly.
/// </summary>
[TestClass]
public sealed class CoevolveScheduleTests : TempFolders
{
    private static double Brightness(Image image)
    {
        double sum = 0;
        foreach (float v in image.Data) sum += v;
        return sum / image.Data.Length;
    }

    /// <summary>A frozen critic: brightness minus a fixed shift.</summary>
    private sealed class Shifted(double shift) : ICritic
    {
        public double Shift { get; } = shift;
        public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => images.Select(i => Brightness(i) - Shift).ToArray();
    }

    /// <summary>
    /// Scores brightness minus a shift. Learn call j reports accuracy script[j].Accuracy and sets the shift to
    /// script[j].Shift; it records the artist images (the archive) it was shown.
    /// </summary>
    private sealed class ScriptedCritic((double Accuracy, double Shift)[] script) : ILearningCritic
    {
        public List<IReadOnlyList<Image>> Fakes { get; } = [];
        public double Shift { get; private set; }
        public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => new Shifted(Shift).Score(images);

        public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<Image> real, IReadOnlyList<Image> fake, Random rng)
        {
            Assert.IsTrue(real.Count > 0, "the critic is shown real images");
            Fakes.Add([.. fake]);
            (double accuracy, Shift) = script[Fakes.Count - 1];
            return new Dictionary<string, double> { ["accuracy"] = accuracy, ["loss"] = Fakes.Count };
        }

        public ICritic Freeze() => new Shifted(Shift);
        public void SaveCheckpoint(string directory) => File.WriteAllText(Path.Combine(directory, "scripted.txt"), Shift.ToString("R", CultureInfo.InvariantCulture));
        public void LoadCheckpoint(string directory) => Shift = double.Parse(File.ReadAllText(Path.Combine(directory, "scripted.txt")), CultureInfo.InvariantCulture);
    }

    /// <summary>Scores every image with <see cref="Value"/>; learns nothing; its checkpoint is the value.</summary>
    private sealed class ConstantCritic(double value) : ILearningCritic
    {
        public double Value { get; set; } = value;
        public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Enumerable.Repeat(Value, images.Count).ToArray();
        public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<Image> real, IReadOnlyList<Image> fake, Random rng) => new Dictionary<string, double>();
        public ICritic Freeze() => new ConstantCritic(Value);
        public void SaveCheckpoint(string directory) => File.WriteAllText(Path.Combine(directory, "constant.txt"), Value.ToString("R", CultureInfo.InvariantCulture));
        public void LoadCheckpoint(string directory) => Value = double.Parse(File.ReadAllText(Path.Combine(directory, "constant.txt")), CultureInfo.InvariantCulture);
    }

    private sealed class Recorder : RunReporter
    {
        public List<UnitReport> Units { get; } = [];
        public override void UnitEnded(UnitReport report) => Units.Add(report);
    }

    private const int Population = 20;

    private static IEvolvingArtist BitsArtist() =>
        new EvolvingArtist<Bits>(Toy.Options(population: Population, elitism: 1, crossover: 0.3, mutation: 0.9), new BitsFactory(16), new FlipOne(),
            new OnePointCrossover(), new BitsRenderer(), new BitsFormat(), new ComponentContext(3, 1, "."));

    private RunSession Session(ICritic critic, Recorder? recorder = null, string? metrics = null, ISchedule? schedule = null) => new()
    {
        Artist = BitsArtist(),
        Critic = critic,
        Schedule = schedule,
        Data = GanTestData.Squares(count: 32, size: 8),
        Termination = new GenerationLimit(1000),
        Seed = 5,
        State = new RunState(),
        Checkpoints = new Checkpointer(Path.Combine(TempDir(), "checkpoints")) { Prefix = "unit-" },
        CheckpointEvery = 1000,
        Reporters = recorder is null ? [] : metrics is null ? [recorder] : [new MetricsCsvReporter(metrics, "unit", schedule!.Columns), recorder],
    };

    // Phase 1 ends on reaching the accuracy; phase 2 at its unit budget (3) without reaching it; phase 3 at once, with a
    // shift so large that no image fools the vote, so the best tenth is archived instead.
    private static readonly (double Accuracy, double Shift)[] Script = [(0.97, 0.0), (0.6, 0.25), (0.7, 0.25), (0.8, 0.25), (0.99, 2.0)];

    private static CoevolveOptions Options(int archiveLimit) => new()
    {
        Cycles = 3, CriticAccuracy = 0.95, CriticUnits = 3, FoolingRate = 0.5, Generations = 4, RealImages = 8, ArchiveLimit = archiveLimit,
    };

    private sealed record Outcome(ScriptedCritic Critic, List<UnitReport> Units, string Metrics, List<Image> FinalArchive, CoevolveSchedule Schedule);

    private Outcome RunScripted(int archiveLimit)
    {
        var critic = new ScriptedCritic(Script);
        var recorder = new Recorder();
        var schedule = new CoevolveSchedule(Options(archiveLimit));
        string metrics = Path.Combine(TempDir(), "metrics.csv");
        var session = Session(critic, recorder, metrics, schedule);
        Assert.AreEqual(RunOutcome.Completed, schedule.Run(session, default));
        var final = new CoevolutionArchive(schedule.Options);
        final.Load(session.Checkpoints.Newest!);
        return new Outcome(critic, recorder.Units, metrics, [.. final.Images], schedule);
    }

    private static string Key(Image image) => $"{image.Width}x{image.Height}:" + Convert.ToBase64String(MemoryMarshal.AsBytes(image.Data.AsSpan()));

    private static void AssertSameImages(IReadOnlyList<Image> expected, IReadOnlyList<Image> actual, string what) =>
        CollectionAssert.AreEqual(expected.Select(Key).ToList(), actual.Select(Key).ToList(), what);

    [TestMethod]
    public void PhasesGrowTheArchiveAndHallOfFameAsSpecifiedAndMetricsCarryTheFigures()
    {
        var run = RunScripted(archiveLimit: 1000);
        var units = run.Units;
        var opt = run.Schedule.Options;

        // before the first critic phase the archive is exactly one blank 8x8 image
        var first = run.Critic.Fakes[0];
        Assert.AreEqual(1, first.Count);
        Assert.AreEqual((8, 8), (first[0].Width, first[0].Height));
        Assert.IsTrue(first[0].Data.All(v => v == 0f), "blank: every pixel 0");

        var archive = new List<Image> { first[0] };
        var shifts = new List<double>(); // each finished critic phase's shift, oldest first
        int u = 0, learn = 0, foolersPhases = 0, bestTenthPhases = 0;
        for (int cycle = 0; cycle < opt.Cycles; cycle++)
        {
            // critic phase: one Learn per unit against the whole archive, until accuracy >= 0.95 or 3 units
            for (int k = 1; ; k++, u++, learn++)
            {
                var r = units[u];
                Assert.AreEqual("critic", r.Phase, $"unit {r.Unit}");
                AssertSameImages(archive, run.Critic.Fakes[learn], $"the critic of unit {r.Unit} learns against the whole archive");
                Assert.AreEqual(Script[learn].Accuracy, r["critic_accuracy"]);
                Assert.AreEqual(archive.Count, r["archive_size"]);
                bool ends = Script[learn].Accuracy >= opt.CriticAccuracy || k == opt.CriticUnits;
                Assert.AreEqual(shifts.Count + (ends ? 1 : 0), r["hall_size"], $"the hall grows by one as a critic phase ends (unit {r.Unit})");
                if (ends) { shifts.Add(Script[learn].Shift); u++; learn++; break; }
            }
            // artist phase: the vote weighs the live critic 1 and the critics of earlier phases 1/2, 1/4
            for (int g = 1; ; g++, u++)
            {
                var r = units[u];
                Assert.AreEqual("evolve", r.Phase, $"unit {r.Unit}");
                var (images, scores) = r.Judged.Value;
                Assert.AreEqual(Population, images.Count);
                for (int i = 0; i < images.Count; i++)
                {
                    double b = Brightness(images[i]), sum = 0, weights = 0, w = 1;
                    for (int back = shifts.Count - 1; back >= 0; back--, w /= 2) { sum += w * (b - shifts[back]); weights += w; }
                    Assert.AreEqual(sum / weights, scores[i], 1e-12, $"vote for image {i} of unit {r.Unit}");
                }
                int fooled = scores.Count(s => s >= 0.5);
                Assert.AreEqual((double)fooled / images.Count, r["fooling_rate"]);
                Assert.AreEqual(archive.Count, r["archive_size"]);
                Assert.AreEqual(shifts.Count, r["hall_size"]);
                if (fooled < opt.FoolingRate * images.Count && g < opt.Generations) continue;

                // the phase ends: the images that fooled the vote join the archive, best first, or else the best tenth
                var order = Enumerable.Range(0, images.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
                var chosen = fooled > 0 ? order.Take(fooled).ToList() : order.Take(Population / 10).ToList();
                if (fooled > 0) foolersPhases++; else bestTenthPhases++;
                archive.AddRange(chosen.Select(i => images[i]));
                u++;
                break;
            }
        }
        Assert.AreEqual(units.Count, u, "the run ends after its three cycles");
        Assert.AreEqual(Script.Length, run.Critic.Fakes.Count);
        Assert.IsTrue(foolersPhases >= 1 && bestTenthPhases >= 1, $"both ways of archiving happened ({foolersPhases} with foolers, {bestTenthPhases} without)");
        AssertSameImages(archive, run.FinalArchive, "the final checkpoint's archive");

        // metrics.csv carries the same figures (G6), an empty cell where a phase has none
        var lines = File.ReadAllLines(run.Metrics);
        var header = lines[0].Split(',');
        CollectionAssert.IsSubsetOf(new[] { "unit", "phase", "critic_accuracy", "fooling_rate", "archive_size", "hall_size", "elapsed_s" }, header);
        Assert.AreEqual(units.Count + 1, lines.Length);
        for (int i = 0; i < units.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            string Cell(string column) => cells[Array.IndexOf(header, column)];
            bool critic = units[i].Phase == "critic";
            Assert.AreEqual(critic ? "0" : "1", Cell("phase"));
            foreach (var column in new[] { "critic_accuracy", "fooling_rate", "archive_size", "hall_size" })
            {
                double expected = units[i][column];
                if (double.IsNaN(expected)) Assert.AreEqual("", Cell(column), $"row {i + 1} {column}");
                else Assert.AreEqual(expected, double.Parse(Cell(column), CultureInfo.InvariantCulture), 1e-6 * Math.Abs(expected), $"row {i + 1} {column}");
            }
            Assert.AreEqual(critic, double.IsNaN(units[i]["fooling_rate"]), "fooling_rate only in artist rows");
            Assert.AreEqual(!critic, double.IsNaN(units[i]["critic_accuracy"]), "critic_accuracy only in critic rows");
        }
    }

    [TestMethod]
    public void TheArchiveIsAReservoirThatNeverExceedsItsLimit()
    {
        // the scripted critic ignores the archive, so both runs evolve the same artists and archive the same images
        var full = RunScripted(archiveLimit: 1000);
        var bounded = RunScripted(archiveLimit: 5);
        Assert.AreEqual(full.Critic.Fakes.Count, bounded.Critic.Fakes.Count);
        var archives = full.Critic.Fakes.Append(full.FinalArchive).ToList();
        var boundedArchives = bounded.Critic.Fakes.Append(bounded.FinalArchive).ToList();
        Assert.IsTrue(archives[^1].Count > 5, $"the archive outgrows the limit without it ({archives[^1].Count} images)");
        for (int j = 0; j < archives.Count; j++)
        {
            var all = archives[j];        // every image archived so far, in order
            var kept = boundedArchives[j];
            Assert.AreEqual(Math.Min(5, all.Count), kept.Count, $"archive {j}");
            var offered = all.Select(Key).ToHashSet();
            Assert.IsTrue(kept.All(i => offered.Contains(Key(i))), $"archive {j} holds only images that were archived");
            if (all.Count <= 5) AssertSameImages(all, kept, $"archive {j}, below the limit, keeps everything in order");
        }
        // once full, a later phase's images replace uniformly chosen old ones: the last phase's two replace some
        var before = boundedArchives[^2].Select(Key).ToList();
        var after = bounded.FinalArchive.Select(Key).ToList();
        Assert.AreEqual(5, after.Count);
        Assert.IsTrue(after.Zip(before).All(p => p.First == p.Second || !before.Contains(p.First)),
            "a slot either keeps its image or takes a new one");
        Assert.IsTrue(bounded.Units.All(r => r["archive_size"] <= 5), "archive_size never exceeds the limit");
    }

    private CoevolutionArchive Archive(bool hallOfFame, ConstantCritic live, RunSession session, params double[] phases)
    {
        var archive = new CoevolutionArchive(new CoevolveOptions { HallOfFame = hallOfFame });
        foreach (double value in phases)
        {
            live.Value = value;
            archive.Enshrine(session);
        }
        return archive;
    }

    [TestMethod]
    public void TheVoteHalvesTheWeightPerPhaseBackAndSkipsTheNewestFrozenCritic()
    {
        var live = new ConstantCritic(0);
        var session = Session(live);
        Image[] images = [new Image(8, 8), new Image(8, 8)];

        // one phase: the hall holds only the live critic's snapshot, so the vote is the live critic's score
        var one = Archive(true, live, session, 0.5);
        live.Value = 0.75;
        CollectionAssert.AreEqual(new[] { 0.75, 0.75 }, one.Vote(session, images).ToArray());

        // two phases: (1 * 0.75 + 1/2 * 0.5) / (1 + 1/2) = 1 / 1.5 = 2/3
        var two = Archive(true, live, session, 0.5, 0.25);
        live.Value = 0.75;
        Assert.AreEqual(2.0 / 3, two.Vote(session, images)[0], 1e-15);

        // three phases of 0.5, 0.25, 0.125; the live critic has moved on to 1 since its snapshot (0.125) was taken:
        // (1 * 1 + 1/2 * 0.25 + 1/4 * 0.5) / (1 + 1/2 + 1/4) = 1.25 / 1.75 = 5/7
        // (counting the newest snapshot too would give (1 + 0.0625 + 0.0625 + 0.0625) / 1.875 = 0.6333...)
        var three = Archive(true, live, session, 0.5, 0.25, 0.125);
        live.Value = 1;
        Assert.AreEqual(3, three.HallSize);
        var votes = three.Vote(session, images);
        Assert.AreEqual(5.0 / 7, votes[0], 1e-15);
        Assert.AreEqual(5.0 / 7, votes[1], 1e-15);

        // after a resume the hall is rebuilt from its files through the live critic, which is then restored
        string dir = TempDir();
        three.Save(dir);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "hall", "002", "constant.txt")), "each frozen critic's files under hall/NNN/");
        var resumed = new CoevolutionArchive(three.Options);
        resumed.Load(dir);
        Assert.AreEqual(3, resumed.HallSize);
        Assert.AreEqual(5.0 / 7, resumed.Vote(session, images)[0], 1e-15);
        Assert.AreEqual(1.0, live.Value, "the live critic is itself again after the hall was rebuilt");

        // without a hall of fame only the live critic counts (the hall still records each phase)
        var alone = Archive(false, live, session, 0.5, 0.25, 0.125);
        live.Value = 1;
        Assert.AreEqual(3, alone.HallSize);
        CollectionAssert.AreEqual(new[] { 1.0, 1.0 }, alone.Vote(session, images).ToArray());
    }

    [TestMethod]
    public void ATruncatedOrOverfullArchiveFileIsBadInputNamingIt()
    {
        var live = new ConstantCritic(0.5);
        var session = Session(live);
        var archive = new CoevolutionArchive(new CoevolveOptions { ArchiveLimit = 3 });
        archive.StartIfEmpty(session.Artist);
        string dir = TempDir(), file = Path.Combine(dir, "archive.bin");
        archive.Save(dir);
        Assert.AreEqual(8 + 4 + 4 + 4 + 3 * 64 * 4, new FileInfo(file).Length, "added, count, then per image its size and RGB floats");

        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^5]);
        var e = Assert.ThrowsExactly<InputException>(() => new CoevolutionArchive(archive.Options).Load(dir));
        Assert.AreEqual(file, e.File);
        StringAssert.Contains(e.Message, "is truncated");

        File.WriteAllBytes(file, [.. bytes, 0]);
        e = Assert.ThrowsExactly<InputException>(() => new CoevolutionArchive(archive.Options).Load(dir));
        StringAssert.Contains(e.Message, "has bytes after its last image");

        var smaller = new CoevolutionArchive(new CoevolveOptions { ArchiveLimit = 3 });
        File.WriteAllBytes(file, [.. BitConverter.GetBytes(9L), .. BitConverter.GetBytes(4), .. bytes[12..]]);
        e = Assert.ThrowsExactly<InputException>(() => smaller.Load(dir));
        StringAssert.Contains(e.Message, "holds 4 images for a limit of 3");

        File.Delete(file);
        e = Assert.ThrowsExactly<InputException>(() => new CoevolutionArchive(archive.Options).Load(dir));
        StringAssert.Contains(e.Message, "the co-evolution archive is missing from the checkpoint");
    }
}
