using SkiaSharp;

namespace Coevo.Coevolution.Imaging;

/// <summary>
/// JPEG in memory through SkiaSharp (libjpeg-turbo), for critics that estimate complexity from lossy compression.
/// Colour is subsampled 4:2:0, the encoder's default. Deterministic: the same image and quality give the same bytes.
/// </summary>
public static class Jpeg
{
    /// <summary>The JPEG bytes of <paramref name="image"/> at <paramref name="quality"/> (1..100), values quantised as in <see cref="Png"/>.</summary>
    public static byte[] Encode(Image image, int quality)
    {
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), $"JPEG quality must be 1..100, got {quality}");
        return Bitmaps.Encode(image, pixels =>
        {
            using var data = pixels.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                ?? throw new InvalidOperationException($"SkiaSharp could not encode a {image.Width}x{image.Height} JPEG");
            return data.ToArray();
        });
    }

    /// <summary>Decodes JPEG bytes made by <see cref="Encode"/> (trusted input: a failure is a bug, not bad input).</summary>
    public static Image Decode(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidOperationException("SkiaSharp cannot read these JPEG bytes");
        var info = Bitmaps.Format(codec.Info.Width, codec.Info.Height);
        using var bitmap = Bitmaps.Create(info.Width, info.Height);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success) throw new InvalidOperationException($"JPEG decoding failed (SkiaSharp: {result})");
        using var pixels = bitmap.PeekPixels();
        return Bitmaps.Read(pixels);
    }

    /// <summary>Encodes and decodes: the compressed size in bytes and the picture a viewer of the file would see.</summary>
    public static (int Bytes, Image Decoded) RoundTrip(Image image, int quality)
    {
        byte[] bytes = Encode(image, quality);
        return (bytes.Length, Decode(bytes));
    }
}
