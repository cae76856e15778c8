using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Coevo.Artists.Dcgan;

/// <summary>
/// The DCGAN generator of Radford et al. (2016), written as pytorch/examples dcgan/main.py writes it: transposed
/// convolutions, BatchNorm and ReLU, tanh at the output, no fully connected layers, weights from N(0, 0.02).
/// <c>widths</c> are the channels after each layer before the output: [256, 128] gives the 28x28 Fashion-MNIST net
/// (z -> 7x7 -> 14x14 -> 28x28); [512, 256, 128, 64] gives the 64x64 net (z -> 4x4 -> ... -> 64x64).
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential main;

    /// <summary>The layers in order (for tests and inspection).</summary>
    internal Sequential Main => main;

    /// <summary>Length of the latent vector z.</summary>
    public int Nz { get; }
    /// <summary>Output height and width.</summary>
    public int ImageSize { get; }
    /// <summary>Output channels (1 grey, 3 RGB).</summary>
    public int Channels { get; }

    /// <summary>A generator for <paramref name="imageSize"/>², which must be widths.Count doublings of a whole size ≥ 2 (<see cref="Coevolution.Gradient.DcganShape"/>).</summary>
    public DcganGenerator(int imageSize, int channels, int nz, IReadOnlyList<int> widths)
        : base(nameof(DcganGenerator))
    {
        int start = Coevolution.Gradient.DcganShape.CoreSize(imageSize, widths.Count);
        Nz = nz;
        ImageSize = imageSize;
        Channels = channels;
        var layers = new List<Module<Tensor, Tensor>>
        {
            // z [N, nz, 1, 1] -> [N, widths[0], start, start]
            ConvTranspose2d(nz, widths[0], start, stride: 1, padding: 0, bias: false),
            BatchNorm2d(widths[0]),
            ReLU(inplace: true),
        };
        for (int i = 1; i < widths.Count; i++)
        {
            // [N, widths[i-1], s, s] -> [N, widths[i], 2s, 2s]
            layers.Add(ConvTranspose2d(widths[i - 1], widths[i], 4, stride: 2, padding: 1, bias: false));
            layers.Add(BatchNorm2d(widths[i]));
            layers.Add(ReLU(inplace: true));
        }
        // [N, widths[^1], size/2, size/2] -> [N, channels, size, size] in (-1, 1)
        layers.Add(ConvTranspose2d(widths[^1], channels, 4, stride: 2, padding: 1, bias: false));
        layers.Add(Tanh());
        main = Sequential(layers);
        RegisterComponents();
    }

    /// <summary>z [N, nz, 1, 1] (or [N, nz]) -> images [N, channels, size, size] in (-1, 1).</summary>
    public override Tensor forward(Tensor z) => main.forward(z.dim() == 2 ? z.view(z.shape[0], z.shape[1], 1, 1) : z);

    /// <summary>Radford et al.'s initialisation: convolution weights N(0, 0.02), batch-norm scale N(1, 0.02) and shift 0.</summary>
    public void ResetParameters(Generator generator) => Coevolution.Gradient.DcganInit.Apply(this, generator);
}
