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
public sealed class CnnCritic : ICritic, IDifferentiableCritic, IDisposable
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
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images)
    {
        var scores = new double[images.Count];
        bool training = _net.training;
        _net.eval();
        try
        {
            for (int start = 0; start < images.Count; start += ScoreBatch)
            {
                using var scope = NewDisposeScope();
                using var _ = torch.no_grad();
                var chunk = images.Skip(start).Take(ScoreBatch).ToList();
                var x = ImageTensors.FromImages(chunk, Input.Channels, Input.Width, Device);
                var p = torch.sigmoid(_net.call(x)).cpu().data<float>().ToArray();
                for (int i = 0; i < p.Length; i++) scores[start + i] = p[i];
            }
        }
        finally { if (training) _net.train(); }
        return scores;
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
