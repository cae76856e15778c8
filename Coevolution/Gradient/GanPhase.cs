using System.Globalization;
using System.Text.Json;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// GAN training as a phase: each unit is one <see cref="GanTrainer"/> step (k discriminator steps, one generator
/// step). It reports D's and G's losses, D(x) and D(G(z)), and every <see cref="GanOptions.CheckEvery"/> steps the
/// diversity of samples from one fixed z; it warns when that diversity collapses (mode collapse) and when D's loss
/// stays near 0 (D overpowers G). Sheets show the fixed-z samples with D's realness under each.
/// </summary>
public sealed class GanPhase(GanOptions options) : IPhase, IDisposable
{
    private const string StateFile = "gan.json", ReplayFile = "replay.safetensors";
    private const int FixedZStream = 501, SampleStream = 502;
    private const int DominanceWindow = 100;
    private GanTrainer? _trainer;
    private Tensor? _fixedZ;
    private readonly Queue<double> _recentLossD = new();
    private double _peakDiversity;
    private bool _collapseWarned, _dominanceWarned;
    private readonly ReplayBuffer? _replay = options.ReplaySize > 0 ? new ReplayBuffer(options.ReplaySize) : null;

    /// <summary>The options it trains with.</summary>
    public GanOptions Options { get; } = options;

