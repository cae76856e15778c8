using Coevo.Coevolution.IO;
using SkiaSharp;

namespace Coevo.Coevolution.Imaging;

/// <summary>
/// PNG files through SkiaSharp. Writes are atomic; read errors are <see cref="InputException"/>s naming the file.
/// No colour management: the bytes in the file are the values in the image (gAMA, sRGB and iCCP chunks are ignored).
/// </summary>
public static unsafe class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>zlib level 6 with adaptive filters, as libpng's defaults.</summary>
    private static readonly SKPngEncoderOptions EncoderOptions = new(SKPngEncoderFilterFlags.AllFilters, 6);

    /// <summary>Writes <paramref name="image"/> as an 8-bit RGB PNG (values are clamped to [0,1] and rounded).</summary>
    public static void Write(Image image, string path) => AtomicFile.WriteAllBytes(path, Encode(image));

    /// <summary>The PNG file bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(Image image) => Encode(image, EncoderOptions);

    /// <summary>
    /// PNG bytes made for speed over size (the "Sub" filter and zlib level 1: several times faster than <see cref="Encode(Image)"/>,
    /// files about a third larger), for pictures served at once, such as the breeder's thumbnails.
    /// </summary>
    public static byte[] EncodeQuick(Image image) => Encode(image, QuickOptions);

    private static readonly SKPngEncoderOptions QuickOptions = new(SKPngEncoderFilterFlags.Sub, 1);

    /// <summary>
    /// The PNG file bytes of <paramref name="image"/> at zlib level <paramref name="zlibLevel"/> (0 stores, 1 is fastest,
    /// 9 compresses most), adaptive filters as always: for critics that compare quick and thorough compression.
    /// </summary>
    public static byte[] Encode(Image image, int zlibLevel)
    {
        if (zlibLevel is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(zlibLevel), $"zlib level must be 0..9, got {zlibLevel}");
        return Encode(image, new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zlibLevel));
    }

    private static byte[] Encode(Image image, SKPngEncoderOptions options) => Bitmaps.Encode(image, pixels => Encode(pixels, options));

    /// <summary>An opaque RGBA8888 pixmap as 8-bit RGB PNG bytes (no colour chunks).</summary>
    internal static byte[] Encode(SKPixmap pixels) => Encode(pixels, EncoderOptions);

    private static byte[] Encode(SKPixmap pixels, SKPngEncoderOptions options)
    {
        using var data = pixels.Encode(options)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {pixels.Width}x{pixels.Height} PNG");
        return data.ToArray();
    }

    /// <summary>Reads a PNG file. Transparent pixels are composited over black. Grey PNGs come back with R = G = B.</summary>
    public static Image Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new InputException("PNG file not found", path); }
        catch (DirectoryNotFoundException) { throw new InputException("PNG file not found (no such folder)", path); }
        catch (UnauthorizedAccessException e) { throw new InputException($"cannot read PNG file: {e.Message}", path, inner: e); }
        catch (IOException e) { throw new InputException($"cannot read PNG file: {e.Message}", path, inner: e); }
        return Decode(bytes, path);
    }

    /// <summary>
    /// Decodes PNG bytes of any colour type and bit depth (16-bit samples keep their high byte); <paramref name="source"/>
    /// names them in errors.
    /// </summary>
    public static Image Decode(byte[] bytes, string source)
    {
        if (bytes.Length < Signature.Length || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            throw new InputException(bytes.Length == 0 ? "not a PNG file (it is empty)" : "not a PNG file (bad signature)", source);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new InputException("truncated or corrupt PNG (its header cannot be read)", source);
        int w = codec.Info.Width, h = codec.Info.Height;
        if (w <= 0 || h <= 0) throw new InputException($"PNG has no pixels ({w}x{h})", source);
        if (w > MaxSide || h > MaxSide || 3L * w * h > Array.MaxLength)
            throw new InputException($"PNG too large to decode ({w}x{h}; at most {MaxSide} a side and {Array.MaxLength / 3} pixels)", source);
        // Premultiplied, with no colour space: alpha is composited over black and no colour conversion happens.
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (bitmap.GetPixels() == IntPtr.Zero) throw new InputException($"PNG too large to decode ({w}x{h}): out of memory", source);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            string why = result switch
            {
                SKCodecResult.IncompleteInput => "truncated PNG (the image data ends early)",
                SKCodecResult.ErrorInInput => "corrupt PNG data",
                _ => "cannot decode PNG",
            };
            throw new InputException($"{why} (SkiaSharp: {result})", source);
        }
        using var pixels = bitmap.PeekPixels();
        return Bitmaps.Read(pixels);
    }

    /// <summary>The longest side accepted, so a header claiming an absurd size fails cleanly.</summary>
    private const int MaxSide = 32767;

    /// <summary>[0,1] to 0..255, rounding to nearest; out-of-range values clamp and NaN becomes 0.</summary>
    internal static byte ToByte(float v) => v > 0f ? (v < 1f ? (byte)(v * 255f + 0.5f) : (byte)255) : (byte)0;
}
