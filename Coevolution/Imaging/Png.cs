using System.Runtime.InteropServices;
using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Imaging;

/// <summary>PNG files through cairo. Writes are atomic; read errors are <see cref="InputException"/>s naming the file.</summary>
public static unsafe class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="image"/> as an 8-bit RGB PNG (values are clamped to [0,1] and rounded).</summary>
    public static void Write(Image image, string path) => AtomicFile.WriteAllBytes(path, Encode(image));

    /// <summary>The PNG file bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(Image image)
    {
        using var surface = ToSurface(image);
        return Encode(surface);
    }

    internal static byte[] Encode(CairoSurfaceHandle surface)
    {
        var sink = new MemoryStream();
        var gc = GCHandle.Alloc(sink);
        try
        {
            int status = Cairo.cairo_surface_write_to_png_stream(surface, &WriteChunk, GCHandle.ToIntPtr(gc));
            if (status != Cairo.StatusSuccess) throw new InvalidOperationException($"cairo could not encode a PNG: {Cairo.StatusText(status)}");
        }
        finally { gc.Free(); }
        return sink.ToArray();
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

    /// <summary>Decodes PNG bytes; <paramref name="source"/> names them in errors.</summary>
    public static Image Decode(byte[] bytes, string source)
    {
        if (bytes.Length < Signature.Length || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            throw new InputException(bytes.Length == 0 ? "not a PNG file (it is empty)" : "not a PNG file (bad signature)", source);
        var state = new ReadState(bytes);
        var gc = GCHandle.Alloc(state);
        CairoSurfaceHandle surface;
        try { surface = Cairo.cairo_image_surface_create_from_png_stream(&ReadChunk, GCHandle.ToIntPtr(gc)); }
        finally { gc.Free(); }
        using (surface)
        {
            int status = Cairo.cairo_surface_status(surface);
            if (status != Cairo.StatusSuccess)
            {
                string why = status switch
                {
                    Cairo.StatusReadError => "truncated or corrupt PNG data",
                    Cairo.StatusInvalidFormat => "unsupported PNG format",
                    Cairo.StatusNoMemory => "PNG too large to decode (out of memory) or corrupt",
                    _ => "corrupt PNG",
                };
                throw new InputException($"{why} (cairo: {Cairo.StatusText(status)})", source);
            }
            return FromSurface(surface, source);
        }
    }

    /// <summary>An RGB24 cairo surface holding the image.</summary>
    internal static CairoSurfaceHandle ToSurface(Image image)
    {
        var surface = Cairo.Check(Cairo.cairo_image_surface_create(Cairo.FormatRgb24, image.Width, image.Height), "an image surface");
        CopyToSurface(image, surface);
        return surface;
    }

    /// <summary>Copies the image's pixels into an RGB24/ARGB32 surface of the same size (opaque).</summary>
    internal static void CopyToSurface(Image image, CairoSurfaceHandle surface)
    {
        Cairo.cairo_surface_flush(surface);
        byte* data = Cairo.cairo_image_surface_get_data(surface);
        int stride = Cairo.cairo_image_surface_get_stride(surface);
        int w = image.Width, h = image.Height, n = image.PixelCount;
        float[] d = image.Data;
        for (int y = 0; y < h; y++)
        {
            uint* row = (uint*)(data + (long)y * stride);
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                row[x] = 0xFF000000u | ((uint)ToByte(d[i]) << 16) | ((uint)ToByte(d[n + i]) << 8) | ToByte(d[2 * n + i]);
            }
        }
        Cairo.cairo_surface_mark_dirty(surface);
    }

    /// <summary>The pixels of an RGB24 or ARGB32 surface (premultiplied colour, i.e. composited over black).</summary>
    internal static Image FromSurface(CairoSurfaceHandle surface, string source)
    {
        Cairo.cairo_surface_flush(surface);
        int format = Cairo.cairo_image_surface_get_format(surface);
        int w = Cairo.cairo_image_surface_get_width(surface), h = Cairo.cairo_image_surface_get_height(surface);
        int stride = Cairo.cairo_image_surface_get_stride(surface);
        byte* data = Cairo.cairo_image_surface_get_data(surface);
        if (w <= 0 || h <= 0 || data == null) throw new InputException($"PNG has no pixels ({w}x{h})", source);
        var image = new Image(w, h);
        float[] d = image.Data;
        int n = w * h;
        if (format == Cairo.FormatArgb32 || format == Cairo.FormatRgb24)
        {
            for (int y = 0; y < h; y++)
            {
                uint* row = (uint*)(data + (long)y * stride);
                for (int x = 0; x < w; x++)
                {
                    uint p = row[x];
                    int i = y * w + x;
                    d[i] = ((p >> 16) & 0xFF) / 255f;
                    d[n + i] = ((p >> 8) & 0xFF) / 255f;
                    d[2 * n + i] = (p & 0xFF) / 255f;
                }
            }
        }
        else if (format == Cairo.FormatA8)
        {
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float v = data[(long)y * stride + x] / 255f;
                    int i = y * w + x;
                    d[i] = d[n + i] = d[2 * n + i] = v;
                }
        }
        else throw new InputException($"unsupported PNG pixel format (cairo format {format})", source);
        return image;
    }

    internal static byte ToByte(float v) => v > 0f ? (v < 1f ? (byte)(v * 255f + 0.5f) : (byte)255) : (byte)0;

    private sealed class ReadState(byte[] bytes)
    {
        public readonly byte[] Bytes = bytes;
        public int Position;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int WriteChunk(IntPtr closure, byte* data, uint length)
    {
        try
        {
            var sink = (MemoryStream)GCHandle.FromIntPtr(closure).Target!;
            sink.Write(new ReadOnlySpan<byte>(data, checked((int)length)));
            return Cairo.StatusSuccess;
        }
        catch { return Cairo.StatusWriteError; }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int ReadChunk(IntPtr closure, byte* data, uint length)
    {
        try
        {
            var state = (ReadState)GCHandle.FromIntPtr(closure).Target!;
            if (length > (uint)(state.Bytes.Length - state.Position)) return Cairo.StatusReadError;
            state.Bytes.AsSpan(state.Position, (int)length).CopyTo(new Span<byte>(data, (int)length));
            state.Position += (int)length;
            return Cairo.StatusSuccess;
        }
        catch { return Cairo.StatusReadError; }
    }
}
