using System.Text.Json;
using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Schedules;

/// <summary>Where a run stands; saved with every checkpoint so a resumed run continues where it stopped.</summary>
public sealed class RunState
{
    /// <summary>Units of work completed over all phases: generations, SGD steps and critic units. Checkpoints are named by it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Units => Generation + Steps + CriticUnits;
    /// <summary>Generations of evolution completed.</summary>
    [System.Text.Json.Serialization.JsonRequired]
    public int Generation { get; set; }
    /// <summary>SGD steps completed (a GAN step: k discriminator steps and one generator step).</summary>
    public int Steps { get; set; }
    /// <summary>Units of critic learning completed (co-evolution's critic phases).</summary>
    public int CriticUnits { get; set; }
    /// <summary>Artist images a critic has judged so far: the fair budget when artists learn in different ways.</summary>
    public long ImagesJudged { get; set; }
    /// <summary>Completed cycles through the schedule's phases (co-evolution).</summary>
    public int Cycle { get; set; }
    /// <summary>The phase now running (index into the schedule's phases).</summary>
    public int Phase { get; set; }
    /// <summary>Units completed in the current phase.</summary>
    public int PhaseUnits { get; set; }
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
        new(Generation, best, mean, GenerationsWithoutImprovement, TimeSpan.FromSeconds(ElapsedSeconds), Steps, ImagesJudged);

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
            : state.Steps < 0 || state.CriticUnits < 0 || state.ImagesJudged < 0 || state.Cycle < 0 || state.Phase < 0 || state.PhaseUnits < 0
                ? "Steps, CriticUnits, ImagesJudged, Cycle, Phase and PhaseUnits must not be negative"
            : state.PhaseUnits > state.Units
                ? $"PhaseUnits ({state.PhaseUnits}) cannot exceed the units done ({state.Units})"
            : state.GenerationsWithoutImprovement < 0 || state.GenerationsWithoutImprovement > state.Generation
                ? $"GenerationsWithoutImprovement must be between 0 and the generation ({state.Generation}), got {state.GenerationsWithoutImprovement}"
            : !(state.ElapsedSeconds >= 0) || double.IsInfinity(state.ElapsedSeconds) ? $"ElapsedSeconds must be a non-negative number, got {state.ElapsedSeconds}"
            : double.IsNaN(state.BestEver) || double.IsPositiveInfinity(state.BestEver) ? $"BestEver must be a number, got {state.BestEver}"
            : null;
        if (problem != null) throw new InputException($"corrupt run state: {problem}", file);
        return state;
    }
}

/// <summary>
/// What happened in one unit of work (a generation, an SGD step, a unit of critic learning), for reporters: the
/// figures named by the schedule's <see cref="ISchedule.Columns"/> (NaN where this unit has none), and the images it
/// judged or shows with their scores, computed only when a reporter asks (a GAN draws samples only for sheets).
/// </summary>
public sealed class UnitReport
{
    /// <summary>1-based number of the unit just done (<see cref="RunState.Units"/>).</summary>
    public required int Unit { get; init; }
    /// <summary>The phase that did it ("evolve", "gan", "critic").</summary>
    public required string Phase { get; init; }
    /// <summary>Figures by column name.</summary>
    public required IReadOnlyDictionary<string, double> Values { get; init; }
    /// <summary>The run state after this unit.</summary>
    public required RunState State { get; init; }
    /// <summary>The images judged (or sampled) in this unit and a score for each, best scores highest.</summary>
    public required Lazy<(IReadOnlyList<Image> Images, IReadOnlyList<double> Scores)> Judged { get; init; }
    /// <summary>Up to n images for measuring (a GAN draws n fresh samples; evolution gives its judged images).</summary>
    public required Func<int, IReadOnlyList<Image>> Sample { get; init; }
    /// <summary>A one-line summary of the figures, e.g. "best 0.93 mean 0.71", for titles and logs.</summary>
    public required string Summary { get; init; }
    /// <summary>
    /// True when the judged images are a population to show best first, look-alikes grouped; false for samples from
    /// one fixed z, shown in their order so sheets compare over a run (and a collapse shows as clones).
    /// </summary>
    public bool Ranked { get; init; } = true;

    /// <summary>The figure named <paramref name="column"/>, or NaN.</summary>
    public double this[string column] => Values.TryGetValue(column, out double v) ? v : double.NaN;
}

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
    /// <summary>A unit of work (a generation, a step) is done.</summary>
    public virtual void UnitEnded(UnitReport report) { }
    /// <summary>A checkpoint was written to <paramref name="directory"/>.</summary>
    public virtual void CheckpointSaved(string directory, RunState state) { }
    /// <summary>The run ended.</summary>
    public virtual void Ended(RunState state, RunOutcome outcome, string reason) { }
}
