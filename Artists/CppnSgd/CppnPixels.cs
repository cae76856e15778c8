using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Artists.CppnSgd;

/// <summary>
/// cppn-x's grey pixel from an ink value, floor(min(|v|, 1)·255)/255 (what an evolved CPPN's renderer writes), as a
/// differentiable tensor function: the forward pass is exactly that value, the gradient that of min(|v|, 1)
/// (a straight-through estimator for the 8-bit rounding). Evolved and SGD-trained CPPNs thus show a critic the same
/// pixels for the same network.
/// </summary>
public static class CppnPixels
{
    /// <summary>ink (any shape) -> grey in [0, 1].</summary>
    public static Tensor Grey(Tensor ink)
    {
        using var scope = NewDisposeScope();
        var smooth = ink.abs().clamp_max(1);
        var quantised = (smooth * 255).floor() * (1f / 255f); // as PixelMath.Grey, to the bit
        return (quantised.detach() + (smooth - smooth.detach())).MoveToOuterDisposeScope(); // value q exactly, gradient of smooth
    }
}
