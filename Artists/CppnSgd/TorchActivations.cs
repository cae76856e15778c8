using Coevo.Artists.Cppn;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Artists.CppnSgd;

/// <summary>
/// The CPPN activations of <see cref="Activation"/> as differentiable tensor functions, with cppn-x's definitions
/// (signed sigmoid tanh(x/2), gaussian 2·exp(−x²) − 1, ...), so an SGD-trained CPPN computes what an evolved one does.
/// Step has no useful gradient and is not offered.
/// </summary>
public static class TorchActivations
{
    /// <summary>The activations an SGD CPPN can use (everything but step).</summary>
    public static IReadOnlyList<Activation> Differentiable { get; } = ActivationNames.All.Where(a => a != Activation.Step).ToArray();

    /// <summary><paramref name="a"/> applied elementwise to <paramref name="x"/>.</summary>
    public static Tensor Apply(Activation a, Tensor x) => a switch
    {
        Activation.Identity => x.alias(),
        Activation.Sin => x.sin(),
        Activation.Cos => x.cos(),
        Activation.Gaussian => 2 * (-x.square()).exp() - 1,
        Activation.Sigmoid => (x / 2).tanh(),
        Activation.Tanh => x.tanh(),
        Activation.Abs => x.abs(),
        Activation.USigmoid => x.sigmoid(),
        Activation.UGaussian => (-x.square()).exp(),
        _ => throw new ArgumentException($"activation {ActivationNames.ToJson(a)} has no gradient for SGD"),
    };
}
