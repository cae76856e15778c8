using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Critics.Cnn;

/// <summary>
/// The minibatch standard-deviation layer of Karras et al. (2018): the standard deviation of every feature over the
/// batch, averaged to one number and appended as a constant feature map. A generator that collapses to one image gives
/// its batches a telltale zero here, which the discriminator learns to punish.
/// </summary>
public sealed class MinibatchStdDev : nn.Module<Tensor, Tensor>
{
    /// <summary>The layer (no parameters).</summary>
    public MinibatchStdDev() : base(nameof(MinibatchStdDev)) { }

    /// <summary>x [N, C, H, W] -> [N, C + 1, H, W]; the new map holds mean over (C, H, W) of the batch std (biased, +1e-8 inside the root).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var std = (x.var(0, unbiased: false) + 1e-8).sqrt().mean();                 // scalar
        var map = std.expand(x.shape[0], 1, x.shape[2], x.shape[3]);                   // [N, 1, H, W]
        return torch.cat([x, map], 1).MoveToOuterDisposeScope();
    }
}
