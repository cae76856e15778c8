using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;
using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Saving and restoring what gradient training holds: module weights as safetensors (readable by PyTorch users),
/// optimiser state in TorchSharp's own exact binary form, generator state, and a PyTorch state-dict export (.pt).
/// Every write goes through <see cref="AtomicFile"/>, so a crash never leaves a torn file.
/// A file that is missing, corrupt or does not match the module is an <see cref="InputException"/> naming it.
/// </summary>
public static class TorchFiles
{
    /// <summary>The extension of weight files.</summary>
    public const string WeightsExtension = ".safetensors";

    /// <summary>Writes <c>name.safetensors</c> (weights) and <c>name-adam.bin</c> (optimiser state) into <paramref name="directory"/>.</summary>
    public static void SaveTrainable(string directory, string name, nn.Module module, OptimizerHelper optimizer)
    {
        SaveWeights(module, Path.Combine(directory, name + WeightsExtension));
        SaveOptimizer(optimizer, Path.Combine(directory, name + "-adam.bin"));
    }

    /// <summary>Restores what <see cref="SaveTrainable"/> wrote.</summary>
    public static void LoadTrainable(string directory, string name, nn.Module module, OptimizerHelper optimizer)
    {
        LoadWeights(module, Path.Combine(directory, name + WeightsExtension));
        LoadOptimizer(optimizer, Path.Combine(directory, name + "-adam.bin"));
    }

    /// <summary>Writes every parameter and buffer of <paramref name="module"/> (batch-norm statistics included) as safetensors.</summary>
    public static void SaveWeights(nn.Module module, string path) =>
        AtomicFile.Write(path, s => module.save_safetensors(s, leaveOpen: true));

    /// <summary>Loads weights written by <see cref="SaveWeights"/>; every key must match in name and shape.</summary>
    public static void LoadWeights(nn.Module module, string path) =>
        Reading(path, "weights", () => module.load_safetensors(path, strict: true));

    /// <summary>Exports the state dict in PyTorch's format: <c>model.load_state_dict(torch.load(path))</c> reads it.</summary>
    public static void ExportPyTorch(nn.Module module, string path) =>
        AtomicFile.Write(path, s => module.save_py(s, leaveOpen: true));

    /// <summary>Writes the optimiser's state (moments, step counts, hyper-parameters) so a resumed run continues exactly.</summary>
    public static void SaveOptimizer(OptimizerHelper optimizer, string path) =>
        AtomicFile.Write(path, s =>
        {
            using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
        });

    /// <summary>Restores state written by <see cref="SaveOptimizer"/> into an optimiser over the same parameters.</summary>
    public static void LoadOptimizer(OptimizerHelper optimizer, string path) =>
        Reading(path, "optimiser state", () => optimizer.load_state_dict(path));

    /// <summary>Writes a generator's state (its seed and position) as raw bytes.</summary>
    public static void SaveGenerator(Generator generator, string path)
    {
        using var state = generator.get_state();
        AtomicFile.WriteAllBytes(path, state.bytes.ToArray());
    }

    /// <summary>Restores a generator's state written by <see cref="SaveGenerator"/>.</summary>
    public static void LoadGenerator(Generator generator, string path) =>
        Reading(path, "generator state", () =>
        {
            byte[] bytes = File.ReadAllBytes(path);
            using var current = generator.get_state();
            if (bytes.Length != current.NumberOfElements)
                throw new InputException($"generator state has {bytes.Length} bytes, expected {current.NumberOfElements}", path);
            using var state = torch.tensor(bytes, dtype: ScalarType.Byte);
            generator.set_state(state);
        });

    private static void Reading(string path, string what, Action read)
    {
        if (!File.Exists(path)) throw new InputException($"{what} file not found", path);
        try
        {
            read();
        }
        catch (Exception e) when (e is not InputException and not OutOfMemoryException)
        {
            throw new InputException($"cannot read {what}: {e.Message}", path, inner: e);
        }
    }
}
