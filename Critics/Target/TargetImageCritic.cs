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
    private readonly ConcurrentDictionary<(int W, int H), Lazy<Image>> _resized = new();

    /// <summary>The metric in use.</summary>
    public TargetMetric Metric { get; }

    /// <summary>A critic comparing with <paramref name="target"/> (not copied; do not change it afterwards).</summary>
    public TargetImageCritic(Image target, TargetMetric metric = TargetMetric.Mse, int threads = 1)
    {
        _target = target;
        Metric = metric;
        _threads = Math.Max(1, threads);
        _resized[(target.Width, target.Height)] = new Lazy<Image>(target);
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
        var target = TargetAt(image.Width, image.Height);
        return Metric switch
        {
            TargetMetric.Mse => 1.0 - MeanSquaredError(image.Data, target.Data),
            TargetMetric.GreyMse => 1.0 - MeanSquaredError(image.ToGray(), target.ToGray()),
            TargetMetric.Ssim => (1.0 + MeanSsim(image.ToGray(), target.ToGray(), image.Width, image.Height)) / 2.0,
            _ => throw new InvalidOperationException($"unknown metric {Metric}"),
        };
    }

    /// <summary>The target at the given size (cached).</summary>
    public Image TargetAt(int width, int height) =>
        _resized.GetOrAdd((width, height), k => new Lazy<Image>(() => _target.Resize(k.W, k.H))).Value;

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
        var sx = Integral(width, height, i => Clamp(x[i]));
        var sy = Integral(width, height, i => Clamp(y[i]));
        var sxx = Integral(width, height, i => Clamp(x[i]) * Clamp(x[i]));
        var syy = Integral(width, height, i => Clamp(y[i]) * Clamp(y[i]));
        var sxy = Integral(width, height, i => Clamp(x[i]) * Clamp(y[i]));
        double n = k * k, total = 0;
        int count = 0;
        for (int top = 0; top + k <= height; top++)
            for (int left = 0; left + k <= width; left++)
            {
                double mx = Box(sx, width, left, top, k) / n, my = Box(sy, width, left, top, k) / n;
                double vx = Math.Max(0, Box(sxx, width, left, top, k) / n - mx * mx);
                double vy = Math.Max(0, Box(syy, width, left, top, k) / n - my * my);
                double cxy = Box(sxy, width, left, top, k) / n - mx * my;
                total += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        return total / count;
    }

    private static double Clamp(float v) => v > 0f ? (v < 1f ? v : 1.0) : 0.0;

    /// <summary>Summed-area table with a zero first row and column: (width+1) x (height+1).</summary>
    private static double[] Integral(int width, int height, Func<int, double> value)
    {
        int w1 = width + 1;
        var s = new double[w1 * (height + 1)];
        for (int yy = 0; yy < height; yy++)
        {
            double row = 0;
            for (int xx = 0; xx < width; xx++)
            {
                row += value(yy * width + xx);
                s[(yy + 1) * w1 + xx + 1] = s[yy * w1 + xx + 1] + row;
            }
        }
        return s;
    }

    private static double Box(double[] s, int width, int left, int top, int k)
    {
        int w1 = width + 1;
        return s[(top + k) * w1 + left + k] - s[top * w1 + left + k] - s[(top + k) * w1 + left] + s[top * w1 + left];
    }
}
