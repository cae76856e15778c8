using TorchSharp;

namespace Coevo.Experiments.Running;

/// <summary>Where torch work runs, chosen once per command and passed down.</summary>
public static class TorchDevice
{
    /// <summary>The GPU when this build and machine have one, else the CPU.</summary>
    public static torch.Device Choose() => torch.cuda.is_available() ? torch.CUDA : torch.CPU;
}
