using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Datasets;

/// <summary>Some images of another data set, by index (a held-out split, or the first N).</summary>
public sealed class SubsetDataset(IImageDataset inner, int[] indices) : IImageDataset
{
    /// <inheritdoc />
    public string Name => $"{inner.Name} [{indices.Length} of them]";
    /// <inheritdoc />
    public int Count => indices.Length;
    /// <inheritdoc />
    public int Width => inner.Width;
    /// <inheritdoc />
    public int Height => inner.Height;
    /// <inheritdoc />
    public int Channels => inner.Channels;
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => inner.ClassNames;
    /// <inheritdoc />
    public Image Get(int index) => inner.Get(indices[index]);
    /// <inheritdoc />
    public int Label(int index) => inner.Label(indices[index]);
    /// <inheritdoc />
    public void CopyBatch(ReadOnlySpan<int> batch, Span<float> destination, PixelRange range = PixelRange.ZeroToOne)
    {
        Span<int> mapped = batch.Length <= 1024 ? stackalloc int[batch.Length] : new int[batch.Length];
        for (int i = 0; i < batch.Length; i++) mapped[i] = indices[batch[i]];
        inner.CopyBatch(mapped, destination, range);
    }
}
