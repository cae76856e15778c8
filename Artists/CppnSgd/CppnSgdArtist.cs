using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Artists.Cppn;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Artists.CppnSgd;

/// <summary>Options of the <c>cppn_sgd</c> artist.</summary>
public sealed class CppnSgdArtistOptions : AdamOptions
{
    [Description("side of the images the critic sees, in pixels (the CPPN itself renders at any size)")]
    [Range(4, 1024)]
    public int ImageSize { get; set; } = 28;

    [Description("length of the latent vector z fed to every pixel (0: the CPPN draws one picture)")]
    [Range(0, 1024)]
    public int LatentSize { get; set; } = 8;

    [Description("units in each hidden layer")]
    public List<int> Widths { get; set; } = [32, 32, 32];

    [Description("activations of the hidden units, in even blocks per layer (sin cos gaussian sigmoid tanh identity abs usigmoid ugaussian)")]
    public string Activations { get; set; } = "sin gaussian sigmoid tanh";

    [Description("initial weights are N(0, (init_scale / sqrt(fan-in))²); larger gives busier first pictures")]
    [Range(0.01, 100.0)]
    public double InitScale { get; set; } = 2.0;

    [Description("images the artist offers when another critic scores it (and coevo sample draws by default)")]
    [Range(1, 1024)]
    public int Samples { get; set; } = 64;

    /// <summary>The activations named in <see cref="Activations"/>; null and a message when one is unknown or has no gradient.</summary>
    public (IReadOnlyList<Activation>? List, string? Problem) ParseActivations()
    {
        var list = new List<Activation>();
        foreach (var name in Activations.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ActivationNames.TryParseJson(name, out var a) || !TorchActivations.Differentiable.Contains(a))
                return (null, $"activations: '{name}' is not one of {string.Join(", ", TorchActivations.Differentiable.Select(ActivationNames.ToJson))}");
            list.Add(a);
        }
        return list.Count == 0 ? (null, "activations: name at least one") : (list, null);
    }

    /// <summary>Problems that no single key shows (null when none).</summary>
    public override string? Problem() =>
        Widths.Count == 0 || Widths.Any(w => w < 1) ? "widths needs at least one positive layer width" : ParseActivations().Problem;
}

/// <summary>
/// One representation, learnt the other way: a CPPN (<see cref="CppnNetwork"/>) whose weights are trained by SGD
/// through a discriminator's gradients instead of evolved. Its pixels are cppn-x's grey mapping of the ink output
/// (<see cref="CppnPixels"/>), as for an evolved CPPN, so both face a critic on equal terms.
/// Checkpoints are <c>cppn.safetensors</c> and <c>cppn-adam.bin</c>.
/// </summary>
public sealed class CppnSgdArtist : SgdArtist
{
    private const int InitStream = 401;

    /// <summary>The options it was made with.</summary>
    public CppnSgdArtistOptions Options { get; }
    /// <summary>The CPPN module.</summary>
    public CppnNetwork Cppn => (CppnNetwork)Network;

    /// <summary>A CPPN on <paramref name="device"/>, initialised from <paramref name="seed"/>.</summary>
    public CppnSgdArtist(CppnSgdArtistOptions options, int seed, Device device)
        : base("cppn", Build(options, seed), options, new ImageSpec(options.ImageSize, options.ImageSize, 1),
               options.LatentSize, options.Samples, device)
    {
        Options = options;
    }

    private static CppnNetwork Build(CppnSgdArtistOptions options, int seed)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem);
        var net = new CppnNetwork(options.ImageSize, options.LatentSize, options.Widths, options.ParseActivations().List!);
        using var init = new torch.Generator((ulong)SeedSequence.Mix(seed, 0, InitStream));
        using var _ = torch.no_grad();
        foreach (var (name, p) in net.named_parameters())
        {
            double fanIn = p.dim() == 2 ? p.shape[1] : 1;
            p.normal_(0, (name.EndsWith("bias") ? 0.5 : options.InitScale) / Math.Sqrt(fanIn), init);
        }
        return net;
    }

    /// <summary>Builds one from YAML options and the run's context.</summary>
    public static CppnSgdArtist Create(CppnSgdArtistOptions options, ComponentContext context) =>
        new(options, context.Seed, TorchDevices.Resolve(context.Device));

    /// <inheritdoc />
    public override Tensor Generate(Tensor z) => CppnPixels.Grey(Cppn.call(z)) * 2 - 1;

    /// <summary>Pictures for <paramref name="z"/> at any <paramref name="size"/>, without gradients.</summary>
    public IReadOnlyList<Image> Render(Tensor z, int size)
    {
        using var scope = NewDisposeScope();
        using var _ = torch.no_grad();
        return ImageTensors.ToImages(CppnPixels.Grey(Cppn.Ink(z.to(Device), size)) * 2 - 1);
    }
}
