using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Artists.Dcgan;

/// <summary>Options of the <c>dcgan</c> artist.</summary>
public sealed class DcganArtistOptions : AdamOptions
{
    [Description("side of the images in pixels; must halve once per width to a whole size >= 2 (28 with 2 widths, 64 with 4)")]
    [Range(4, 1024)]
    public int ImageSize { get; set; } = 28;

    [Description("image channels: 1 (grey) or 3 (RGB)")]
    [Range(1, 3)]
    public int Channels { get; set; } = 1;

    [Description("length of the latent vector z")]
    [Range(1, 4096)]
    public int LatentSize { get; set; } = 100;

    [Description("channels after each generator layer before the output, widest first (256 128 for 28x28, 512 256 128 64 for 64x64)")]
    public List<int> Widths { get; set; } = [256, 128];

    [Description("images the artist offers when another critic scores it (and coevo sample draws by default)")]
    [Range(1, 1024)]
    public int Samples { get; set; } = 64;

    /// <summary>Problems that no single key shows (null when none).</summary>
    public override string? Problem() => DcganShape.Problem(ImageSize, Channels, Widths);
}

/// <summary>
/// The DCGAN generator as an artist (Radford et al. 2016): images G(z) from latent vectors, learnt by SGD from a
/// discriminator's gradients. Weights are drawn from the run's seed; sample sheets use one fixed z.
/// Checkpoints are <c>generator.safetensors</c> and <c>generator-adam.bin</c>.
/// </summary>
public sealed class DcganArtist : SgdArtist
{
    /// <summary>Weights file inside a checkpoint.</summary>
    public const string WeightsFile = Name + TorchFiles.WeightsExtension;
    private const string Name = "generator";
    private const int InitStream = 201;

    /// <summary>The options it was made with.</summary>
    public DcganArtistOptions Options { get; }
    /// <summary>The generator module.</summary>
    public DcganGenerator Generator => (DcganGenerator)Network;

    /// <summary>A generator on <paramref name="device"/>, initialised from <paramref name="seed"/>.</summary>
    public DcganArtist(DcganArtistOptions options, int seed, Device device)
        : base(Name, Build(options, seed), options, new ImageSpec(options.ImageSize, options.ImageSize, options.Channels),
               options.LatentSize, options.Samples, device)
    {
        Options = options;
    }

    private static DcganGenerator Build(DcganArtistOptions options, int seed)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem);
        var net = new DcganGenerator(options.ImageSize, options.Channels, options.LatentSize, options.Widths);
        using var init = new torch.Generator((ulong)SeedSequence.Mix(seed, 0, InitStream));
        net.ResetParameters(init);
        return net;
    }

    /// <summary>Builds one from YAML options and the run's context.</summary>
    public static DcganArtist Create(DcganArtistOptions options, ComponentContext context) =>
        new(options, context.Seed, TorchDevices.Resolve(context.Device));

    /// <inheritdoc />
    public override Tensor Generate(Tensor z) => Generator.call(z);
}
