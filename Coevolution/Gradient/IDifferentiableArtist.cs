using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// An artist whose images are a differentiable function of its parameters, G(z), so it can learn by SGD from a
/// critic's gradients (a GAN's generator). It owns its network and optimiser; the trainer only steps them.
/// </summary>
public interface IDifferentiableArtist : IArtist
{
    /// <summary>The images it makes.</summary>
    ImageSpec Output { get; }
    /// <summary>Length of z.</summary>
    int LatentSize { get; }
    /// <summary>Where its parameters live.</summary>
    Device Device { get; }
    /// <summary>The network (for train()/eval() and weights).</summary>
    nn.Module Network { get; }
    /// <summary>The optimiser over its parameters.</summary>
    OptimizerHelper Optimizer { get; }
    /// <summary>z [N, <see cref="LatentSize"/>] on <see cref="Device"/> -> images [N, C, H, W] in [-1, 1], with gradients.</summary>
    Tensor Generate(Tensor z);
    /// <summary>The images for <paramref name="z"/> in eval mode, without gradients (sheets, metrics, tools).</summary>
    IReadOnlyList<Imaging.Image> Render(Tensor z);
}
