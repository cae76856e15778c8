using System.Text.Json;
using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Schedules;

/// <summary>Where a run stands; saved with every checkpoint so a resumed run continues where it stopped.</summary>
public sealed class RunState
{
    /// <summary>Generations (or steps) completed.</summary>
    [System.Text.Json.Serialization.JsonRequired]
    public int Generation { get; set; }
    /// <summary>Best score seen so far (−∞ before the first).</summary>
    [System.Text.Json.Serialization.JsonRequired]
    public double BestEver { get; set; } = double.NegativeInfinity;
    /// <summary>Generations since <see cref="BestEver"/> last improved.</summary>
    [System.Text.Json.Serialization.JsonRequired]
    public int GenerationsWithoutImprovement { get; set; }
    /// <summary>Wall-clock seconds spent, summed over every resumed part of the run.</summary>
    [System.Text.Json.Serialization.JsonRequired]
    public double ElapsedSeconds { get; set; }

    /// <summary>Where the run stands, for terminations, given the latest generation's best and mean score.</summary>
    public Evolution.EvolutionProgress Progress(double best, double mean) =>
        new(Generation, best, mean, GenerationsWithoutImprovement, TimeSpan.FromSeconds(ElapsedSeconds));

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>A copy (reporters get one that later generations do not change).</summary>
    public RunState Copy() => (RunState)MemberwiseClone();

    /// <summary>The state as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <see cref="ToJson"/>; a corrupt file or impossible values are an <see cref="InputException"/> naming it.</summary>
    public static RunState FromJson(string json, string file)
    {
        RunState? state;
        try
        {
            state = JsonSerializer.Deserialize<RunState>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InputException($"corrupt run state: {e.Message}", file, inner: e);
        }
        if (state is null) throw new InputException("the run state is empty", file);
        string? problem =
            state.Generation < 0 ? $"Generation must not be negative, got {state.Generation}"
            : state.GenerationsWithoutImprovement < 0 || state.GenerationsWithoutImprovement > state.Generation
                ? $"GenerationsWithoutImprovement must be between 0 and the generation ({state.Generation}), got {state.GenerationsWithoutImprovement}"
            : !(state.ElapsedSeconds >= 0) || double.IsInfinity(state.ElapsedSeconds) ? $"ElapsedSeconds must be a non-negative number, got {state.ElapsedSeconds}"
            : double.IsNaN(state.BestEver) || double.IsPositiveInfinity(state.BestEver) ? $"BestEver must be a number, got {state.BestEver}"
            : null;
        if (problem != null) throw new InputException($"corrupt run state: {problem}", file);
        return state;
    }
}

/// <summary>What happened in one generation, for reporters.</summary>
/// <param name="Generation">1-based number of the generation just judged.</param>
/// <param name="Images">The images the critic judged.</param>
/// <param name="Scores">The critic's scores, one per image.</param>
/// <param name="Best">Best score of this generation.</param>
/// <param name="Mean">Mean score of this generation.</param>
/// <param name="Std">Standard deviation of the scores.</param>
/// <param name="Diversity">Mean pairwise RMS distance between the images.</param>
/// <param name="State">The run state after this generation.</param>
public sealed record GenerationReport(int Generation, IReadOnlyList<Image> Images, IReadOnlyList<double> Scores,
    double Best, double Mean, double Std, double Diversity, RunState State);

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>The budget ran out or a target was reached.</summary>
    Completed,
    /// <summary>Stopped on request (Ctrl-C, SIGTERM, SIGHUP) after writing a checkpoint.</summary>
    Interrupted,
    /// <summary>An error (out of memory, a full disk ...) ended the run; see <see cref="RunFailedException"/>.</summary>
    Failed,
}

/// <summary>
/// A run ended by an error that is not bad input (out of memory, a full disk, a bug). The message is one line saying
/// what failed and which checkpoint the run can be resumed from.
/// </summary>
public sealed class RunFailedException(string message, string? checkpoint, Exception inner) : Exception(message, inner)
{
    /// <summary>The newest checkpoint folder, if any.</summary>
    public string? Checkpoint { get; } = checkpoint;
}

/// <summary>Hooks that reporters override; each does nothing by default (as neat-python's reporters).</summary>
public abstract class RunReporter
{
    /// <summary>The run (or its resumed part) starts.</summary>
    public virtual void Started(RunState state) { }
    /// <summary>A generation has been judged.</summary>
    public virtual void GenerationEnded(GenerationReport report) { }
    /// <summary>A checkpoint was written to <paramref name="directory"/>.</summary>
    public virtual void CheckpointSaved(string directory, RunState state) { }
    /// <summary>The run ended.</summary>
    public virtual void Ended(RunState state, RunOutcome outcome, string reason) { }
}
