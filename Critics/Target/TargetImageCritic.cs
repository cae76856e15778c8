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
}

/// <summary>Options of <see cref="TargetImageCritic"/>.</summary>
[Description("scores images by their similarity to a target PNG (1 = identical)")]
public sealed class TargetImageCriticOptions
{
    [Description("the target PNG; it is resized to each candidate's size")]
    [ExistingPath]
    [System.ComponentModel.DataAnnotations.Required]
    public string Image { get; set; } = "";

    [Description("mse (colour), grey_mse (luminance only) or ssim (structural similarity of luminance)")]
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
            _ => throw new InvalidOperationException($"unknown metric {Metric}"),
        };
    }

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
