using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Artists.Biomorph;

/// <summary>
/// Draws a biomorph with Dawkins' recursive tree, as antialiased lines (SkiaSharp), scaled to fit the requested size
/// (any resolution) with a margin. Thread-safe (one canvas per call) and deterministic.
/// </summary>
/// <param name="lineWidth">Line width as a fraction of the image's shorter side (at least one pixel).</param>
/// <param name="ink">Line colour (black when null).</param>
/// <param name="paper">Background colour (white when null).</param>
public sealed class BiomorphRenderer(double lineWidth = 1.0 / 48, Rgb? ink = null, Rgb? paper = null) : IViewportRenderer<BiomorphGenome>
{
    /// <summary>Empty border around the drawing, as a fraction of each side.</summary>
    public const double Margin = 0.06;

    /// <summary>One straight line of the drawing in biomorph space (y up).</summary>
    public readonly record struct Segment(double X0, double Y0, double X1, double Y1);

    /// <summary>
    /// The eight direction vectors of Dawkins' PlugIn procedure, from g1..g8: directions 0..7 with the trunk at 2,
    /// left/right mirror pairs (1,3), (0,4), (7,5), and dx = 0 for 2 and 6.
    /// </summary>
    public static (int[] Dx, int[] Dy) Directions(IReadOnlyList<int> g)
    {
        var dx = new int[8];
        var dy = new int[8];
        dx[3] = g[0]; dx[4] = g[1]; dx[5] = g[2];
        dx[1] = -g[0]; dx[0] = -g[1]; dx[7] = -g[2];
        dx[2] = 0; dx[6] = 0;
        dy[2] = g[3]; dy[3] = g[4]; dy[4] = g[5]; dy[5] = g[6]; dy[6] = g[7];
        dy[1] = g[4]; dy[0] = g[5]; dy[7] = g[6];
        return (dx, dy);
    }

    /// <summary>
    /// The lines of the drawing: for each segment s (origin (0, -s * SegmentDistance * Depth)), Dawkins' tree
    /// <c>tree(x, y, length = depth, dir = 2)</c>: step length*(dx[dir], dy[dir]) and branch to dir-1 and dir+1 with
    /// length-1, stopping at length 0. That is 2^depth - 1 lines per segment, in depth-first order (left branch first).
    /// </summary>
    public static List<Segment> Segments(BiomorphGenome genome)
    {
        var lines = new List<Segment>(genome.Segments * ((1 << genome.Depth) - 1));
        for (int s = 0; s < genome.Segments; s++)
        {
            var (dx, dy) = Directions(genome.GenesOfSegment(s));
            double oy = -(double)s * genome.SegmentDistance * genome.Depth;
            Tree(lines, dx, dy, 0, oy, genome.Depth, 2);
        }
        return lines;
    }

    private static void Tree(List<Segment> lines, int[] dx, int[] dy, double x, double y, int length, int dir)
    {
        if (length == 0) return;
        dir = ((dir % 8) + 8) % 8;
        double nx = x + length * dx[dir], ny = y + length * dy[dir];
        lines.Add(new Segment(x, y, nx, ny));
        Tree(lines, dx, dy, nx, ny, length - 1, dir - 1);
        Tree(lines, dx, dy, nx, ny, length - 1, dir + 1);
    }

    /// <summary>
    /// The affine map from biomorph space to pixels: x' = Offset.X + Scale * x, y' = Offset.Y - Scale * y (y flipped so
    /// positive g4 grows upwards), fitting the bounding box inside the margin, centred. Scale 0 when all lines have no length.
    /// </summary>
    public (double Scale, double OffsetX, double OffsetY) Fit(IReadOnlyList<Segment> lines, int width, int height)
    {
        double minX = 0, maxX = 0, minY = 0, maxY = 0;
        foreach (var l in lines)
        {
            minX = Math.Min(minX, Math.Min(l.X0, l.X1)); maxX = Math.Max(maxX, Math.Max(l.X0, l.X1));
            minY = Math.Min(minY, Math.Min(l.Y0, l.Y1)); maxY = Math.Max(maxY, Math.Max(l.Y0, l.Y1));
        }
        double pen = PenWidth(width, height);
        double availW = width * (1 - 2 * Margin) - pen, availH = height * (1 - 2 * Margin) - pen;
        double bw = maxX - minX, bh = maxY - minY;
        double scale = bw == 0 && bh == 0 ? 0
            : Math.Min(bw > 0 ? availW / bw : double.PositiveInfinity, bh > 0 ? availH / bh : double.PositiveInfinity);
        scale = Math.Max(0, scale);
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        return (scale, width / 2.0 - scale * cx, height / 2.0 + scale * cy);
    }

    /// <summary>Pen width in pixels at this image size.</summary>
    public double PenWidth(int width, int height) => Math.Max(1.0, lineWidth * Math.Min(width, height));

    /// <inheritdoc />
    public Image Render(BiomorphGenome genome, int width, int height) => Render(genome, width, height, Viewport.Whole);

    /// <summary>
    /// The drawing fitted as by <see cref="Render(BiomorphGenome, int, int)"/>, then seen through <paramref name="view"/>:
    /// the fitted picture spans [-1, 1] on both axes (y down), and the pen keeps its width.
    /// </summary>
    public Image Render(BiomorphGenome genome, int width, int height, Viewport view)
    {
        var lines = Segments(genome);
        var (scale, ox, oy) = Fit(lines, width, height);
        // Pixel p of the whole picture is at u = p / (w/2) - 1; the view shows u' = (u - centre) * zoom.
        ox = width / 2.0 + (ox - width / 2.0 - view.CentreX * width / 2.0) * view.Zoom;
        oy = height / 2.0 + (oy - height / 2.0 - view.CentreY * height / 2.0) * view.Zoom;
        scale *= view.Zoom;
        using var canvas = new Canvas(width, height, paper ?? Rgb.White);
        if (scale > 0)
            canvas.Lines(lines.Select(l => (ox + scale * l.X0, oy - scale * l.Y0, ox + scale * l.X1, oy - scale * l.Y1)),
                         PenWidth(width, height), ink ?? Rgb.Black);
        else
            canvas.FillCircle(ox, oy, PenWidth(width, height), ink ?? Rgb.Black); // a genome of zero-length lines is a dot
        return canvas.ToImage();
    }
}
