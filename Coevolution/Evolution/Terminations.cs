namespace Coevo.Coevolution.Evolution;

/// <summary>Stops once <c>generations</c> generations are complete.</summary>
public sealed class GenerationLimit : ITermination
{
    /// <summary>The generation count to stop at.</summary>
    public int Generations { get; }

    /// <summary>Stop after <paramref name="generations"/> generations (&gt;= 0).</summary>
    public GenerationLimit(int generations)
    {
        if (generations < 0) throw new ArgumentOutOfRangeException(nameof(generations), $"generation limit must not be negative, got {generations}");
        Generations = generations;
    }

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress) => progress.Generation >= Generations;
}

/// <summary>Stops once <c>steps</c> SGD steps are complete.</summary>
public sealed class StepLimit(int steps) : ITermination
{
    /// <summary>The step count to stop at.</summary>
    public int Steps { get; } = steps >= 0 ? steps : throw new ArgumentOutOfRangeException(nameof(steps), $"step limit must not be negative, got {steps}");

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress) => progress.Steps >= Steps;
}

/// <summary>Stops once a critic has judged <c>images</c> artist images: one budget for artists that learn differently.</summary>
public sealed class ImageLimit(long images) : ITermination
{
    /// <summary>The count of judged images to stop at.</summary>
    public long Images { get; } = images >= 0 ? images : throw new ArgumentOutOfRangeException(nameof(images), $"image limit must not be negative, got {images}");

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress) => progress.ImagesJudged >= Images;
}

/// <summary>Stops once the generation's best fitness reaches the target (NaN never does).</summary>
public sealed class TargetFitness : ITermination
{
    /// <summary>The fitness to reach.</summary>
    public double Target { get; }

    /// <summary>Stop when best fitness &gt;= <paramref name="target"/>.</summary>
    public TargetFitness(double target)
    {
        if (double.IsNaN(target)) throw new ArgumentOutOfRangeException(nameof(target), "target fitness must be a number");
        Target = target;
    }

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress) => progress.BestFitness >= Target;
}

/// <summary>Stops when the best-ever fitness has not improved for <c>generations</c> generations.</summary>
public sealed class Stagnation : ITermination
{
    /// <summary>Generations without improvement that end the run.</summary>
    public int Generations { get; }

    /// <summary>Stop after <paramref name="generations"/> (&gt;= 1) generations without improvement.</summary>
    public Stagnation(int generations)
    {
        if (generations < 1) throw new ArgumentOutOfRangeException(nameof(generations), $"stagnation limit must be at least 1, got {generations}");
        Generations = generations;
    }

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress) => progress.GenerationsWithoutImprovement >= Generations;
}

/// <summary>Stops once the run has taken at least the given wall-clock time.</summary>
public sealed class WallClock : ITermination
{
    /// <summary>The time budget.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Stop when <see cref="EvolutionProgress.Elapsed"/> &gt;= <paramref name="limit"/>.</summary>
    public WallClock(TimeSpan limit)
    {
        if (limit < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(limit), $"wall-clock limit must not be negative, got {limit}");
        Limit = limit;
    }

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress) => progress.Elapsed >= Limit;
}

/// <summary>Stops when any of its parts would stop.</summary>
public sealed class OrTermination : ITermination
{
    private readonly ITermination[] _parts;

    /// <summary>At least one part.</summary>
    public OrTermination(params ITermination[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("an Or termination needs at least one part", nameof(parts));
        _parts = parts.ToArray();
    }

    /// <summary>The parts.</summary>
    public IReadOnlyList<ITermination> Parts => _parts;

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress)
    {
        // Every part is asked (no short-circuit), so a stateful part always sees every generation.
        bool any = false;
        foreach (var p in _parts) any |= p.HasReached(progress);
        return any;
    }
}

/// <summary>Stops when all of its parts would stop.</summary>
public sealed class AndTermination : ITermination
{
    private readonly ITermination[] _parts;

    /// <summary>At least one part.</summary>
    public AndTermination(params ITermination[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("an And termination needs at least one part", nameof(parts));
        _parts = parts.ToArray();
    }

    /// <summary>The parts.</summary>
    public IReadOnlyList<ITermination> Parts => _parts;

    /// <inheritdoc/>
    public bool HasReached(EvolutionProgress progress)
    {
        bool all = true;
        foreach (var p in _parts) all &= p.HasReached(progress);
        return all;
    }
}

/// <summary><c>a.Or(b)</c> and <c>a.And(b)</c> for composing terminations.</summary>
public static class TerminationExtensions
{
    /// <summary>Stops when either stops.</summary>
    public static ITermination Or(this ITermination a, ITermination b) => new OrTermination(a, b);

    /// <summary>Stops when both stop.</summary>
    public static ITermination And(this ITermination a, ITermination b) => new AndTermination(a, b);
}
