using Coevo.Coevolution.Evolution;
using System.Runtime.CompilerServices;
using Coevo.Coevolution.Imaging;

namespace Coevo.Artists.Gp;

/// <summary>
/// Renders GP trees at any resolution. Pixel centres map to x, y in [−1,1] (x left to right, y top to bottom),
/// r = sqrt(x²+y²); a tree value v becomes the pixel value clamp((v+1)/2, 0, 1), NaN becoming 0.5. The tree is
/// evaluated bottom-up over tiles of <see cref="TileSize"/> pixels, one vectorised kernel per node, so all planes
/// stay in cache. Thread-safe: each thread keeps its own evaluator.
/// </summary>
public sealed class GpRenderer : IViewportRenderer<GpTree>
{
    /// <summary>Pixels evaluated together: small enough that a tree's planes fit in L1/L2.</summary>
    public const int TileSize = 1024;

    [ThreadStatic] private static GpEvaluator? t_evaluator;

    /// <summary>The tree's image.</summary>
    public Image Render(GpTree genome, int width, int height)
    {
        var image = new Image(width, height);
        RenderInto(genome, image);
        return image;
    }


    /// <inheritdoc/>
    public Image Render(GpTree genome, int width, int height, Viewport view)
    {
        var image = new Image(width, height);
        RenderInto(genome, image, view);
        return image;
    }

    /// <summary>Renders into an existing image (its size sets the resolution), optionally of part of the plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RenderInto(GpTree genome, Image image, Viewport? view = null)
    {
        var vp = view ?? Viewport.Whole;
        var program = genome.Program;
        int w = image.Width, h = image.Height, total = image.PixelCount;
        if (program.Root.IsConstant)
        {
            var v = program.Root.Value;
            image.R.Fill(GpKernels.ToPixel(v.X));
            image.G.Fill(GpKernels.ToPixel(v.Y));
            image.B.Fill(GpKernels.ToPixel(v.Z));
            return;
        }
        var ev = t_evaluator ??= new GpEvaluator(TileSize);
        var xs = new float[w];
        for (int i = 0; i < w; i++) xs[i] = vp.IsWhole ? (2f * i + 1f) / w - 1f : (float)vp.X((2.0 * i + 1) / w - 1);
        var coords = ev.TileCoords;
        float[] tx = coords.X, ty = coords.Y, tr = coords.R;
        for (int start = 0; start < total; start += TileSize)
        {
            int n = Math.Min(TileSize, total - start);
            // Fill the tile's coordinates row segment by row segment.
            for (int p = 0; p < n;)
            {
                int row = (start + p) / w, col = (start + p) % w;
                int run = Math.Min(w - col, n - p);
                xs.AsSpan(col, run).CopyTo(tx.AsSpan(p, run));
                ty.AsSpan(p, run).Fill(vp.IsWhole ? (2f * row + 1f) / h - 1f : (float)vp.Y((2.0 * row + 1) / h - 1));
                p += run;
            }
            if (program.UsesR) GpEvaluator.Radius(tx.AsSpan(0, n), ty.AsSpan(0, n), tr.AsSpan(0, n));
            var val = ev.Evaluate(program.Root, coords, n);
            if (val.Channels == 1)
            {
                var grey = image.R.Slice(start, n);
                GpKernels.ToPixels(val.P0.AsSpan(0, n), grey);
                grey.CopyTo(image.G.Slice(start, n));
                grey.CopyTo(image.B.Slice(start, n));
            }
            else
                for (int ch = 0; ch < 3; ch++)
                    GpKernels.ToPixels(val.Get(ch).AsSpan(0, n), image.Plane(ch).Slice(start, n));
            ev.Release(val);
        }
    }
}
