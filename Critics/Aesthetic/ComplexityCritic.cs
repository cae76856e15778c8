using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Features;

namespace Coevo.Critics.Aesthetic;

/// <summary>Options of the <c>aesthetic_complexity</c> critic.</summary>
[Description("Machado & Cardoso: image complexity (JPEG) over processing complexity (PNG at two zlib efforts)")]
public sealed class ComplexityCriticOptions
{
    [Description("JPEG quality whose error and compression ratio estimate the image complexity IC")]
    [Range(1, 100)]
    public int IcQuality { get; set; } = 75;

    [Description("zlib level of the quick first look, PC(t0) (1 fastest .. 9 most thorough)")]
    [Range(1, 9)]
    public int PcLevelT0 { get; set; } = 1;

    [Description("zlib level of the later, thorough look, PC(t1)")]
    [Range(1, 9)]
    public int PcLevelT1 { get; set; } = 9;

    [Description("exponent a of IC")]
    [Range(0.0, 100.0)]
    public double IcExponent { get; set; } = 1;

    [Description("exponent b of PC(t0)·PC(t1) (0.5: IC over the geometric mean of the two)")]
    [Range(0.0, 100.0)]
    public double PcExponent { get; set; } = 0.5;

    [Description("exponent c of the relative change |PC(t1) - PC(t0)| / PC(t1) (0: ignore it)")]
    [Range(0.0, 100.0)]
    public double ChangeExponent { get; set; } = 0;
}

/// <summary>
/// The aesthetic measure of Machado &amp; Cardoso ("Computing aesthetics", 1998; NEvAr, 2002): images that look
/// complex but are easy to process score high,
/// <code>
///   M = IC^a / (PC(t0) · PC(t1))^b / (|PC(t1) − PC(t0)| / PC(t1))^c
/// </code>
/// Complexities are estimated by compression. Image complexity is a lossy coder's error over its compression ratio,
/// <c>IC = RMSE(I, JPEG(I)) / (raw size / JPEG size)</c>, as in the original. Machado &amp; Cardoso estimate the
/// processing complexity PC with fractal image compression at two moments t0 &lt; t1 of an ever longer look, the
/// coder finding more of the image's self-similarity as it is given more time. SkiaSharp has no fractal coder, so here
/// PC is the size of the lossless PNG over the raw size (no error term, since PNG loses nothing), found at two efforts:
/// zlib level <c>pc_level_t0</c> (a quick look) and <c>pc_level_t1</c> (a thorough one). Repetition and regular structure,
/// which make fractal coding cheap, make PNG small too; noise makes both expensive. RMSE is over the three channels
/// scaled to [0,1], against the image quantised to 8 bits as it goes into the coder; raw size is 3·W·H bytes.
/// A zero denominator is replaced by 1e-12. Deterministic and thread-safe.
/// </summary>
public sealed class ComplexityCritic(ComplexityCriticOptions options, int threads = 1) : ICritic
{
    private const double Tiny = 1e-12;

    /// <summary>The options in use.</summary>
    public ComplexityCriticOptions Options { get; } = options;

    /// <summary>The registry factory.</summary>
    public static ComplexityCritic Create(ComplexityCriticOptions options, ComponentContext context) => new(options, context.Threads);

    /// <inheritdoc />
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Parallelism.Map(images, Score, Math.Max(1, threads));

    /// <summary>M for one image.</summary>
    public double Score(Image image)
    {
        var (ic, pc0, pc1) = Complexities(image);
        if (ic <= 0) return 0;
        double m = Math.Pow(ic, Options.IcExponent) / Math.Pow(Math.Max(Tiny, pc0 * pc1), Options.PcExponent);
        if (Options.ChangeExponent > 0)
            m /= Math.Pow(Math.Max(Tiny, Math.Abs(pc1 - pc0) / Math.Max(Tiny, pc1)), Options.ChangeExponent);
        return m;
    }

    /// <summary>IC, PC(t0) and PC(t1) of one image.</summary>
    public (double Ic, double Pc0, double Pc1) Complexities(Image image) =>
        (JpegComplexity(image, Options.IcQuality), ImageFeatures.PngComplexity(image, Options.PcLevelT0), ImageFeatures.PngComplexity(image, Options.PcLevelT1));

    /// <summary>RMSE(I, JPEG(I)) / compression ratio, with JPEG at <paramref name="quality"/>.</summary>
    public static double JpegComplexity(Image image, int quality)
    {
        var (bytes, decoded) = Jpeg.RoundTrip(image, quality);
        return Rmse8(image, decoded) / CompressionRatio(image, bytes);
    }

    /// <summary>Raw RGB size (3·W·H bytes) over <paramref name="compressedBytes"/>.</summary>
    public static double CompressionRatio(Image image, int compressedBytes) => 3.0 * image.PixelCount / compressedBytes;

    /// <summary>Root mean squared difference over all channels between <paramref name="original"/> quantised to 8 bits and <paramref name="decoded"/>.</summary>
    public static double Rmse8(Image original, Image decoded)
    {
        var a = original.Data;
        var b = decoded.Data;
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = ImageFeatures.Byte(a[i]) / 255f - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum / a.Length);
    }
}
