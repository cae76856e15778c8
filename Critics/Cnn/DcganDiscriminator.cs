using TorchSharp;
using TorchSharp.Modules;
using Coevo.Coevolution.Gradient;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Coevo.Critics.Cnn;

/// <summary>
/// The DCGAN discriminator of Radford et al. (2016), as pytorch/examples writes it: strided convolutions,
/// LeakyReLU(0.2), BatchNorm on every layer but the first, no fully connected layers; it returns one logit per image
/// (the sigmoid lives in the loss). <c>widths</c> are the channels after each strided layer: [64, 128] for 28x28
/// (28 -> 14 -> 7 -> logit), [64, 128, 256, 512] for 64x64.
/// </summary>
public sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential main;

    /// <summary>The layers in order (for tests and inspection).</summary>
    internal Sequential Main => main;

    private Generator _dropoutGenerator = new(0);

    /// <summary>Re-seeds the dropout masks (the trainer derives a seed per step, so a resumed run draws the same masks).</summary>
    public void Reseed(ulong seed) => _dropoutGenerator.manual_seed((long)seed);

    /// <summary>Input height and width.</summary>
    public int ImageSize { get; }
    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>
    /// A discriminator for <paramref name="channels"/> x <paramref name="imageSize"/>² images; <paramref name="dropout"/> &gt; 0 adds
    /// dropout after every hidden layer, and <paramref name="minibatchStdDev"/> a feature map holding the batch's mean
    /// standard deviation before the last layer (Karras et al. 2018), so D can see a collapsed batch.
    /// </summary>
    public DcganDiscriminator(int imageSize, int channels, IReadOnlyList<int> widths, double dropout = 0, bool minibatchStdDev = false)
        : base(nameof(DcganDiscriminator))
    {
        int end = DcganShape.CoreSize(imageSize, widths.Count);
        ImageSize = imageSize;
        Channels = channels;
        var layers = new List<Module<Tensor, Tensor>>
        {
            // [N, channels, size, size] -> [N, widths[0], size/2, size/2]
            Conv2d(channels, widths[0], 4, stride: 2, padding: 1, bias: false),
            LeakyReLU(0.2, inplace: true),
        };
        if (dropout > 0) layers.Add(new SeededDropout(dropout, () => _dropoutGenerator));
        for (int i = 1; i < widths.Count; i++)
        {
            // [N, widths[i-1], s, s] -> [N, widths[i], s/2, s/2]
            layers.Add(Conv2d(widths[i - 1], widths[i], 4, stride: 2, padding: 1, bias: false));
            layers.Add(BatchNorm2d(widths[i]));
            layers.Add(LeakyReLU(0.2, inplace: true));
            if (dropout > 0) layers.Add(new SeededDropout(dropout, () => _dropoutGenerator));
        }
        int last = widths[^1];
        if (minibatchStdDev)
        {
            // [N, last, end, end] -> [N, last + 1, end, end]
            layers.Add(new MinibatchStdDev());
            last++;
        }
        // [N, last, end, end] -> [N, 1, 1, 1] -> [N]
        layers.Add(Conv2d(last, 1, end, stride: 1, padding: 0L, bias: false));
        layers.Add(Flatten(0));
        main = Sequential(layers);
        RegisterComponents();
    }

    /// <summary>images [N, channels, size, size] in [-1, 1] -> logits [N].</summary>
    public override Tensor forward(Tensor images) => main.forward(images);

    /// <summary>Radford et al.'s initialisation (see <see cref="DcganInit"/>).</summary>
    public void ResetParameters(Generator generator) => DcganInit.Apply(this, generator);
}
