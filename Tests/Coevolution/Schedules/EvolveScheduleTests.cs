using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Tests.Coevolution.Evolution;
using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Schedules;

[TestClass]
public sealed class EvolveScheduleTests : TempFolders
{
    /// <summary>Mean brightness; throws <paramref name="failure"/> when asked to judge generation <paramref name="failAt"/> (1-based).</summary>
    private sealed class Critic(int failAt = 0, Exception? failure = null) : ICritic
    {
        private int _calls;
        public IReadOnlyList<double> Score(IReadOnlyList<Image> images)
        {
            if (++_calls == failAt) throw failure!;
            return images.Select(i => (double)i.Data.Average()).ToArray();
        }
    }

    private sealed class Recorder(Action<string>? onCheckpoint = null) : RunReporter
    {
        public List<string> Checkpoints { get; } = [];
        public List<(RunOutcome Outcome, string Reason)> Endings { get; } = [];
        public override void CheckpointSaved(string directory, RunState state)
        {
            Checkpoints.Add(Path.GetFileName(directory));
            onCheckpoint?.Invoke(directory);
        }
        public override void Ended(RunState state, RunOutcome outcome, string reason) => Endings.Add((outcome, reason));
    }

    private RunSession Session(ICritic critic, Recorder recorder, int generations = 10, int every = 3) => new()
    {
        Artist = new EvolvingArtist<Bits>(Toy.Options(population: 8, elitism: 1, crossover: 0.3, mutation: 0.9), new BitsFactory(16), new FlipOne(),
            new OnePointCrossover(), new BitsRenderer(), new BitsFormat(), new ComponentContext(3, 1, ".")),
        Critic = critic,
        Termination = new GenerationLimit(generations),
        Seed = 3,
        State = new RunState(),
        Checkpoints = new Checkpointer(Path.Combine(TempDir(), "checkpoints")),
        CheckpointEvery = every,
        Reporters = [recorder],
    };

    [TestMethod]
    public void ARunWithoutACheckpointFirstSavesItsStartSoAnEarlyKillCanResume()
    {
        var recorder = new Recorder();
        var session = Session(new Critic(), recorder, generations: 4);
        Assert.AreEqual(RunOutcome.Completed, new EvolveSchedule(new()).Run(session, default));
        CollectionAssert.AreEqual(new[] { "gen-000000", "gen-000003", "gen-000004" }, recorder.Checkpoints);
    }

    [TestMethod]
    public void AStopRightAfterAPeriodicCheckpointDoesNotSaveOrLogItTwice()
    {
        using var cancel = new CancellationTokenSource();
        var recorder = new Recorder(dir => { if (dir.EndsWith("gen-000003")) cancel.Cancel(); });
        var session = Session(new Critic(), recorder);
        Assert.AreEqual(RunOutcome.Interrupted, new EvolveSchedule(new()).Run(session, cancel.Token));
        CollectionAssert.AreEqual(new[] { "gen-000000", "gen-000003" }, recorder.Checkpoints, "each generation saved (and reported) once");
    }

    [TestMethod]
    public void OutOfMemoryWhileJudgingEndsTheRunWithACheckpointOfTheLastWholeGeneration()
    {
        var recorder = new Recorder();
        var session = Session(new Critic(failAt: 5, new OutOfMemoryException()), recorder);
        var e = Assert.ThrowsExactly<RunFailedException>(() => new EvolveSchedule(new()).Run(session, default));
        Assert.AreEqual("generation 5 failed: out of memory; the newest checkpoint is gen-000004", e.Message);
        Assert.IsInstanceOfType<OutOfMemoryException>(e.InnerException);
        CollectionAssert.AreEqual(new[] { "gen-000000", "gen-000003", "gen-000004" }, recorder.Checkpoints);
        Assert.AreEqual(RunOutcome.Failed, recorder.Endings.Single().Outcome);

        // the checkpoint is whole: a fresh artist resumes from it at generation 4
        var again = Session(new Critic(), new Recorder());
        var loaded = new Checkpointer(session.Checkpoints.Directory).Load((dir, _) => again.LoadParts(dir));
        Assert.AreEqual(4, loaded!.State.Generation);
        Assert.AreEqual(4, ((EvolvingArtist<Bits>)again.Artist).Generation);
    }

    [TestMethod]
    public void AnIoErrorDuringAGenerationEndsTheRunNamingItAndTheCheckpoint()
    {
        var recorder = new Recorder();
        var session = Session(new Critic(failAt: 2, new IOException("No space left on device")), recorder);
        var e = Assert.ThrowsExactly<RunFailedException>(() => new EvolveSchedule(new()).Run(session, default));
        Assert.AreEqual("generation 2 failed: IOException: No space left on device; the newest checkpoint is gen-000001", e.Message);
        Assert.AreEqual(Path.Combine(session.Checkpoints.Directory, "gen-000001"), e.Checkpoint);
    }
}
