using Coevo.Coevolution.Evolution;

namespace Coevo.Coevolution.Schedules;

/// <summary>Decides who learns when: an evolution loop, GAN steps, co-evolution phases.</summary>
public interface ISchedule
{
    /// <summary>What one unit of its work is called: "generation", "step" or "unit" (progress, sheets, checkpoints).</summary>
    string UnitName { get; }

    /// <summary>The figures it reports per unit, in order: the columns of <c>metrics.csv</c> after the unit's number.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Why this schedule cannot run <paramref name="artist"/> against <paramref name="critic"/> (with the real images
    /// <paramref name="data"/>, if any), or null when it can. <c>validate</c> reports it before anything runs.
    /// </summary>
    string? Problem(IArtist artist, ICritic critic, Datasets.IImageDataset? data);

    /// <summary>Why a checkpoint's run state cannot be this schedule's (a phase it does not have), or null.</summary>
    string? Problem(RunState state);

    /// <summary>
    /// Runs until the session's termination is reached or <paramref name="cancel"/> fires (then checkpoints and returns).
    /// Any other error is a <see cref="RunFailedException"/>, after a checkpoint where the state allows one.
    /// </summary>
    RunOutcome Run(RunSession session, CancellationToken cancel);

    /// <summary>Writes the schedule's own state (a replay buffer, an archive) into a checkpoint folder.</summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote.</summary>
    void LoadCheckpoint(string directory);
}

/// <summary>Everything a schedule works with in one run.</summary>
public sealed class RunSession
{
    /// <summary>The image maker.</summary>
    public required IArtist Artist { get; init; }
    /// <summary>The judge.</summary>
    public required ICritic Critic { get; init; }
    /// <summary>The schedule running the session (its state is checkpointed with the session).</summary>
    public ISchedule? Schedule { get; init; }
    /// <summary>The real images (the config's <c>data:</c>), when there are any.</summary>
    public Datasets.IImageDataset? Data { get; init; }
    /// <summary>When to stop.</summary>
    public required ITermination Termination { get; init; }
    /// <summary>The run's seed; each unit's randomness is derived from it and the unit's number.</summary>
    public required int Seed { get; init; }
    /// <summary>Progress so far (restored on resume); replaced by the schedule as units complete.</summary>
    public required RunState State { get; set; }
    /// <summary>Writes checkpoints.</summary>
    public required Checkpointer Checkpoints { get; init; }
    /// <summary>Checkpoint every this many units.</summary>
    public int CheckpointEvery { get; init; } = 10;
    /// <summary>Hooks told about progress.</summary>
    public IReadOnlyList<RunReporter> Reporters { get; init; } = [];
    /// <summary>Where warnings go (the run's log and console).</summary>
    public Action<string> Warn { get; init; } = _ => { };
    /// <summary>
    /// True while the artist or critic is being changed by learning: its state may be half-way, so a failure then
    /// writes no checkpoint (the previous one stands).
    /// </summary>
    public bool Learning { get; set; }

    /// <summary>Writes what a resumed run needs besides the run state: the artist's, a learning critic's and the schedule's files.</summary>
    public void SaveParts(string directory) => SaveParts(directory, Artist, Critic, Schedule);

    /// <summary>Restores what <see cref="SaveParts(string)"/> wrote.</summary>
    public void LoadParts(string directory) => LoadParts(directory, Artist, Critic, Schedule);

    /// <summary>What a checkpoint holds besides the run state: the artist's files, a learning critic's and the schedule's.</summary>
    public static void SaveParts(string directory, IArtist artist, ICritic critic, ISchedule? schedule)
    {
        artist.SaveCheckpoint(directory);
        if (critic is ILearningCritic learning) learning.SaveCheckpoint(directory);
        schedule?.SaveCheckpoint(directory);
    }

    /// <summary>Restores what <see cref="SaveParts(string, IArtist, ICritic, ISchedule?)"/> wrote (tools that open a finished run use it too).</summary>
    public static void LoadParts(string directory, IArtist artist, ICritic critic, ISchedule? schedule)
    {
        artist.LoadCheckpoint(directory);
        if (critic is ILearningCritic learning) learning.LoadCheckpoint(directory);
        schedule?.LoadCheckpoint(directory);
    }
}

/// <summary>
/// Derives independent, reproducible <see cref="Random"/> streams from (seed, generation, stream), so a resumed run
/// draws exactly the numbers an uninterrupted one would, without saving generator state.
/// </summary>
public static class SeedSequence
{
    /// <summary>The generator for one unit (a generation, a step) and purpose.</summary>
    public static Random For(int seed, int generation, int stream = 0) => new(Mix(seed, generation, stream));

    /// <summary>A 31-bit seed from three integers (SplitMix64 finaliser; stable across processes, unlike HashCode).</summary>
    public static int Mix(int seed, int generation, int stream)
    {
        ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)generation << 20) ^ ((ulong)(uint)stream << 48);
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