    /// <inheritdoc />
    public string Name => "gan";

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; } = ["loss_d", "loss_g", "d_real", "d_fake", "d_fake_after", "sample_diversity"];

    /// <inheritdoc />
    public string? Problem(IArtist artist, ICritic critic, IImageDataset? data)
    {
        if (artist is not IDifferentiableArtist g)
            return "the gan schedule trains its artist by gradient; this artist evolves (choose dcgan or cppn_sgd, or the evolve schedule)";
        if (critic is not IDifferentiableCritic d)
            return "the gan schedule needs a critic it can train by gradient (cnn); this critic cannot pass gradients to the artist";
        if (data is null)
            return "the gan schedule learns from real images: add a data: section";
        if (g.Output != d.Input)
            return $"the artist makes {g.Output} images but the critic takes {d.Input} (set the same image_size and channels)";
        if (data.Width != d.Input.Width || data.Height != d.Input.Height || data.Channels != d.Input.Channels)
            return $"the data are {data.Channels}x{data.Height}x{data.Width} images but the critic takes {d.Input} (set image_size and channels to match, or resize the data)";
        return null;
    }

    /// <inheritdoc />
    public UnitReport Step(RunSession session, RunState next)
    {
        var g = (IDifferentiableArtist)session.Artist;
        var d = (IDifferentiableCritic)session.Critic;
        _trainer ??= Start(session, g, d);
        _fixedZ ??= LatentSpace.Draw(Options.Samples, g.LatentSize, SeedSequence.Mix(session.Seed, 0, FixedZStream)).to(g.Device).DetachFromDisposeScope();

        session.Learning = true;
        var stats = _trainer.Step(next.Steps);
        session.Learning = false;
        next.Steps++;
        next.ImagesJudged += (long)Options.BatchSize * (Options.DSteps + 1);

        double diversity = double.NaN;
        IReadOnlyList<Image>? fixedImages = null;
        if (next.Steps % Options.CheckEvery == 0 || next.Steps == 1)
        {
            fixedImages = g.Render(_fixedZ);
            diversity = Diversity.MeanPairwiseDistance(fixedImages);
            Watch(session, next.Steps, diversity);
        }
        WatchDominance(session, next.Steps, stats.LossD);

        var values = new Dictionary<string, double>
        {
            ["loss_d"] = stats.LossD, ["loss_g"] = stats.LossG, ["d_real"] = stats.DReal, ["d_fake"] = stats.DFake,
            ["d_fake_after"] = stats.DFakeAfter, ["sample_diversity"] = diversity,
        };
        int unit = next.Units;
        return new UnitReport
        {
            Unit = unit,
            Phase = Name,
            State = next,
            Values = values,
            Judged = new(() =>
            {
                var images = fixedImages ?? g.Render(_fixedZ);
                return (images, d.Score(images));
            }),
            Sample = n => Samples(g, n, SeedSequence.Mix(session.Seed, unit, SampleStream)),
            Ranked = false,
            Summary = string.Create(CultureInfo.InvariantCulture, $"loss D {stats.LossD:0.000} G {stats.LossG:0.000} | D(x) {stats.DReal:0.00} D(G(z)) {stats.DFake:0.00}"),
        };
    }

    private GanTrainer Start(RunSession session, IDifferentiableArtist g, IDifferentiableCritic d) =>
        new(g, d, session.Data!, Options, session.Seed, _replay);

    /// <summary><paramref name="n"/> fresh samples from latent vectors of <paramref name="seed"/>, made in chunks.</summary>
    private static IReadOnlyList<Image> Samples(IDifferentiableArtist g, int n, int seed)
    {
        var z = LatentSpace.Draw(n, g.LatentSize, seed);
        var images = new List<Image>(n);
        for (int start = 0; start < n; start += 500)
        {
            using var scope = NewDisposeScope();
            images.AddRange(g.Render(z.narrow(0, start, Math.Min(500, n - start))));
        }
        z.Dispose();
        return images;
    }

    private void Watch(RunSession session, int step, double diversity)
    {
        _peakDiversity = Math.Max(_peakDiversity, diversity);
        bool collapsed = step > Options.CheckEvery && diversity < Options.CollapseWarning * _peakDiversity;
        if (collapsed && !_collapseWarned)
            session.Warn(string.Create(CultureInfo.InvariantCulture,
                $"warning: mode collapse? at step {step} the fixed-z samples' diversity is {diversity:G3}, {diversity / _peakDiversity:P0} of its peak {_peakDiversity:G3} (try minibatch_stddev, replay_size or a lower lr)"));
        _collapseWarned = collapsed;
    }

    private void WatchDominance(RunSession session, int step, double lossD)
    {
        _recentLossD.Enqueue(lossD);
        if (_recentLossD.Count > DominanceWindow) _recentLossD.Dequeue();
        bool dominant = _recentLossD.Count == DominanceWindow && _recentLossD.Average() < Options.DominanceWarning;
        if (dominant && !_dominanceWarned)
            session.Warn(string.Create(CultureInfo.InvariantCulture,
                $"warning: D overpowers G: D's loss averaged {_recentLossD.Average():G3} over steps {step - DominanceWindow + 1}-{step}, so G gets little gradient (try label_smoothing, instance_noise or dropout in D)"));
        _dominanceWarned = dominant;
    }

    /// <inheritdoc />
    public bool Finished(RunState state, UnitReport last) => false;

    /// <inheritdoc />
    public void SaveCheckpoint(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, StateFile), JsonSerializer.Serialize(new WatchState(_peakDiversity, _recentLossD.ToArray())));
        _replay?.Save(Path.Combine(directory, ReplayFile));
    }

    /// <inheritdoc />
    public void LoadCheckpoint(string directory)
    {
        string file = Path.Combine(directory, StateFile);
        if (File.Exists(file))
        {
            WatchState? state;
            try { state = JsonSerializer.Deserialize<WatchState>(InputFile.ReadText(file, "GAN state")); }
            catch (JsonException e) { throw new InputException($"corrupt GAN state: {e.Message}", file, inner: e); }
            _peakDiversity = state?.PeakDiversity ?? 0;
            _recentLossD.Clear();
            foreach (var l in state?.RecentLossD ?? []) _recentLossD.Enqueue(l);
        }
        if (_replay is not null && File.Exists(file))
            _replay.Load(Path.Combine(directory, ReplayFile)); // a missing file is an error naming it
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _trainer?.Dispose();
        _replay?.Dispose();
        _fixedZ?.Dispose();
    }

    private sealed record WatchState(double PeakDiversity, double[] RecentLossD);
}
