using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Coevo.Critics.Cnn;

/// <summary>Options of the <c>cnn</c> critic.</summary>
public sealed class CnnCriticOptions : AdamOptions
{
    [Description("side of the images it judges in pixels; must halve once per width to a whole size >= 2")]
    [Range(4, 1024)]
    public int ImageSize { get; set; } = 28;

    [Description("image channels: 1 (grey) or 3 (RGB); other images are converted")]
    [Range(1, 3)]
    public int Channels { get; set; } = 1;

    [Description("channels after each strided layer (64 128 for 28x28, 64 128 256 512 for 64x64)")]
    public List<int> Widths { get; set; } = [64, 128];

    [Description("dropout probability after every hidden layer (0: off)")]
    [Range(0.0, 0.9)]
    public double Dropout { get; set; }

    [Description("images per SGD step when it learns on its own (co-evolution: real against archived artist images)")]
    [Range(2, 4096)]
    public int BatchSize { get; set; } = 64;

    [Description("append the minibatch standard deviation as a feature before the last layer (Karras et al. 2018)")]
    public bool MinibatchStddev { get; set; }

    /// <summary>Problems that no single key shows (null when none).</summary>
    public override string? Problem() => DcganShape.Problem(ImageSize, Channels, Widths);
}

/// <summary>
/// A convolutional discriminator as a critic: trained by SGD (in a GAN, or on real images against artists' images),
/// it scores any image by its "realness", D's probability that the image is real. Images of another size or
/// channel count are converted to its <see cref="Input"/> first. Checkpoints are <c>discriminator.safetensors</c>
/// and <c>discriminator-adam.bin</c>.
/// </summary>
public sealed class CnnCritic : IDifferentiableCritic, IDisposable
{
    /// <summary>Weights file inside a checkpoint.</summary>
    public const string WeightsFile = Name + TorchFiles.WeightsExtension;
    private const string Name = "discriminator";
    private const int InitStream = 301, ScoreBatch = 256;

    private readonly DcganDiscriminator _net;
    private readonly Adam _adam;

    /// <summary>The options it was made with.</summary>
    public CnnCriticOptions Options { get; }
    /// <inheritdoc />
    public ImageSpec Input { get; }
    /// <inheritdoc />
    public Device Device { get; }
    /// <inheritdoc />
    public nn.Module Network => _net;
    /// <inheritdoc />
    public OptimizerHelper Optimizer => _adam;

    /// <summary>A discriminator on <paramref name="device"/>, initialised from <paramref name="seed"/>.</summary>
    public CnnCritic(CnnCriticOptions options, int seed, Device device)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem);
        Options = options;
        Device = device;
        Input = new ImageSpec(options.ImageSize, options.ImageSize, options.Channels);
        _net = new DcganDiscriminator(options.ImageSize, options.Channels, options.Widths, options.Dropout, options.MinibatchStddev);
        using (var init = new torch.Generator((ulong)SeedSequence.Mix(seed, 0, InitStream)))
            _net.ResetParameters(init);
        _net.to(device);
        _adam = options.CreateAdam(_net.parameters());
    }

    /// <summary>Builds one from YAML options and the run's context.</summary>
    public static CnnCritic Create(CnnCriticOptions options, ComponentContext context) =>
        new(options, context.Seed, TorchDevices.Resolve(context.Device));

    /// <inheritdoc />
    public Tensor Logits(Tensor images) => _net.call(images);

    /// <inheritdoc />
    public void Reseed(ulong seed) => _net.Reseed(seed);

    /// <summary>D's probability that each image is real, in eval mode, after converting it to <see cref="Input"/>.</summary>
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Realness(_net, Input, Device, images);

    private static IReadOnlyList<double> Realness(DcganDiscriminator net, ImageSpec input, Device device, IReadOnlyList<Image> images)
    {
        var scores = new double[images.Count];
        bool training = net.training;
        net.eval();
        try
        {
            for (int start = 0; start < images.Count; start += ScoreBatch)
            {
                using var scope = NewDisposeScope();
                using var _ = torch.no_grad();
                var chunk = images.Skip(start).Take(ScoreBatch).ToList();
                var x = ImageTensors.FromImages(chunk, input.Channels, input.Width, device);
                var p = torch.sigmoid(net.call(x)).cpu().data<float>().ToArray();
                for (int i = 0; i < p.Length; i++) scores[start + i] = p[i];
            }
        }
        finally { if (training) net.train(); }
        return scores;
    }

    /// <summary>
    /// One epoch of SGD on <paramref name="real"/> (label 1) against <paramref name="fake"/> (label 0), the smaller
    /// set repeated to balance them (as HERCL does), in shuffled minibatches of <see cref="CnnCriticOptions.BatchSize"/>.
    /// Returns the mean loss and the balanced accuracy afterwards (the mean of the real and fake hit rates).
    /// </summary>
    public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<Image> real, IReadOnlyList<Image> fake, Random rng)
    {
        if (real.Count == 0 || fake.Count == 0) throw new ArgumentException("a critic learns from at least one real and one fake image");
        int n = Math.Max(real.Count, fake.Count);
        var items = Enumerable.Range(0, n).Select(i => (Image: real[i % real.Count], Label: 1f))
            .Concat(Enumerable.Range(0, n).Select(i => (Image: fake[i % fake.Count], Label: 0f))).ToArray();
        rng.Shuffle(items);
        _net.train();
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < items.Length; start += Options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = items.Skip(start).Take(Options.BatchSize).ToList();
            if (batch.Count < 2) break; // batch norm needs two
            _net.Reseed((ulong)rng.NextInt64());
            var x = ImageTensors.FromImages(batch.Select(b => b.Image).ToList(), Input.Channels, Input.Width, Device);
            var y = torch.tensor(batch.Select(b => b.Label).ToArray(), device: Device);
            _adam.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(_net.call(x), y);
            loss.backward();
            _adam.step();
            lossSum += loss.item<float>();
            batches++;
        }
        double realHits = Score(real).Count(p => p > 0.5) / (double)real.Count;
        double fakeHits = Score(fake).Count(p => p < 0.5) / (double)fake.Count;
        return new Dictionary<string, double>
        {
            ["accuracy"] = (realHits + fakeHits) / 2,
            ["loss"] = batches == 0 ? double.NaN : lossSum / batches,
        };
    }

    /// <summary>A copy of the discriminator as it is now, in eval mode, that scores and never learns again.</summary>
    public ICritic Freeze()
    {
        var copy = new DcganDiscriminator(Options.ImageSize, Options.Channels, Options.Widths, Options.Dropout, Options.MinibatchStddev);
        copy.to(Device);
        using (torch.no_grad())
            copy.load_state_dict(_net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone()));
        copy.eval();
        return new Frozen(copy, Input, Device);
    }

    /// <summary>A frozen discriminator: realness of images, nothing more.</summary>
    private sealed class Frozen(DcganDiscriminator net, ImageSpec input, Device device) : ICritic
    {
        public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Realness(net, input, device, images);
    }

    /// <summary>Writes weights and optimiser state into <paramref name="directory"/>.</summary>
    public void SaveCheckpoint(string directory) => TorchFiles.SaveTrainable(directory, Name, _net, _adam);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote.</summary>
    public void LoadCheckpoint(string directory) => TorchFiles.LoadTrainable(directory, Name, _net, _adam);

    /// <inheritdoc />
    public void Dispose()
    {
        _adam.Dispose();
        _net.Dispose();
    }
}
