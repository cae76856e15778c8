using System.Runtime.CompilerServices;
using System.Text.Json;
using Coevo.Coevolution;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Critics.Features;

/// <summary>
/// A fixed-length vector of global image features, the input of the GP and novelty critics. Every value is computed
/// from the image with channels clamped to [0,1] (NaN as 0) and every feature lies in [0,1] except
/// <c>png_complexity</c>, which can slightly exceed 1 for noise. In <see cref="Names"/> order:
/// <list type="number">
/// <item><c>lightness_mean</c>, <c>lightness_spread</c>: mean and population standard deviation of HSL lightness
/// L = (max + min) / 2 over the pixels.</item>
/// <item><c>hue_mean</c>, <c>hue_spread</c>: the circular mean of the hue (in turns, [0,1): 0 red, 1/3 green, 2/3 blue)
/// and the circular variance 1 − R̄, each pixel's unit hue vector weighted by its chroma C = max − min, so that greys,
/// whose hue is undefined, count for nothing. With no chroma at all the mean is 0 and the spread 1.</item>
/// <item><c>saturation_mean</c>, <c>saturation_spread</c>: mean and standard deviation of HSL saturation
/// S = C / (1 − |2L − 1|) (0 for greys).</item>
/// <item><c>grey_entropy</c>: Shannon entropy of the 256-bin histogram of Rec. 601 luminance quantised to 8 bits,
/// in bits, divided by 8.</item>
/// <item><c>edge_density</c>: the share of pixels whose Sobel gradient magnitude on luminance (borders replicated,
/// each kernel divided by 4 so that a step of height h gives h) exceeds <see cref="EdgeThreshold"/>.</item>
/// <item><c>symmetry_lr</c>, <c>symmetry_tb</c>: 1 − the mean absolute luminance difference between each pixel and
/// its mirror image left-right (x ↔ W−1−x) and top-bottom (y ↔ H−1−y); 1 is perfectly symmetric.</item>
/// <item><c>png_complexity</c>: the size of the image's 8-bit RGB PNG file (<see cref="Png.Encode(Image)"/>,
/// zlib level 6) divided by its raw size 3·W·H: near 0 for flat images, about 1 for noise.</item>
/// </list>
/// </summary>
public static class ImageFeatures
{
    /// <summary>The feature names, in vector order (also the names GP critic programs use).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "lightness_mean", "lightness_spread", "hue_mean", "hue_spread", "saturation_mean", "saturation_spread",
        "grey_entropy", "edge_density", "symmetry_lr", "symmetry_tb", "png_complexity",
    ];

    /// <summary>Length of every feature vector.</summary>
    public static int Count => Names.Count;

    /// <summary>Writes <see cref="Names"/> as a checkpoint's <c>features</c> array, so a later reader can tell whether its features are the same.</summary>
    public static void WriteNames(Utf8JsonWriter w)
    {
        w.WriteStartArray("features");
        foreach (var name in Names) w.WriteStringValue(name);
        w.WriteEndArray();
    }

    /// <summary>Checks a checkpoint's <c>features</c> array against <see cref="Names"/> (an <see cref="InputException"/> naming <paramref name="path"/> if they differ).</summary>
    public static void CheckNames(JsonElement root, string path)
    {
        var features = CheckpointJson.Strings(root, "features", path);
        if (!features.SequenceEqual(Names))
            throw new InputException($"checkpoint was written with features [{string.Join(", ", features)}], this critic uses [{string.Join(", ", Names)}]", path);
    }

    /// <summary>A pixel is an edge when its normalised Sobel magnitude exceeds this (a step of a tenth of the range).</summary>
    public const double EdgeThreshold = 0.1;

    private static readonly ConditionalWeakTable<Image, double[]> Cache = new();

    /// <summary>The feature vector of <paramref name="image"/>, in <see cref="Names"/> order (a new array).</summary>
    public static double[] Of(Image image)
    {
        var (lMean, lSpread) = MeanAndSpread(image, Lightness);
        var (sMean, sSpread) = MeanAndSpread(image, Saturation);
        var (hMean, hSpread) = Hue(image);
        var grey = ClampedGrey(image);
        return
        [
            lMean, lSpread, hMean, hSpread, sMean, sSpread,
            GreyEntropy(grey), EdgeDensity(grey, image.Width, image.Height),
            SymmetryLeftRight(grey, image.Width, image.Height), SymmetryTopBottom(grey, image.Width, image.Height),
            PngComplexity(image),
        ];
    }

    /// <summary>
    /// <see cref="Of"/>, remembered per image object (weakly, so images can still be collected). Critics that see the
    /// same images again (real data, an archive of negatives) use it; the images must not be changed afterwards.
    /// </summary>
    public static double[] Cached(Image image) => Cache.GetValue(image, Of);

    /// <summary>The feature vectors of <paramref name="images"/>, in order, on up to <paramref name="threads"/> threads (cached).</summary>
    public static double[][] OfAll(IReadOnlyList<Image> images, int threads) => Parallelism.Map(images, Cached, threads);

    /// <summary>HSL lightness (max + min) / 2 of a colour with clamped channels.</summary>
    public static double Lightness(double r, double g, double b) => (Math.Max(r, Math.Max(g, b)) + Math.Min(r, Math.Min(g, b))) / 2;

    /// <summary>HSL saturation C / (1 − |2L − 1|); 0 for greys (C = 0).</summary>
    public static double Saturation(double r, double g, double b)
    {
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), c = max - min;
        if (c <= 0) return 0;
        return Math.Min(1, c / (1 - Math.Abs(max + min - 1)));
    }

    /// <summary>Hue in turns, [0,1) (0 red, 1/3 green, 2/3 blue); 0 for greys, whose hue is undefined.</summary>
    public static double HueTurns(double r, double g, double b)
    {
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), c = max - min;
        if (c <= 0) return 0;
        double sector = max == r ? (g - b) / c : max == g ? (b - r) / c + 2 : (r - g) / c + 4;
        double h = sector / 6;
        return h < 0 ? h + 1 : h;
    }

    /// <summary>The chroma-weighted circular mean of the hue (turns) and its circular variance 1 − R̄.</summary>
    public static (double Mean, double Spread) Hue(Image image)
    {
        double x = 0, y = 0, w = 0;
        var rs = image.R; var gs = image.G; var bs = image.B;
        for (int i = 0; i < rs.Length; i++)
        {
            double r = Clamp(rs[i]), g = Clamp(gs[i]), b = Clamp(bs[i]);
            double c = Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
            if (c <= 0) continue;
            var (sin, cos) = Math.SinCos(2 * Math.PI * HueTurns(r, g, b));
            x += c * cos;
            y += c * sin;
            w += c;
        }
        if (w <= 0) return (0, 1);
        double length = Math.Sqrt(x * x + y * y) / w;
        double mean = length < 1e-12 ? 0 : Math.Atan2(y, x) / (2 * Math.PI);
        if (mean < 0) mean += 1;
        if (mean >= 1) mean = 0;
        return (mean, Math.Clamp(1 - length, 0, 1));
    }

    /// <summary>Shannon entropy (bits / 8) of the 8-bit histogram of a grey plane with values in [0,1].</summary>
    public static double GreyEntropy(ReadOnlySpan<float> grey)
    {
        Span<int> counts = stackalloc int[256];
        foreach (float v in grey) counts[Byte(v)]++;
        double h = 0, n = grey.Length;
        foreach (int c in counts)
            if (c > 0) h -= c / n * Math.Log2(c / n);
        return h / 8;
    }

    /// <summary>Share of pixels whose Sobel magnitude (kernels / 4, borders replicated) exceeds <see cref="EdgeThreshold"/>.</summary>
    public static double EdgeDensity(ReadOnlySpan<float> grey, int width, int height)
    {
        int edges = 0;
        for (int y = 0; y < height; y++)
        {
            int up = Math.Max(0, y - 1) * width, row = y * width, down = Math.Min(height - 1, y + 1) * width;
            for (int x = 0; x < width; x++)
            {
                int l = Math.Max(0, x - 1), r = Math.Min(width - 1, x + 1);
                double gx = (grey[up + r] + 2 * grey[row + r] + grey[down + r]) - (grey[up + l] + 2 * grey[row + l] + grey[down + l]);
                double gy = (grey[down + l] + 2 * grey[down + x] + grey[down + r]) - (grey[up + l] + 2 * grey[up + x] + grey[up + r]);
                if ((gx * gx + gy * gy) / 16 > EdgeThreshold * EdgeThreshold) edges++;
            }
        }
        return (double)edges / grey.Length;
    }

    /// <summary>1 − mean |g(x, y) − g(W−1−x, y)|: mirror symmetry about the vertical axis.</summary>
    public static double SymmetryLeftRight(ReadOnlySpan<float> grey, int width, int height)
    {
        double sum = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                sum += Math.Abs(grey[y * width + x] - grey[y * width + width - 1 - x]);
        return 1 - sum / grey.Length;
    }

    /// <summary>1 − mean |g(x, y) − g(x, H−1−y)|: mirror symmetry about the horizontal axis.</summary>
    public static double SymmetryTopBottom(ReadOnlySpan<float> grey, int width, int height)
    {
        double sum = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                sum += Math.Abs(grey[y * width + x] - grey[(height - 1 - y) * width + x]);
        return 1 - sum / grey.Length;
    }

    /// <summary>PNG file size over raw RGB size (3·W·H bytes), at zlib level <paramref name="zlibLevel"/> (6 for the feature).</summary>
    public static double PngComplexity(Image image, int zlibLevel = 6) => (double)Png.Encode(image, zlibLevel).Length / (3.0 * image.PixelCount);

    /// <summary>Rec. 601 luminance of the clamped channels.</summary>
    public static float[] ClampedGrey(Image image)
    {
        var g = new float[image.PixelCount];
        var r = image.R; var gr = image.G; var b = image.B;
        for (int i = 0; i < g.Length; i++)
            g[i] = (float)Math.Min(1, 0.299 * Clamp(r[i]) + 0.587 * Clamp(gr[i]) + 0.114 * Clamp(b[i]));
        return g;
    }

    private static (double Mean, double Spread) MeanAndSpread(Image image, Func<double, double, double, double> f)
    {
        var rs = image.R; var gs = image.G; var bs = image.B;
        double sum = 0, sq = 0;
        for (int i = 0; i < rs.Length; i++)
        {
            double v = f(Clamp(rs[i]), Clamp(gs[i]), Clamp(bs[i]));
            sum += v;
            sq += v * v;
        }
        double n = rs.Length, mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, sq / n - mean * mean)));
    }

    /// <summary>A channel value as the 8-bit level a PNG or JPEG file stores (clamped, rounded; NaN becomes 0).</summary>
    public static int Byte(float v) => v > 0f ? (v < 1f ? (int)(v * 255f + 0.5f) : 255) : 0;

    /// <summary>A channel value clamped to [0,1]; NaN becomes 0.</summary>
    public static double Clamp(float v) => v > 0f ? (v < 1f ? v : 1.0) : 0.0;
}
