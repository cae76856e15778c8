using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Critics.Cnn;

/// <summary>
/// Dropout whose masks come from a generator its owner holds (and re-seeds per training step), not from libtorch's
/// global generator, so training is reproducible and no hidden global state is shared between runs in one process.
/// In eval mode it passes its input through.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _p;
    private readonly Func<Generator> _generator;

    /// <summary>Zeroes each element with probability <paramref name="p"/> (scaling the rest by 1/(1 − p)), drawing from <paramref name="generator"/>.</summary>
    public SeededDropout(double p, Func<Generator> generator) : base(nameof(SeededDropout))
    {
        if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), "dropout probability must be in [0, 1)");
        _p = p;
        _generator = generator;
    }

    /// <summary>x -> x ⊙ mask / (1 − p) in training, x in eval.</summary>
    public override Tensor forward(Tensor x)
    {
        if (!training || _p == 0) return x.alias();
        using var scope = NewDisposeScope();
        var keep = torch.rand(x.shape, generator: _generator(), device: x.device) >= _p;
        return (x * keep / (1 - _p)).MoveToOuterDisposeScope();
    }
}
