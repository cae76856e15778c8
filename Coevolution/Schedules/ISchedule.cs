using Coevo.Coevolution.Evolution;

namespace Coevo.Coevolution.Schedules;

/// <summary>Decides who learns when: an evolution loop, GAN steps, co-evolution phases.</summary>
public interface ISchedule
{
    /// <summary>
    /// Runs until the session's termination is reached or <paramref name="cancel"/> fires (then checkpoints and returns).
    /// Any other error is a <see cref="RunFailedException"/>, after a checkpoint where the state allows one.
    /// </summary>
    RunOutcome Run(RunSession session, CancellationToken cancel);
}

/// <summary>Everything a schedule works with in one run.</summary>
public sealed class RunSession
{
    /// <summary>The image maker.</summary>
    public required IArtist Artist { get; init; }
    /// <summary>The judge.</summary>
    public required ICritic Critic { get; init; }
    /// <summary>When to stop.</summary>
    public required ITermination Termination { get; init; }
    /// <summary>The run's seed; each generation's <see cref="Random"/> is derived from it and the generation number.</summary>
    public required int Seed { get; init; }
    /// <summary>Progress so far (restored on resume); replaced by the schedule as generations complete.</summary>
    public required RunState State { get; set; }
    /// <summary>Writes checkpoints.</summary>
    public required Checkpointer Checkpoints { get; init; }
    /// <summary>Checkpoint every this many generations.</summary>
    public int CheckpointEvery { get; init; } = 10;
    /// <summary>Hooks told about progress.</summary>
    public IReadOnlyList<RunReporter> Reporters { get; init; } = [];

    /// <summary>Writes what a resumed run needs besides the run state into a checkpoint folder (the artist's files today).</summary>
    public void SaveParts(string directory) => Artist.SaveCheckpoint(directory);

    /// <summary>Restores what <see cref="SaveParts"/> wrote.</summary>
    public void LoadParts(string directory) => Artist.LoadCheckpoint(directory);
}

/// <summary>
/// Derives independent, reproducible <see cref="Random"/> streams from (seed, generation, stream), so a resumed run
/// draws exactly the numbers an uninterrupted one would, without saving generator state.
/// </summary>
public static class SeedSequence
{
    /// <summary>The generator for one generation and purpose.</summary>
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
