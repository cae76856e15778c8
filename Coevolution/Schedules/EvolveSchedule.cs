using System.ComponentModel;
using System.Globalization;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;

namespace Coevo.Coevolution.Schedules;

/// <summary>Options of the <c>evolve</c> schedule (none yet beyond budget and output).</summary>
[Description("the critic stays fixed; the artist evolves with the critic's scores as fitness")]
public sealed class EvolveScheduleOptions { }

/// <summary>Evolution against a fixed critic: one <see cref="EvolvePhase"/>, generation after generation.</summary>
public sealed class EvolveSchedule(EvolveScheduleOptions options) : PhasedSchedule("generation", [new EvolvePhase()])
{
    /// <summary>The options this schedule was made with.</summary>
    public EvolveScheduleOptions Options { get; } = options;
}

/// <summary>
/// One generation of evolution (ask/tell): the artist produces images, the critic scores them, and the scores are
/// the artist's fitness for breeding the next generation. Each generation's randomness comes from the seed and the
/// unit's number, so a resumed run draws the same numbers. Alone (the <c>evolve</c> schedule) it needs a fixed critic;
/// in co-evolution, a critic phase teaches the critic in between.
/// </summary>
public sealed class EvolvePhase : IPhase
{
    private readonly bool _criticLearns;
    private readonly Func<RunSession, IReadOnlyList<Image>, IReadOnlyList<double>>? _score;
    private readonly Func<RunState, IReadOnlyList<double>, bool>? _finished;
    private readonly Action<IReadOnlyList<Image>, IReadOnlyList<double>, Dictionary<string, double>>? _judged;

    /// <summary>Evolution against the session's critic, never finished by itself (the evolve schedule).</summary>
    public EvolvePhase() { }

    /// <summary>
    /// Evolution as one phase of co-evolution: <paramref name="score"/> gives the fitness (e.g. a hall of fame's vote),
    /// <paramref name="judged"/> sees each generation's images and scores and may add figures, and
    /// <paramref name="finished"/> ends the phase.
    /// </summary>
    public EvolvePhase(Func<RunSession, IReadOnlyList<Image>, IReadOnlyList<double>> score,
                       Action<IReadOnlyList<Image>, IReadOnlyList<double>, Dictionary<string, double>> judged,
                       Func<RunState, IReadOnlyList<double>, bool> finished, IReadOnlyList<string> extraColumns)
    {
        _criticLearns = true;
        _score = score;
        _judged = judged;
        _finished = finished;
        Columns = [.. Columns, .. extraColumns];
    }

    /// <inheritdoc />
    public string Name => "evolve";

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; } = ["best", "mean", "std", "diversity", "best_ever"];

    private IReadOnlyList<double> _lastScores = [];

    /// <inheritdoc />
    public string? Problem(IArtist artist, ICritic critic, Datasets.IImageDataset? data) =>
        artist is not IEvolvingArtist ? "this artist learns by gradient, not from scores, so it cannot evolve; pair it with the gan schedule (and a cnn critic)"
        : critic is ILearningCritic && !_criticLearns ? "this critic learns from images, but the evolve schedule never teaches it (it would judge untrained); use the coevolve schedule, or a fixed critic"
        : null;

    /// <inheritdoc />
    public UnitReport Step(RunSession session, RunState next)
    {
        var artist = (IEvolvingArtist)session.Artist;
        var rng = SeedSequence.For(session.Seed, next.Units);
        var images = artist.Produce(rng);
        var scores = _score is null ? session.Critic.Score(images) : _score(session, images);
        if (scores.Count != images.Count)
            throw new InvalidOperationException($"the critic returned {scores.Count} scores for {images.Count} images");
        var stats = FitnessStats.Of(scores);

        next.Generation++;
        next.ImagesJudged += images.Count;
        if (stats.Best > next.BestEver)
        {
            next.BestEver = stats.Best;
            next.GenerationsWithoutImprovement = 0;
        }
        else next.GenerationsWithoutImprovement++;
        double diversity = Diversity.MeanPairwiseDistance(images);
        var values = new Dictionary<string, double>
        {
            ["best"] = stats.Best, ["mean"] = stats.Mean, ["std"] = stats.Std, ["diversity"] = diversity, ["best_ever"] = next.BestEver,
        };
        _judged?.Invoke(images, scores, values);
        _lastScores = scores;
        var report = new UnitReport
        {
            Unit = next.Units,
            Phase = Name,
            State = next,
            Values = values,
            Judged = new((images, scores)),
            Sample = n => images.Take(n).ToList(),
            Summary = string.Create(CultureInfo.InvariantCulture, $"best {stats.Best:G4} (ever {next.BestEver:G4}) mean {stats.Mean:G4} diversity {diversity:G3}"),
        };

        session.Learning = true;
        artist.Learn(scores, rng);
        return report;
    }

    /// <inheritdoc />
    public bool Finished(RunState state, UnitReport last) => _finished?.Invoke(state, _lastScores) ?? false;

    /// <inheritdoc />
    public void SaveCheckpoint(string directory) { }

    /// <inheritdoc />
    public void LoadCheckpoint(string directory) { }
}
