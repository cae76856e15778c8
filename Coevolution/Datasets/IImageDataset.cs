using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Datasets;

/// <summary>How pixel values are scaled in a float batch.</summary>
public enum PixelRange
{
    /// <summary>[0,1], as in <see cref="Image"/>.</summary>
    ZeroToOne,
    /// <summary>[-1,1], the range a tanh generator produces (DCGAN).</summary>
    MinusOneToOne,
}

/// <summary>A fixed set of same-sized images, optionally labelled with a class. Thread-safe for reading.</summary>
public interface IImageDataset
{
    /// <summary>A short description for logs, e.g. "fashion-mnist train [Sneaker] (6000)".</summary>
    string Name { get; }
    /// <summary>Number of images.</summary>
    int Count { get; }
    /// <summary>Width of every image.</summary>
    int Width { get; }
    /// <summary>Height of every image.</summary>
    int Height { get; }
    /// <summary>Channels stored: 1 (grey) or 3 (RGB). <see cref="Get"/> always returns RGB.</summary>
    int Channels { get; }
    /// <summary>Class names indexed by label; empty when the dataset is unlabelled.</summary>
    IReadOnlyList<string> ClassNames { get; }
    /// <summary>Image <paramref name="index"/> as a new RGB <see cref="Image"/> (grey images have R = G = B).</summary>
    Image Get(int index);
    /// <summary>The class of image <paramref name="index"/>, or -1 when unlabelled.</summary>
    int Label(int index);
    /// <summary>
    /// Writes the images at <paramref name="indices"/> into <paramref name="destination"/> as an N x C x H x W float
    /// tensor (C = <see cref="Channels"/>), scaled to <paramref name="range"/>. The fast path for SGD training.
    /// </summary>
    void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination, PixelRange range = PixelRange.ZeroToOne);
}
