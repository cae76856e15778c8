using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// A critic that gives a logit per image ("real" when positive) as a differentiable function of both its parameters
/// and the images, so a GAN can train it and pass its gradients to a generator. It owns its network and optimiser,
/// and also learns on its own (real against archived artist images) for co-evolution.
/// </summary>
public interface IDifferentiableCritic : ILearningCritic
{
    /// <summary>The images it takes.</summary>
    ImageSpec Input { get; }
    /// <summary>Where its parameters live.</summary>
    Device Device { get; }
    /// <summary>The network (for train()/eval() and weights).</summary>
    nn.Module Network { get; }
    /// <summary>The optimiser over its parameters.</summary>
    OptimizerHelper Optimizer { get; }
    /// <summary>images [N, C, H, W] in [-1, 1] on <see cref="Device"/> -> logits [N].</summary>
    Tensor Logits(Tensor images);
    /// <summary>Re-derives the critic's own randomness (dropout masks) for one training step from <paramref name="seed"/>.</summary>
    void Reseed(ulong seed);
}
