using System.Collections.Concurrent;
using System.ComponentModel;
using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Critics.Target;

/// <summary>How a candidate is compared with the target.</summary>
public enum TargetMetric
{
    /// <summary>1 - mean squared error over the R, G and B planes.</summary>
    Mse,
    /// <summary>1 - mean squared error of the luminance (colour is ignored).</summary>
    GreyMse,
    /// <summary>(1 + mean SSIM) / 2 on luminance, 7x7 uniform windows (Wang et al. 2004): rewards structure over exact levels.</summary>
    Ssim,
    /// <summary>
    /// A multi-scale mix of structure and colour: at full, 1/2 and 1/4 size (2x2 box averages), half the mean SSIM of the
    /// R, G and B planes plus half of 1 − 2·RMSE over all values; averaged over the scales and mapped to [0,1].
    /// Unlike mse, a blurred average picture scores low, so runs end with crisp shapes in the right colours.
    /// </summary>
    Structure,
}

/// <summary>Options of <see cref="TargetImageCritic"/>.</summary>
[Description("scores images by their similarity to a target PNG (1 = identical)")]
public sealed class TargetImageCriticOptions
{
    [Description("the target PNG; it is resized to each candidate's size")]
    [ExistingPath]
    [System.ComponentModel.DataAnnotations.Required]
    public string Image { get; set; } = "";

    [Description("mse (colour), grey_mse (luminance only), ssim (structure of luminance) or structure (SSIM of colour planes mixed with RMSE at three scales: crisp shapes in the right colours)")]
    public TargetMetric Metric { get; set; } = TargetMetric.Mse;
}

/// <summary>
/// A fixed critic: similarity in [0,1] between each image and a target picture (higher = closer). The target is
/// resized (<see cref="Image.Resize"/>) to each candidate's size, once per size. Thread-safe and deterministic.
/// </summary>
public sealed class TargetImageCritic : ICritic
{
    /// <summary>SSIM window side (uniform weights), shrunk for images smaller than this.</summary>
    public const int SsimWindow = 7;
    private const double C1 = 0.01 * 0.01, C2 = 0.03 * 0.03; // (K1 L)^2, (K2 L)^2 with L = 1

    private readonly Image _target;
    private readonly int _threads;
    private readonly ConcurrentDictionary<(int W, int H), Lazy<(Image Image, float[] Grey)>> _resized = new();
    private readonly ConcurrentDictionary<(int W, int H), Lazy<Pyramid>> _pyramids = new();

    /// <summary>Scales of <see cref="TargetMetric.Structure"/>: the image and two 2x2-averaged halvings (while at least 8 pixels a side).</summary>
    public const int Scales = 3;

    /// <summary>The metric in use.</summary>
    public TargetMetric Metric { get; }

    /// <summary>A critic comparing with <paramref name="target"/> (not copied; do not change it afterwards).</summary>
    public TargetImageCritic(Image target, TargetMetric metric = TargetMetric.Mse, int threads = 1)
    {
        _target = target;
        Metric = metric;
        _threads = Math.Max(1, threads);
        _resized[(target.Width, target.Height)] = new Lazy<(Image, float[])>(() => (target, target.ToGray()));
    }

    /// <summary>Reads the target PNG named by the options (relative paths start at the config's folder).</summary>
    public static TargetImageCritic Create(TargetImageCriticOptions options, ComponentContext context)
    {
        if (string.IsNullOrWhiteSpace(options.Image))
            throw new InputException("the target critic needs 'image: path/to/target.png'");
        string path = Path.Combine(context.BaseDirectory, options.Image);
        return new TargetImageCritic(Png.Read(path), options.Metric, context.Threads);
    }

