using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Experience replay of old fakes (Shrivastava et al. 2017): the discriminator also sees images the generator made
/// earlier, so the two cannot chase each other round a cycle. Holds up to <see cref="Capacity"/> detached images;
/// while not full new images are appended, then each new image replaces a uniformly chosen old one. All choices come
/// from the generator the caller passes, so a run with the same seed reproduces them.
/// </summary>
public sealed class ReplayBuffer : IDisposable
{
    private Tensor? _images; // [Capacity, C, H, W] once the first batch arrives

    /// <summary>Most images held.</summary>
    public int Capacity { get; }
    /// <summary>Images held now.</summary>
    public int Count { get; private set; }

    /// <summary>An empty buffer for up to <paramref name="capacity"/> images.</summary>
    public ReplayBuffer(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "capacity must be at least 1");
        Capacity = capacity;
    }

    /// <summary>Adds a batch [N, C, H, W] (copied and detached).</summary>
    public void Push(Tensor batch, Generator generator)
    {
        using var scope = NewDisposeScope();
        var fresh = batch.detach();
        if (_images is null)
        {
            _images = torch.zeros([Capacity, .. fresh.shape[1..]], dtype: fresh.dtype, device: fresh.device);
            _images.DetachFromDisposeScope(); // lives as long as the buffer, not the caller's step
        }
        int n = (int)fresh.shape[0];
        int append = Math.Min(n, Capacity - Count);
        using var _ = torch.no_grad();
        if (append > 0)
        {
            _images.narrow(0, Count, append).copy_(fresh.narrow(0, 0, append));
            Count += append;
        }
        if (append < n)
        {
            var slots = torch.randint(0, Capacity, [n - append], generator: generator, device: fresh.device);
            _images.index_copy_(0, slots, fresh.narrow(0, append, n - append));
        }
    }

    /// <summary>
    /// <paramref name="fresh"/> [N, C, H, W] with round(<paramref name="fraction"/>·N) of its first images swapped for
    /// uniformly drawn replayed ones (none while the buffer is empty). The result is detached.
    /// </summary>
    public Tensor Mix(Tensor fresh, double fraction, Generator generator)
    {
        if (fraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), "fraction must be in [0, 1]");
        int n = (int)fresh.shape[0];
        int replayed = Count == 0 ? 0 : (int)Math.Round(fraction * n);
        if (replayed == 0) return fresh.detach();
        using var scope = NewDisposeScope();
        var picks = torch.randint(0, Count, [replayed], generator: generator, device: fresh.device);
        var old = _images!.index_select(0, picks);
        return torch.cat([old, fresh.detach().narrow(0, replayed, n - replayed)], 0).MoveToOuterDisposeScope();
    }

    /// <summary>The images held, [Count, C, H, W] (a view; empty before the first push).</summary>
    public Tensor? Contents => _images?.narrow(0, 0, Count);

    /// <summary>Writes the buffer (images and count) to <paramref name="path"/> as safetensors.</summary>
    public void Save(string path)
    {
        var state = new Dictionary<string, Tensor> { ["count"] = torch.tensor(new long[] { Count }) };
        if (_images is not null) state["images"] = _images;
        IO.AtomicFile.Write(path, s => TorchSharp.PyBridge.Safetensors.SaveStateDict(s, state, leaveOpen: true));
        state["count"].Dispose();
    }

    /// <summary>Restores what <see cref="Save"/> wrote; a bad file is an <see cref="InputException"/> naming it.</summary>
    public void Load(string path)
    {
        if (!File.Exists(path)) throw new InputException("replay buffer file not found", path);
        Dictionary<string, Tensor> state;
        try { state = TorchSharp.PyBridge.Safetensors.LoadStateDict(path); }
        catch (Exception e) when (e is not OutOfMemoryException) { throw new InputException($"cannot read the replay buffer: {e.Message}", path, inner: e); }
        long count = state.TryGetValue("count", out var c) ? c.item<long>() : -1;
        if (count < 0 || count > Capacity || (count > 0 && (!state.TryGetValue("images", out var imgs) || imgs.shape[0] != Capacity)))
            throw new InputException($"the replay buffer holds {count} images for a capacity of {Capacity}; was the config changed?", path);
        _images?.Dispose();
        _images = state.GetValueOrDefault("images")?.DetachFromDisposeScope();
        Count = (int)count;
    }

    /// <inheritdoc />
    public void Dispose() => _images?.Dispose();
}
