using System.Reflection;
using TorchSharp;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// The one place a config's <c>device:</c> becomes a <see cref="torch.Device"/>. Which TorchSharp backend this build
/// carries (cpu or cuda) is fixed at build time by <c>-p:TorchBackend=</c> and read from the assembly's metadata, so
/// asking a CPU build for cuda is an error that names the switch before any work starts.
/// </summary>
public static class TorchDevices
{
    /// <summary>The device names a config may give.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "cuda"];

    /// <summary>The TorchSharp backend this build references: "cpu" (TorchSharp-cpu) or "cuda" (TorchSharp-cuda-linux).</summary>
    public static string Backend { get; } =
        typeof(TorchDevices).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

    /// <summary>Why <paramref name="name"/> cannot be used here, or null when it can. Loads libtorch only for cuda.</summary>
    public static string? Problem(string name)
    {
        if (!Names.Contains(name))
            return $"unknown device '{name}'; valid devices: {string.Join(", ", Names)}";
        if (name == "cpu") return null;
        if (Backend != "cuda")
            return "device 'cuda' needs a CUDA build of Coevo, but this one references TorchSharp-cpu: " +
                   "rebuild with `dotnet build -c Release -p:TorchBackend=cuda` (TorchSharp-cuda-linux) on a machine with an NVIDIA GPU and driver, or use device: cpu";
        if (!torch.cuda.is_available())
            return "device 'cuda' was asked for, but no CUDA device is visible to libtorch (check the NVIDIA driver and CUDA_VISIBLE_DEVICES), or use device: cpu";
        return null;
    }

    /// <summary>The GPU when this build and machine have one, else the CPU (for commands without a config, e.g. <c>coevo metrics</c>).</summary>
    public static torch.Device Best => Backend == "cuda" && torch.cuda.is_available() ? torch.CUDA : torch.CPU;

    /// <summary>The device for <paramref name="name"/>; an <see cref="InputException"/> when it cannot be used.</summary>
    public static torch.Device Resolve(string name) =>
        Problem(name) is { } problem ? throw new InputException(problem) : new torch.Device(name);
}
