using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics;

/// <summary>
/// Feature vectors of a set of images, one row each (row-major <see cref="Count"/> x <see cref="Dim"/> floats), as a
/// <see cref="Features.FeatureExtractor"/> makes them. Kept on the CPU so it can be cached, saved or concatenated.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>The rows back to back.</summary>
    public float[] Data { get; }
    /// <summary>Number of rows (images).</summary>
    public int Count { get; }
    /// <summary>Length of a row (feature dimensions).</summary>
    public int Dim { get; }

    /// <summary>Wraps <paramref name="data"/> (not copied).</summary>
    public FeatureMatrix(float[] data, int count, int dim)
    {
        if (count < 0 || dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), $"a feature matrix needs count >= 0 and dim >= 1, got {count} x {dim}");
        if (data.LongLength != (long)count * dim) throw new ArgumentException($"expected {(long)count * dim} floats for {count} x {dim}, got {data.LongLength}", nameof(data));
        Data = data;
        Count = count;
        Dim = dim;
    }

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Dim, Dim);

    /// <summary>A float32 tensor [Count, Dim] on <paramref name="device"/>.</summary>
    public Tensor ToTensor(Device? device = null) => tensor(Data, [Count, Dim], device: device);

    /// <summary>Copies a [N, D] tensor (any device, any float type) into a matrix.</summary>
    public static FeatureMatrix FromTensor(Tensor features)
    {
        if (features.dim() != 2) throw new ArgumentException($"features must be [N, D], got [{string.Join(", ", features.shape)}]", nameof(features));
        using var cpu = features.detach().to(ScalarType.Float32, CPU).contiguous();
        return new FeatureMatrix(cpu.data<float>().ToArray(), (int)features.shape[0], (int)features.shape[1]);
    }
}
