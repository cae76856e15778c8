using System.Globalization;
using Coevo.Torch.Serialization;

namespace Coevo.Torch.Optim;

/// <summary>
/// Updates a fixed list of parameters from their gradients, in place and without autograd, as torch.optim does.
/// Its state (moment buffers, step count) can be saved to and loaded from a safetensors file.
/// </summary>
public abstract class Optimizer : IDisposable
{
    protected readonly Tensor[] Params;

    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        Params = parameters.ToArray();
        if (Params.Length == 0) throw new ArgumentException("optimizer got an empty parameter list");
        if (lr < 0) throw new ArgumentException($"invalid learning rate {lr}");
        this.lr = lr;
    }

    public double lr { get; set; }

    /// <summary>Drops (default) or zeroes every parameter's gradient.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (var p in Params) p.zero_grad(set_to_none);
    }

    public abstract void step();

    /// <summary>State tensors by name (<c>state.{i}.{buffer}</c>, i = parameter position) plus scalar metadata.</summary>
    public abstract (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) state_dict();

    protected abstract void LoadState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string path);

    /// <summary>Writes the state as safetensors (scalars go to <c>__metadata__</c>).</summary>
    public void save(string path)
    {
        var (tensors, metadata) = state_dict();
        Safetensors.Save(path, tensors, metadata);
    }

    public void load(string path)
    {
        var (tensors, metadata) = Safetensors.LoadWithMetadata(path);
        try
        {
            LoadState(tensors, metadata, path);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    protected static void CopyInto(Tensor target, IReadOnlyDictionary<string, Tensor> source, string name, string path)
    {
        if (!source.TryGetValue(name, out var src)) throw new TorchFileException(path, $"optimizer state '{name}' is missing");
        if (!src.shape.SequenceEqual(target.shape))
            throw new TorchFileException(path, $"optimizer state '{name}' has shape [{string.Join(", ", src.shape)}], expected [{string.Join(", ", target.shape)}]");
        using var _ = torch.no_grad();
        target.copy_(src);
    }

    protected static long ReadLong(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        metadata.TryGetValue(key, out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new TorchFileException(path, $"optimizer metadata '{key}' is missing or not an integer");

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
