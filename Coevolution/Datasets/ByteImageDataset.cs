using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Datasets;

/// <summary>
/// Images kept compactly as bytes (N x C x H x W, one byte per value), turned into floats on demand.
/// Built by <see cref="FashionMnist"/> and <see cref="ImageFolder"/>.
/// </summary>
public sealed class ByteImageDataset : IImageDataset
{
    private static readonly float[] ToUnit = Enumerable.Range(0, 256).Select(v => v / 255f).ToArray();
    private static readonly float[] ToSigned = Enumerable.Range(0, 256).Select(v => v / 127.5f - 1f).ToArray();

    private readonly byte[] _pixels;
    private readonly int[] _labels;

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public int Count { get; }
    /// <inheritdoc />
    public int Width { get; }
    /// <inheritdoc />
    public int Height { get; }
    /// <inheritdoc />
    public int Channels { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Wraps <paramref name="pixels"/> (N x C x H x W bytes) and one label per image (-1 = none); nothing is copied.</summary>
    public ByteImageDataset(string name, int width, int height, int channels, byte[] pixels, int[] labels, IReadOnlyList<string> classNames)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), "channels must be 1 or 3");
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        long per = (long)channels * width * height;
        if (pixels.LongLength != per * labels.Length)
            throw new ArgumentException($"expected {per * labels.Length} bytes for {labels.Length} images, got {pixels.LongLength}", nameof(pixels));
        Name = name;
        Width = width;
        Height = height;
        Channels = channels;
        Count = labels.Length;
        _pixels = pixels;
        _labels = labels;
        ClassNames = classNames;
    }

    private int ImageBytes => Channels * Width * Height;

    /// <inheritdoc />
    public Image Get(int index)
    {
        CheckIndex(index);
        int n = Width * Height;
        var src = _pixels.AsSpan(index * ImageBytes, ImageBytes);
        var image = new Image(Width, Height);
        var d = image.Data;
        if (Channels == 3)
            for (int i = 0; i < 3 * n; i++) d[i] = ToUnit[src[i]];
        else
            for (int i = 0; i < n; i++) d[i] = d[n + i] = d[2 * n + i] = ToUnit[src[i]];
        return image;
    }

    /// <inheritdoc />
    public int Label(int index)
    {
        CheckIndex(index);
        return _labels[index];
    }

    /// <inheritdoc />
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination, PixelRange range = PixelRange.ZeroToOne)
    {
        int per = ImageBytes;
        if (destination.Length != indices.Length * per)
            throw new ArgumentException($"destination holds {destination.Length} floats; {indices.Length} images of {Channels}x{Height}x{Width} need {indices.Length * per}", nameof(destination));
        float[] table = range == PixelRange.ZeroToOne ? ToUnit : ToSigned;
        for (int b = 0; b < indices.Length; b++)
        {
            CheckIndex(indices[b]);
            var src = _pixels.AsSpan(indices[b] * per, per);
            var dst = destination.Slice(b * per, per);
            for (int i = 0; i < per; i++) dst[i] = table[src[i]];
        }
    }

    /// <summary>A new float array holding the batch (see <see cref="CopyBatch"/>).</summary>
    public float[] Batch(ReadOnlySpan<int> indices, PixelRange range = PixelRange.ZeroToOne)
    {
        var result = new float[indices.Length * ImageBytes];
        CopyBatch(indices, result, range);
        return result;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside 0..{Count - 1} of {Name}");
    }
}
