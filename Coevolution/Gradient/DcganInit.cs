using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Radford et al.'s initialisation, as pytorch/examples' <c>weights_init</c>: every convolution kernel (any 4-D weight,
/// transposed or not) from N(0, 0.02); batch-norm scale from N(1, 0.02) and shift 0.
/// </summary>
public static class DcganInit
{
    /// <summary>Initialises every submodule of <paramref name="module"/> in place, drawing from <paramref name="generator"/> in module order.</summary>
    public static void Apply(nn.Module module, Generator generator)
    {
        using var _ = torch.no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            if (m is BatchNorm2d bn)
            {
                bn.weight!.normal_(1.0, 0.02, generator);
                bn.bias!.zero_();
                continue;
            }
            foreach (var (name, p) in m.named_parameters(recurse: false))
                if (name == "weight" && p.dim() == 4)
                    p.normal_(0.0, 0.02, generator);
        }
    }
}
