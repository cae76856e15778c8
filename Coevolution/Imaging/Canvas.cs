using SkiaSharp;

namespace Coevo.Coevolution.Imaging;

/// <summary>An RGB colour with components in [0,1].</summary>
public readonly record struct Rgb(double R, double G, double B)
{
    /// <summary>Black.</summary>
    public static Rgb Black => new(0, 0, 0);
    /// <summary>White.</summary>
    public static Rgb White => new(1, 1, 1);

    internal SKColorF ToSkia() => new((float)R, (float)G, (float)B);
}

/// <summary>
/// An antialiased drawing surface (SkiaSharp, opaque 8-bit RGB) of a fixed size. Coordinates are pixels, origin
/// top-left, y down; pixel (i, j) covers [i, i+1) x [j, j+1). Not thread-safe; use one canvas per thread. Dispose it when done.
/// </summary>
public sealed class Canvas : IDisposable
{
    /// <summary>The font used for text: DejaVu Sans, embedded (Imaging/Fonts), never looked up on the system.</summary>
    public const string FontFamily = "DejaVu Sans";

    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _paint = new() { IsAntialias = true };

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
        _bitmap = Bitmaps.Create(width, height);
        _canvas = new SKCanvas(_bitmap);
        Clear(background ?? Rgb.White);
    }

    /// <summary>A canvas that starts as a copy of <paramref name="image"/>.</summary>
    public Canvas(Image image) : this(image.Width, image.Height)
    {
        DrawImage(image, 0, 0);
    }

    /// <summary>Fills the whole canvas with one colour.</summary>
    public void Clear(Rgb colour) => _canvas.Clear(colour.ToSkia());

    /// <summary>A straight antialiased line.</summary>
    public void Line(double x0, double y0, double x1, double y1, double width, Rgb colour, bool roundCaps = true)
    {
        using var path = new SKPathBuilder();
        path.MoveTo((float)x0, (float)y0);
        path.LineTo((float)x1, (float)y1);
        Stroke(path, width, colour, roundCaps);
    }

    /// <summary>
    /// Many line segments stroked as one path, so overlaps do not darken twice. Each segment is
    /// <c>(X0, Y0, X1, Y1)</c>; zero-length segments draw a dot with round caps.
    /// </summary>
    public void Lines(IEnumerable<(double X0, double Y0, double X1, double Y1)> segments, double width, Rgb colour, bool roundCaps = true)
    {
        using var path = new SKPathBuilder();
        foreach (var (x0, y0, x1, y1) in segments)
        {
            path.MoveTo((float)x0, (float)y0);
            path.LineTo((float)x1, (float)y1);
        }
        Stroke(path, width, colour, roundCaps);
    }

    /// <summary>A filled axis-aligned rectangle.</summary>
    public void FillRectangle(double x, double y, double width, double height, Rgb colour) =>
        _canvas.DrawRect(Rect(x, y, width, height), Fill(colour));

    /// <summary>A filled disc.</summary>
    public void FillCircle(double cx, double cy, double radius, Rgb colour) =>
        _canvas.DrawCircle((float)cx, (float)cy, (float)radius, Fill(colour));

    /// <summary>A disc shaded from <paramref name="inner"/> at the centre to <paramref name="outer"/> at the rim.</summary>
    public void FillRadialGradientCircle(double cx, double cy, double radius, Rgb inner, Rgb outer)
    {
        using var shader = SKShader.CreateRadialGradient(new SKPoint((float)cx, (float)cy), (float)radius,
            [inner.ToSkia(), outer.ToSkia()], null, SKShaderTileMode.Clamp);
        using var paint = new SKPaint { IsAntialias = true, Shader = shader };
        _canvas.DrawCircle((float)cx, (float)cy, (float)radius, paint);
    }

    /// <summary>A rectangle shaded linearly from <paramref name="from"/> at (x0,y0) to <paramref name="to"/> at (x1,y1).</summary>
    public void FillLinearGradientRectangle(double x, double y, double width, double height,
        double x0, double y0, Rgb from, double x1, double y1, Rgb to)
    {
        using var shader = SKShader.CreateLinearGradient(new SKPoint((float)x0, (float)y0), new SKPoint((float)x1, (float)y1),
            [from.ToSkia(), to.ToSkia()], null, SKShaderTileMode.Clamp);
        using var paint = new SKPaint { IsAntialias = true, Shader = shader };
        _canvas.DrawRect(Rect(x, y, width, height), paint);
    }

    /// <summary>Text with its baseline starting at (x, y), in DejaVu Sans.</summary>
    public void Text(double x, double y, string text, double size, Rgb colour, bool bold = false)
    {
        using var font = Font(size, bold);
        _canvas.DrawText(text, (float)x, (float)y, SKTextAlign.Left, font, Fill(colour));
    }

    /// <summary>Text centred horizontally on <paramref name="centreX"/>, baseline at <paramref name="baselineY"/>.</summary>
    public void TextCentred(double centreX, double baselineY, string text, double size, Rgb colour, bool bold = false)
    {
        var (width, _) = MeasureText(text, size, bold);
        Text(centreX - width / 2, baselineY, text, size, colour, bold);
    }

    /// <summary>The advance width and the ink height of <paramref name="text"/> at <paramref name="size"/>.</summary>
    public (double Width, double Height) MeasureText(string text, double size, bool bold = false)
    {
        using var font = Font(size, bold);
        float advance = font.MeasureText(text, out SKRect ink);
        return (advance, ink.Height);
    }

    /// <summary>
    /// Copies <paramref name="image"/> onto the canvas with its top-left at (x, y), each pixel enlarged to a
    /// <paramref name="scale"/> x <paramref name="scale"/> block (nearest neighbour, crisp). Parts outside are clipped.
    /// </summary>
    public void DrawImage(Image image, int x, int y, int scale = 1)
    {
        using (var pixels = _bitmap.PeekPixels()) Bitmaps.Write(image, pixels, x, y, scale);
        _bitmap.NotifyPixelsChanged();
    }

    /// <summary>The canvas as an <see cref="Image"/> (a copy).</summary>
    public Image ToImage()
    {
        using var pixels = _bitmap.PeekPixels();
        return Bitmaps.Read(pixels);
    }

    /// <summary>Writes the canvas as a PNG (atomically).</summary>
    public void WritePng(string path)
    {
        using var pixels = _bitmap.PeekPixels();
        IO.AtomicFile.WriteAllBytes(path, Png.Encode(pixels));
    }

    /// <summary>Releases the native bitmap.</summary>
    public void Dispose()
    {
        _paint.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }

    private static SKRect Rect(double x, double y, double width, double height) =>
        SKRect.Create((float)x, (float)y, (float)width, (float)height);

    private SKPaint Fill(Rgb colour)
    {
        _paint.Style = SKPaintStyle.Fill;
        _paint.ColorF = colour.ToSkia();
        return _paint;
    }

    private void Stroke(SKPathBuilder builder, double width, Rgb colour, bool roundCaps)
    {
        using var path = builder.Detach();
        _paint.Style = SKPaintStyle.Stroke;
        _paint.ColorF = colour.ToSkia();
        _paint.StrokeWidth = (float)width;
        _paint.StrokeCap = roundCaps ? SKStrokeCap.Round : SKStrokeCap.Butt;
        _canvas.DrawPath(path, _paint);
    }

    /// <summary>
    /// Greyscale antialiasing with hinted glyphs on whole pixels: crisp small labels. The font and the rasteriser
    /// (FreeType inside SkiaSharp's native library) come with Coevo, so the pixels are the same on every machine.
    /// </summary>
    private static SKFont Font(double size, bool bold) =>
        new(bold ? Fonts.Bold : Fonts.Regular, (float)size)
        {
            Edging = SKFontEdging.Antialias,
            Hinting = SKFontHinting.Normal,
            Subpixel = false,
        };
}
