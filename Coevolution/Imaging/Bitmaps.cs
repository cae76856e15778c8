using SkiaSharp;

namespace Coevo.Coevolution.Imaging;

/// <summary>
/// Moves pixels between planar float <see cref="Image"/>s and SkiaSharp's 8-bit RGBA memory (<see cref="Format"/>), with
/// pointer loops rather than per-pixel API calls. Bitmaps carry no colour space, so Skia converts no colours.
/// </summary>
internal static unsafe class Bitmaps
{
    /// <summary>R, G, B, A bytes per pixel; opaque, since everything Coevo draws or writes is.</summary>
    public static SKImageInfo Format(int width, int height) =>
        new(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);

    /// <summary>k / 255f for each byte k, so decoding divides exactly as before.</summary>
    private static readonly float[] ByteToFloat = Enumerable.Range(0, 256).Select(k => k / 255f).ToArray();

    /// <summary>A native RGBA bitmap of this size; throws when Skia cannot allocate it.</summary>
    public static SKBitmap Create(int width, int height)
    {
        var bitmap = new SKBitmap(Format(width, height));
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            bitmap.Dispose();
            throw new InvalidOperationException($"SkiaSharp could not allocate a {width}x{height} bitmap");
        }
        return bitmap;
    }

    /// <summary>The bytes <paramref name="encode"/> makes of <paramref name="image"/> drawn into a fresh RGBA bitmap.</summary>
    public static byte[] Encode(Image image, Func<SKPixmap, byte[]> encode)
    {
        using var bitmap = Create(image.Width, image.Height);
        using var pixels = bitmap.PeekPixels();
        Write(image, pixels);
        return encode(pixels);
    }

    /// <summary>
    /// Copies <paramref name="image"/> into <paramref name="target"/> (RGBA8888) with its top-left at (x, y), each
    /// pixel a <paramref name="scale"/> x <paramref name="scale"/> block; values are quantised by <see cref="Png.ToByte"/>,
    /// alpha is 255 and parts outside the target are clipped.
    /// </summary>
    public static void Write(Image image, SKPixmap target, int x = 0, int y = 0, int scale = 1)
    {
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), "scale must be at least 1");
        CheckFormat(target.Info);
        byte* data = (byte*)target.GetPixels();
        int stride = target.RowBytes, w = image.Width, n = image.PixelCount;
        int y0 = Math.Max(0, y), y1 = (int)Math.Min(target.Height, y + (long)image.Height * scale);
        int x0 = Math.Max(0, x), x1 = (int)Math.Min(target.Width, x + (long)w * scale);
        if (x0 >= x1 || y0 >= y1) return;
        fixed (float* planes = image.Data)
        {
            float* r = planes, g = planes + n, b = planes + 2 * n;
            for (int py = y0; py < y1; py++)
            {
                uint* row = (uint*)(data + (long)py * stride);
                if (py > y0 && (py - y) % scale != 0)
                {
                    // Same source row as the line above: copy it.
                    new ReadOnlySpan<uint>((uint*)(data + (long)(py - 1) * stride) + x0, x1 - x0).CopyTo(new Span<uint>(row + x0, x1 - x0));
                    continue;
                }
                int src = (py - y) / scale * w;
                if (scale == 1)
                {
                    for (int px = x0, i = src + x0 - x; px < x1; px++, i++) row[px] = Pack(r[i], g[i], b[i]);
                }
                else
                {
                    for (int px = x0; px < x1; px++)
                    {
                        int i = src + (px - x) / scale;
                        row[px] = Pack(r[i], g[i], b[i]);
                    }
                }
            }
        }
    }

    /// <summary>The RGB of an RGBA8888 pixmap as an <see cref="Image"/> (premultiplied pixels come out composited over black).</summary>
    public static Image Read(SKPixmap source)
    {
        CheckFormat(source.Info);
        int w = source.Width, h = source.Height, n = w * h, stride = source.RowBytes;
        byte* data = (byte*)source.GetPixels();
        var image = new Image(w, h);
        fixed (float* planes = image.Data)
        fixed (float* lut = ByteToFloat)
        {
            float* r = planes, g = planes + n, b = planes + 2 * n;
            for (int y = 0; y < h; y++)
            {
                byte* p = data + (long)y * stride;
                for (int x = 0, i = y * w; x < w; x++, i++, p += 4)
                {
                    r[i] = lut[p[0]];
                    g[i] = lut[p[1]];
                    b[i] = lut[p[2]];
                }
            }
        }
        return image;
    }

    /// <summary>R in the lowest byte: the RGBA8888 byte order on the little-endian machines .NET runs on here.</summary>
    private static uint Pack(float r, float g, float b) =>
        0xFF000000u | ((uint)Png.ToByte(b) << 16) | ((uint)Png.ToByte(g) << 8) | Png.ToByte(r);

    private static void CheckFormat(SKImageInfo info)
    {
        if (info.ColorType != SKColorType.Rgba8888 || !BitConverter.IsLittleEndian)
            throw new InvalidOperationException($"expected little-endian RGBA8888 pixels, got {info.ColorType}");
    }
}
