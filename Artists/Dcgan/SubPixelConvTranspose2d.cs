using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Artists.Dcgan;

/// <summary>
/// <c>ConvTranspose2d(in, out, kernel_size: 4, stride: 2, padding: 1, bias: false)</c>, computed exactly as one stride-1
/// 2x2 convolution that yields the four output phases as channel groups, then interleaved into the doubled grid
/// (the sub-pixel form of Shi et al. 2016). oneDNN runs plain convolutions faster than transposed ones for thin outputs,
/// so the generator's last layer uses it; the weight keeps ConvTranspose2d's layout [in, out, 4, 4], so state dicts are
/// interchangeable with PyTorch's layer.
/// </summary>
public sealed class SubPixelConvTranspose2d : nn.Module<Tensor, Tensor>
{
    /// <summary>[in, out, 4, 4], as <c>ConvTranspose2d.weight</c>.</summary>
    public Parameter weight;

    /// <summary>A layer from <paramref name="inChannels"/> to <paramref name="outChannels"/> that doubles height and width.</summary>
    public SubPixelConvTranspose2d(long inChannels, long outChannels, Device? device = null) : base(nameof(SubPixelConvTranspose2d))
    {
        weight = new Parameter(torch.empty(inChannels, outChannels, 4, 4, device: device));
        RegisterComponents();
    }

    /// <summary>x [N, in, H, W] -> [N, out, 2H, 2W].</summary>
    public override Tensor forward(Tensor x)
    {
        long cin = weight.shape[0], cout = weight.shape[1];
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        using var scope = NewDisposeScope();
        // Output row 2i+a reads input rows i-1+a (tap 3-a) and i+a (tap 1-a): flipped taps a and a+2, in a 2x2 window.
        var flipped = weight.flip(2, 3).view(cin, cout, 2, 2, 2, 2);                     // [in, out, dy, a, dx, b]
        var kernel = flipped.permute(3, 5, 1, 0, 2, 4).reshape(4 * cout, cin, 2, 2);     // [(a, b, out), in, 2, 2]
        var phases = F.conv2d(x, kernel, padding: [1, 1]).view(n, 2, 2, cout, h + 1, w + 1); // [N, a, b, out, H+1, W+1]
        var p00 = phases[.., 0, 0, .., ..(int)h, ..(int)w];                                 // [N, out, H, W] each
        var p01 = phases[.., 0, 1, .., ..(int)h, 1..];
        var p10 = phases[.., 1, 0, .., 1.., ..(int)w];
        var p11 = phases[.., 1, 1, .., 1.., 1..];
        var row0 = torch.stack([p00, p01], -1);                                             // [N, out, H, W, b]
        var row1 = torch.stack([p10, p11], -1);
        return torch.stack([row0, row1], -3).reshape(n, cout, 2 * h, 2 * w).MoveToOuterDisposeScope(); // [N, out, 2H, 2W]
    }
}
