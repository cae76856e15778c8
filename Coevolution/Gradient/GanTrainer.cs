using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Schedules;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Coevolution.Gradient;

/// <summary>What one GAN step measured.</summary>
/// <param name="LossD">Discriminator loss of the last D step (BCE on real plus BCE on fake).</param>
/// <param name="LossG">Generator loss.</param>
/// <param name="DReal">Mean D(x) on the real batch (D's probability that real is real).</param>
/// <param name="DFake">Mean D(G(z)) in the D step, before D's update.</param>
/// <param name="DFakeAfter">Mean D(G(z)) in the G step, after D's update.</param>
public readonly record struct GanStepStats(double LossD, double LossG, double DReal, double DFake, double DFakeAfter);

/// <summary>The losses went to NaN or infinity: the run stops, and its last good checkpoint stays.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// Alternating SGD of a generator and a discriminator, as Goodfellow et al.'s Algorithm 1 and pytorch/examples
/// dcgan/main.py do it: k discriminator steps on a real batch and <c>fake.detach()</c>, then one generator step through
/// the discriminator's gradients, reusing the last D step's fakes. Every random draw of step n (z, real batch, label
/// flips, noise, replay, dropout) comes from the seed and n alone, so a resumed run repeats an uninterrupted one.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private const int StreamTorch = 101, StreamData = 102;
    private readonly IDifferentiableArtist _g;
    private readonly IDifferentiableCritic _d;
    private readonly IImageDataset _data;
    private readonly GanOptions _o;
    private readonly int _seed;
    private int[]? _order;
    private long _orderEpoch = -1;
    private readonly bool _replayGiven;

    /// <summary>The replay buffer (null when <see cref="GanOptions.ReplaySize"/> is 0).</summary>
    public ReplayBuffer? Replay { get; }

    /// <summary>
    /// A trainer for <paramref name="generator"/> against <paramref name="critic"/> on <paramref name="data"/>; with
    /// replay on, it uses <paramref name="replay"/> (e.g. one restored from a checkpoint) or a new buffer.
    /// </summary>
    public GanTrainer(IDifferentiableArtist generator, IDifferentiableCritic critic, IImageDataset data, GanOptions options, int seed, ReplayBuffer? replay = null)
    {
        _g = generator;
        _d = critic;
        _data = data;
        _o = options;
        _seed = seed;
        if (generator.Output != critic.Input)
            throw new ArgumentException($"the generator makes {generator.Output} images but the critic takes {critic.Input}");
        if (data.Width != critic.Input.Width || data.Height != critic.Input.Height || data.Channels != critic.Input.Channels)
            throw new ArgumentException($"the data are {data.Channels}x{data.Height}x{data.Width} but the critic takes {critic.Input}");
        if (options.ReplaySize > 0) Replay = replay ?? new ReplayBuffer(options.ReplaySize);
        _replayGiven = replay is not null;
    }

    /// <summary>Real images seen so far after <paramref name="steps"/> steps (for images/s and epochs).</summary>
    public long RealImagesSeen(long steps) => steps * _o.DSteps * _o.BatchSize;

    /// <summary>Runs step <paramref name="step"/> (0-based): k D steps, then one G step.</summary>
    public GanStepStats Step(long step)
    {
        using var scope = NewDisposeScope();
        _d.Reseed((ulong)SeedSequence.Mix(_seed, (int)step, StreamTorch)); // dropout masks, without libtorch's global generator
        using var gen = new Generator((ulong)SeedSequence.Mix(_seed, (int)step, StreamTorch + 1), _g.Device);
        _g.Network.train();
        _d.Network.train();
        int b = _o.BatchSize;
        double sigma = _o.InstanceNoiseSteps > 0 ? _o.InstanceNoise * Math.Max(0, 1 - (double)step / _o.InstanceNoiseSteps) : _o.InstanceNoise;

        Tensor fake = null!, lossD = null!, realLogits = null!, fakeLogits = null!;
        for (int k = 0; k < _o.DSteps; k++)
        {
            var real = RealBatch((step * _o.DSteps + k) * b, b);
            fake = _g.Generate(torch.randn([b, _g.LatentSize], generator: gen, device: _g.Device));
            var shown = Replay is null ? fake.detach() : Replay.Mix(fake, _o.ReplayFraction, gen);
            (lossD, realLogits, fakeLogits) = DiscriminatorStep(real, shown, sigma, gen);
            Replay?.Push(fake, gen);
        }
        var (lossG, logits) = GeneratorStep(fake, sigma, gen);

        var stats = new GanStepStats(lossD.item<float>(), lossG.item<float>(),
            torch.sigmoid(realLogits).mean().item<float>(), torch.sigmoid(fakeLogits).mean().item<float>(),
            torch.sigmoid(logits).mean().item<float>());
        if (!double.IsFinite(stats.LossD) || !double.IsFinite(stats.LossG))
            throw new TrainingDivergedException($"step {step + 1}: the losses are no longer finite (D {stats.LossD}, G {stats.LossG})");
        return stats;
    }

    /// <summary>D's loss on a real and a (detached) fake batch: BCE towards its targets, with instance noise.</summary>
    internal (Tensor Loss, Tensor RealLogits, Tensor FakeLogits) DiscriminatorLoss(Tensor real, Tensor fake, double sigma, Generator gen)
    {
        var realLogits = _d.Logits(Noisy(real, sigma, gen));
        var fakeLogits = _d.Logits(Noisy(fake, sigma, gen));
        var (realTarget, fakeTarget) = Targets((int)real.shape[0], gen);
        var loss = F.binary_cross_entropy_with_logits(realLogits, realTarget) + F.binary_cross_entropy_with_logits(fakeLogits, fakeTarget);
        return (loss, realLogits, fakeLogits);
    }

    /// <summary>One update of D on <paramref name="real"/> against <paramref name="fake"/> (which carries no gradient to G).</summary>
    internal (Tensor Loss, Tensor RealLogits, Tensor FakeLogits) DiscriminatorStep(Tensor real, Tensor fake, double sigma, Generator gen)
    {
        _d.Optimizer.zero_grad();
        var result = DiscriminatorLoss(real, fake, sigma, gen);
        result.Loss.backward();
        _d.Optimizer.step();
        return result;
    }

    /// <summary>One update of G through D's judgement of <paramref name="fake"/> (which must carry G's graph).</summary>
    internal (Tensor Loss, Tensor Logits) GeneratorStep(Tensor fake, double sigma, Generator gen)
    {
        _g.Optimizer.zero_grad();
        var logits = _d.Logits(Noisy(fake, sigma, gen));
        var loss = _o.Loss == GanLoss.NonSaturating
            ? F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
            : -F.binary_cross_entropy_with_logits(logits, torch.zeros_like(logits)); // = log(1 - D(G(z)))
        loss.backward();
        _g.Optimizer.step();
        return (loss, logits);
    }

    /// <summary>
    /// The real images at global sample positions [first, first + n): epoch e is a permutation of the dataset drawn
    /// from (seed, e), so the batches of any step can be recomputed after a resume.
    /// </summary>
    private Tensor RealBatch(long first, int n)
    {
        var indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            long position = first + i;
            long epoch = position / _data.Count;
            if (epoch != _orderEpoch)
            {
                _order = Enumerable.Range(0, _data.Count).ToArray();
                SeedSequence.For(_seed, (int)epoch, StreamData).Shuffle(_order);
                _orderEpoch = epoch;
            }
            indices[i] = _order![position % _data.Count];
        }
        return ImageTensors.FromDataset(_data, indices, _d.Device);
    }

    private static Tensor Noisy(Tensor images, double sigma, Generator gen) =>
        sigma > 0 ? images + sigma * torch.randn(images.shape, generator: gen, device: images.device) : images;

    /// <summary>D's targets: real 1 − smoothing, fake 0; each pair flipped with probability <see cref="GanOptions.LabelFlip"/>.</summary>
    internal (Tensor Real, Tensor Fake) Targets(int n, Generator gen)
    {
        var real = torch.full([n], 1.0 - _o.LabelSmoothing, device: _d.Device);
        var fake = torch.zeros([n], device: _d.Device);
        if (_o.LabelFlip <= 0) return (real, fake);
        var flip = torch.rand([n], generator: gen, device: _d.Device) < _o.LabelFlip;
        return (torch.where(flip, fake, real), torch.where(flip, real, fake));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_replayGiven) Replay?.Dispose();
    }
}