    /// <inheritdoc />
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images)
    {
        var scores = new double[images.Count];
        Parallel.For(0, images.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i => scores[i] = Score(images[i]));
        return scores;
    }

    /// <summary>The similarity of one image to the target, in [0,1].</summary>
    public double Score(Image image)
    {
        var (target, grey) = Resized(image.Width, image.Height);
        return Metric switch
        {
            TargetMetric.Mse => 1.0 - MeanSquaredError(image.Data, target.Data),
            TargetMetric.GreyMse => 1.0 - MeanSquaredError(image.ToGray(), grey),
            TargetMetric.Ssim => (1.0 + MeanSsim(image.ToGray(), grey, image.Width, image.Height)) / 2.0,
            TargetMetric.Structure => (1.0 + StructureMix(Pyramid.Of(image), TargetPyramid(image.Width, image.Height))) / 2.0,
            _ => throw new InvalidOperationException($"unknown metric {Metric}"),
        };
    }

    /// <summary>
    /// The <see cref="TargetMetric.Structure"/> mix before mapping to [0,1]: over the scales both pyramids have, the mean of
    /// 0.5 · (mean SSIM of the three colour planes) + 0.5 · (1 − 2 · RMSE of all values). In [−1, 1]; 1 when identical.
    /// </summary>
    public static double StructureMix(Pyramid a, Pyramid b)
    {
        int scales = Math.Min(a.Levels.Count, b.Levels.Count);
        double total = 0;
        for (int s = 0; s < scales; s++)
        {
            var (x, y) = (a.Levels[s], b.Levels[s]);
            double ssim = 0, squares = 0;
            for (int ch = 0; ch < 3; ch++)
            {
                ssim += MeanSsim(x.Planes[ch], y.Planes[ch], x.Width, x.Height) / 3;
                squares += MeanSquaredError(x.Planes[ch], y.Planes[ch]) / 3;
            }
            total += 0.5 * ssim + 0.5 * (1 - 2 * Math.Sqrt(squares));
        }
        return total / scales;
    }

    /// <summary>An image's colour planes at up to <see cref="Scales"/> sizes, each half the previous (2x2 box averages).</summary>
    /// <param name="Levels">The planes (R, G, B) and size of each scale, full size first.</param>
    public sealed record Pyramid(IReadOnlyList<(float[][] Planes, int Width, int Height)> Levels)
    {
        /// <summary>The pyramid of <paramref name="image"/>: halved while both sides stay at least 8 pixels.</summary>
        public static Pyramid Of(Image image)
        {
            float[][] planes = [image.R.ToArray(), image.G.ToArray(), image.B.ToArray()];
            int w = image.Width, h = image.Height;
            var levels = new List<(float[][], int, int)> { (planes, w, h) };
            while (levels.Count < Scales && w / 2 >= 8 && h / 2 >= 8)
            {
                int w2 = w / 2, h2 = h / 2, ww = w;
                planes = planes.Select(p =>
                {
                    var half = new float[w2 * h2];
                    for (int y = 0; y < h2; y++)
                        for (int x = 0; x < w2; x++)
                            half[y * w2 + x] = 0.25f * (p[2 * y * ww + 2 * x] + p[2 * y * ww + 2 * x + 1] + p[(2 * y + 1) * ww + 2 * x] + p[(2 * y + 1) * ww + 2 * x + 1]);
                    return half;
                }).ToArray();
                (w, h) = (w2, h2);
                levels.Add((planes, w, h));
            }
            return new Pyramid(levels);
        }
    }

    private Pyramid TargetPyramid(int width, int height) =>
        _pyramids.GetOrAdd((width, height), k => new Lazy<Pyramid>(() => Pyramid.Of(Resized(k.W, k.H).Image))).Value;

    /// <summary>The target at the given size (cached).</summary>
    public Image TargetAt(int width, int height) => Resized(width, height).Image;

    private (Image Image, float[] Grey) Resized(int width, int height) =>
        _resized.GetOrAdd((width, height), k => new Lazy<(Image, float[])>(() =>
        {
            var resized = _target.Resize(k.W, k.H);
            return (resized, resized.ToGray());
        })).Value;

    /// <summary>Mean of the squared differences; values are clamped to [0,1] first, NaN counts as 0.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Clamp(a[i]) - Clamp(b[i]);
            sum += d * d;
        }
        return sum / a.Length;
    }

    /// <summary>
    /// Mean SSIM over every position of a k x k uniform window (k = min(7, width, height)), with population
    /// variances and C1 = 0.01², C2 = 0.03² for values in [0,1]. Uses summed-area tables, so it is O(width*height).
    /// </summary>
    public static double MeanSsim(float[] x, float[] y, int width, int height)
    {
        int k = Math.Min(SsimWindow, Math.Min(width, height));
        int w1 = width + 1;
        // Summed-area tables with a zero first row and column, (width+1) x (height+1), of x, y, x², y², xy.
        int cells = w1 * (height + 1);
        var sx = new double[cells]; var sy = new double[cells];
        var sxx = new double[cells]; var syy = new double[cells]; var sxy = new double[cells];
        for (int r = 0; r < height; r++)
        {
            double rx = 0, ry = 0, rxx = 0, ryy = 0, rxy = 0;
            for (int c = 0; c < width; c++)
            {
                double a = Clamp(x[r * width + c]), b = Clamp(y[r * width + c]);
                rx += a; ry += b; rxx += a * a; ryy += b * b; rxy += a * b;
                int here = (r + 1) * w1 + c + 1, above = r * w1 + c + 1;
                sx[here] = sx[above] + rx; sy[here] = sy[above] + ry;
                sxx[here] = sxx[above] + rxx; syy[here] = syy[above] + ryy; sxy[here] = sxy[above] + rxy;
            }
        }
        double n = k * k, total = 0;
        int count = 0;
        for (int top = 0; top + k <= height; top++)
            for (int left = 0; left + k <= width; left++)
            {
                int a = top * w1 + left, b = top * w1 + left + k, c = (top + k) * w1 + left, d = (top + k) * w1 + left + k;
                double mx = (sx[d] - sx[b] - sx[c] + sx[a]) / n, my = (sy[d] - sy[b] - sy[c] + sy[a]) / n;
                double vx = Math.Max(0, (sxx[d] - sxx[b] - sxx[c] + sxx[a]) / n - mx * mx);
                double vy = Math.Max(0, (syy[d] - syy[b] - syy[c] + syy[a]) / n - my * my);
                double cxy = (sxy[d] - sxy[b] - sxy[c] + sxy[a]) / n - mx * my;
                total += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        return total / count;
    }

    private static double Clamp(float v) => v > 0f ? (v < 1f ? v : 1.0) : 0.0;
}
