using Coevo.Coevolution.Imaging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// What every artist trained by SGD shares: its network on one device, an Adam optimiser over it, and checkpoints of
/// weights and optimiser state (<c>name.safetensors</c>, <c>name-adam.bin</c>). A subclass builds the network and
/// says how z becomes images.
/// </summary>
public abstract class SgdArtist : IDifferentiableArtist, IDisposable
{
    private readonly string _name;
    private readonly Adam _adam;

    /// <summary>Moves <paramref name="network"/> (already initialised) to <paramref name="device"/> and makes its optimiser.</summary>
    protected SgdArtist(string name, nn.Module network, AdamOptions adam, ImageSpec output, int latentSize, int samples, Device device)
    {
        Samples = samples;
        _name = name;
        Network = network;
        Output = output;
        LatentSize = latentSize;
        Device = device;
        network.to(device);
        _adam = adam.CreateAdam(network.parameters());
    }

    /// <inheritdoc />
    public ImageSpec Output { get; }
    /// <inheritdoc />
    public int LatentSize { get; }
    /// <inheritdoc />
    public Device Device { get; }
    /// <inheritdoc />
    public nn.Module Network { get; }
    /// <inheritdoc />
    public OptimizerHelper Optimizer => _adam;
    /// <summary>Images per <see cref="Produce"/>.</summary>
    public int Samples { get; }

    /// <inheritdoc />
    public abstract Tensor Generate(Tensor z);

    /// <summary>Images for <paramref name="z"/> in eval mode (batch-norm running statistics), without gradients.</summary>
    public IReadOnlyList<Image> Render(Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = torch.no_grad();
        bool training = Network.training;
        Network.eval();
        try { return ImageTensors.ToImages(Generate(z.to(Device))); }
        finally { if (training) Network.train(); }
    }

    /// <summary><see cref="Samples"/> images from latent vectors drawn with <paramref name="rng"/> (no state change).</summary>
    public IReadOnlyList<Image> Produce(Random rng) =>
        Render(LatentSpace.Draw(Samples, LatentSize, rng.Next()));

    /// <summary>Writes weights and optimiser state into <paramref name="directory"/>.</summary>
    public void SaveCheckpoint(string directory) => TorchFiles.SaveTrainable(directory, _name, Network, _adam);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote.</summary>
    public void LoadCheckpoint(string directory) => TorchFiles.LoadTrainable(directory, _name, Network, _adam);

    /// <inheritdoc />
    public void Dispose()
    {
        _adam.Dispose();
        Network.Dispose();
        GC.SuppressFinalize(this);
    }
}
