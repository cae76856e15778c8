namespace Coevo.Coevolution.Imaging;

/// <summary>An RGB colour with components in [0,1].</summary>
public readonly record struct Rgb(double R, double G, double B)
{
    /// <summary>Black.</summary>
    public static Rgb Black => new(0, 0, 0);
    /// <summary>White.</summary>
    public static Rgb White => new(1, 1, 1);
}

/// <summary>
/// An antialiased drawing surface (cairo, RGB24) of a fixed size. Coordinates are pixels, origin top-left, y down;
/// pixel (i, j) covers [i, i+1) x [j, j+1). Not thread-safe; use one canvas per thread. Dispose it when done.
/// </summary>
public sealed class Canvas : IDisposable
{
    /// <summary>The font used for text (fonts-dejavu-core).</summary>
    public const string FontFamily = "DejaVu Sans";

    private readonly CairoSurfaceHandle _surface;
    private readonly CairoContextHandle _cr;

    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>A canvas filled with <paramref name="background"/> (white when null).</summary>
    public Canvas(int width, int height, Rgb? background = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"canvas size must be positive, got {width}x{height}");
        Width = width;
        Height = height;
        _surface = Cairo.Check(Cairo.cairo_image_surface_create(Cairo.FormatRgb24, width, height), $"a {width}x{height} surface");
        _cr = Cairo.cairo_create(_surface);
        Clear(background ?? Rgb.White);
    }

    /// <summary>A canvas that starts as a copy of <paramref name="image"/>.</summary>
    public Canvas(Image image) : this(image.Width, image.Height)
    {
        Png.CopyToSurface(image, _surface);
    }

    /// <summary>Fills the whole canvas with one colour.</summary>
    public void Clear(Rgb colour)
    {
        Source(colour);
        Cairo.cairo_paint(_cr);
    }

    /// <summary>A straight antialiased line.</summary>
    public void Line(double x0, double y0, double x1, double y1, double width, Rgb colour, bool roundCaps = true)
    {
        Cairo.cairo_new_path(_cr);
        Cairo.cairo_move_to(_cr, x0, y0);
        Cairo.cairo_line_to(_cr, x1, y1);
        Stroke(width, colour, roundCaps);
    }

    /// <summary>
    /// Many line segments stroked as one path, so overlaps do not darken twice. Each segment is
    /// <c>(X0, Y0, X1, Y1)</c>; zero-length segments draw a dot with round caps.
    /// </summary>
    public void Lines(IEnumerable<(double X0, double Y0, double X1, double Y1)> segments, double width, Rgb colour, bool roundCaps = true)
    {
        Cairo.cairo_new_path(_cr);
        foreach (var (x0, y0, x1, y1) in segments)
        {
            Cairo.cairo_move_to(_cr, x0, y0);
            Cairo.cairo_line_to(_cr, x1, y1);
        }
        Stroke(width, colour, roundCaps);
    }

    /// <summary>A filled axis-aligned rectangle.</summary>
    public void FillRectangle(double x, double y, double width, double height, Rgb colour)
    {
        Cairo.cairo_new_path(_cr);
        Cairo.cairo_rectangle(_cr, x, y, width, height);
        Source(colour);
        Cairo.cairo_fill(_cr);
    }

    /// <summary>A filled disc.</summary>
    public void FillCircle(double cx, double cy, double radius, Rgb colour)
    {
        Cairo.cairo_new_path(_cr);
        Cairo.cairo_arc(_cr, cx, cy, radius, 0, 2 * Math.PI);
        Source(colour);
        Cairo.cairo_fill(_cr);
    }

    /// <summary>A disc shaded from <paramref name="inner"/> at the centre to <paramref name="outer"/> at the rim.</summary>
    public void FillRadialGradientCircle(double cx, double cy, double radius, Rgb inner, Rgb outer)
    {
        using var pattern = Cairo.cairo_pattern_create_radial(cx, cy, 0, cx, cy, radius);
        Cairo.cairo_pattern_add_color_stop_rgb(pattern, 0, inner.R, inner.G, inner.B);
        Cairo.cairo_pattern_add_color_stop_rgb(pattern, 1, outer.R, outer.G, outer.B);
        Cairo.cairo_new_path(_cr);
        Cairo.cairo_arc(_cr, cx, cy, radius, 0, 2 * Math.PI);
        Cairo.cairo_set_source(_cr, pattern);
        Cairo.cairo_fill(_cr);
    }

    /// <summary>A rectangle shaded linearly from <paramref name="from"/> at (x0,y0) to <paramref name="to"/> at (x1,y1).</summary>
    public void FillLinearGradientRectangle(double x, double y, double width, double height,
        double x0, double y0, Rgb from, double x1, double y1, Rgb to)
    {
        using var pattern = Cairo.cairo_pattern_create_linear(x0, y0, x1, y1);
        Cairo.cairo_pattern_add_color_stop_rgb(pattern, 0, from.R, from.G, from.B);
        Cairo.cairo_pattern_add_color_stop_rgb(pattern, 1, to.R, to.G, to.B);
        Cairo.cairo_new_path(_cr);
        Cairo.cairo_rectangle(_cr, x, y, width, height);
        Cairo.cairo_set_source(_cr, pattern);
        Cairo.cairo_fill(_cr);
    }

    /// <summary>Text with its baseline starting at (x, y), in DejaVu Sans.</summary>
    public void Text(double x, double y, string text, double size, Rgb colour, bool bold = false)
    {
        Font(size, bold);
        Source(colour);
        Cairo.cairo_new_path(_cr);
        Cairo.cairo_move_to(_cr, x, y);
        Cairo.cairo_show_text(_cr, text);
    }

    /// <summary>Text centred horizontally on <paramref name="centreX"/>, baseline at <paramref name="baselineY"/>.</summary>
    public void TextCentred(double centreX, double baselineY, string text, double size, Rgb colour, bool bold = false)
    {
        var (width, _) = MeasureText(text, size, bold);
        Text(centreX - width / 2, baselineY, text, size, colour, bold);
    }

    /// <summary>The ink width and height of <paramref name="text"/> at <paramref name="size"/>.</summary>
    public (double Width, double Height) MeasureText(string text, double size, bool bold = false)
    {
        Font(size, bold);
        Cairo.cairo_text_extents(_cr, text, out var e);
        return (e.XAdvance, e.Height);
    }

    /// <summary>
    /// Copies <paramref name="image"/> onto the canvas with its top-left at (x, y), each pixel enlarged to a
    /// <paramref name="scale"/> x <paramref name="scale"/> block (nearest neighbour, crisp). Parts outside are clipped.
    /// </summary>
    public unsafe void DrawImage(Image image, int x, int y, int scale = 1)
    {
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), "scale must be at least 1");
        Cairo.cairo_surface_flush(_surface);
        byte* data = Cairo.cairo_image_surface_get_data(_surface);
        int stride = Cairo.cairo_image_surface_get_stride(_surface);
        int n = image.PixelCount;
        float[] d = image.Data;
        int y0 = Math.Max(0, y), y1 = Math.Min(Height, y + image.Height * scale);
        int x0 = Math.Max(0, x), x1 = Math.Min(Width, x + image.Width * scale);
        for (int py = y0; py < y1; py++)
        {
            uint* row = (uint*)(data + (long)py * stride);
            int sy = (py - y) / scale;
            for (int px = x0; px < x1; px++)
            {
                int i = sy * image.Width + (px - x) / scale;
                row[px] = 0xFF000000u | ((uint)Png.ToByte(d[i]) << 16) | ((uint)Png.ToByte(d[n + i]) << 8) | Png.ToByte(d[2 * n + i]);
            }
        }
        Cairo.cairo_surface_mark_dirty(_surface);
    }

    /// <summary>The canvas as an <see cref="Image"/> (a copy).</summary>
    public Image ToImage()
    {
        ThrowIfContextFailed();
        return Png.FromSurface(_surface, "canvas");
    }

    /// <summary>Writes the canvas as a PNG (atomically).</summary>
    public void WritePng(string path)
    {
        ThrowIfContextFailed();
        Cairo.cairo_surface_flush(_surface);
        byte[] bytes = Png.Encode(_surface);
        IO.AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Releases the native surface.</summary>
    public void Dispose()
    {
        _cr.Dispose();
        _surface.Dispose();
    }

    private void Source(Rgb c) => Cairo.cairo_set_source_rgb(_cr, c.R, c.G, c.B);

    private void Stroke(double width, Rgb colour, bool roundCaps)
    {
        Source(colour);
        Cairo.cairo_set_line_width(_cr, width);
        Cairo.cairo_set_line_cap(_cr, roundCaps ? Cairo.LineCapRound : Cairo.LineCapButt);
        Cairo.cairo_stroke(_cr);
    }

    private void Font(double size, bool bold)
    {
        Cairo.cairo_select_font_face(_cr, FontFamily, Cairo.FontSlantNormal, bold ? Cairo.FontWeightBold : Cairo.FontWeightNormal);
        Cairo.cairo_set_font_size(_cr, size);
    }

    private void ThrowIfContextFailed()
    {
        int status = Cairo.cairo_status(_cr);
        if (status != Cairo.StatusSuccess) throw new InvalidOperationException($"cairo drawing failed: {Cairo.StatusText(status)}");
    }
}
