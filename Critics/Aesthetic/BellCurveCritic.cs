using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Features;

namespace Coevo.Critics.Aesthetic;

/// <summary>Options of the <c>aesthetic_bell</c> critic.</summary>
[Description("Ross & Ralph: how closely the colour-gradient responses follow a normal (bell) distribution")]
public sealed class BellCurveCriticOptions
{
    [Description("detection threshold S0 of the gradient stimulus (8-bit levels per d, d = 0.1% of the image diagonal)")]
    [Range(1e-6, 1e6)]
    public double Threshold { get; set; } = 2;

    [Description("histogram bin width in standard deviations (Ross et al. use 0.01, for large images)")]
    [Range(0.001, 10.0)]
    public double BinWidth { get; set; } = 0.1;
}

/// <summary>
/// The bell-curve measure of Ross, Ralph &amp; Zong ("Evolutionary image synthesis using a model of aesthetics", CEC
/// 2006), after Ralph's observation that the colour-gradient responses of fine art are normally distributed. For each
/// pixel (i, j) with a right and a lower neighbour, and each channel c as its 8-bit level 0..255 (as stored in a file),
/// <code>
///   |∇c|² = ((c(i,j) − c(i+1,j+1))² + (c(i+1,j) − c(i,j+1))²) / d²,   d = 0.1% of the image diagonal
///   S = √(|∇r|² + |∇g|² + |∇b|²)          the stimulus
///   R = ln(S / S0)  for S &gt; S0          the response (pixels below the threshold S0 give none)
///   μ = Σ R² / Σ R,  σ² = Σ R (R − μ)² / Σ R     (each response weighted by itself)
///   DFN = Σᵢ pᵢ ln(pᵢ / qᵢ)
/// </code>
/// where the responses are binned in widths of <c>bin_width</c>·σ (bins start at μ), pᵢ is bin i's share of Σ R and
/// qᵢ what N(μ, σ²) puts in the bin. DFN, the deviation from normality, is 0 for a perfect bell curve; Ross et al.
/// minimise it (scaled by 1000). The score is e^(−DFN), in (0,1], higher for a better bell; an image with no response
/// or no spread of responses (flat, or one uniform gradient) scores 0. Deterministic and thread-safe.
/// </summary>
public sealed class BellCurveCritic(BellCurveCriticOptions options, int threads = 1) : ICritic
{
    /// <summary>The options in use.</summary>
    public BellCurveCriticOptions Options { get; } = options;

    /// <summary>The registry factory.</summary>
    public static BellCurveCritic Create(BellCurveCriticOptions options, ComponentContext context) => new(options, context.Threads);

    /// <inheritdoc />
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Parallelism.Map(images, Score, Math.Max(1, threads));

    /// <summary>e^(−DFN) for one image (0 when it has no spread of responses).</summary>
    public double Score(Image image)
    {
        double dfn = DeviationFromNormality(Responses(image, Options.Threshold), Options.BinWidth);
        return double.IsFinite(dfn) ? Math.Exp(-dfn) : 0;
    }

    /// <summary>The responses ln(S / S0) of every pixel whose stimulus exceeds <paramref name="threshold"/>, row by row.</summary>
    public static List<double> Responses(Image image, double threshold)
    {
        int w = image.Width, h = image.Height;
        double d = 0.001 * Math.Sqrt((double)w * w + (double)h * h);
        double scale = 1 / d;
        var responses = new List<double>();
        for (int y = 0; y + 1 < h; y++)
            for (int x = 0; x + 1 < w; x++)
            {
                double s2 = 0;
                for (int c = 0; c < 3; c++)
                {
                    var p = image.Plane(c);
                    int a = ImageFeatures.Byte(p[y * w + x]), b = ImageFeatures.Byte(p[(y + 1) * w + x + 1]);
                    int e = ImageFeatures.Byte(p[y * w + x + 1]), f = ImageFeatures.Byte(p[(y + 1) * w + x]);
                    s2 += ((a - b) * (a - b) + (e - f) * (e - f)) * scale * scale;
                }
                double s = Math.Sqrt(s2);
                if (s > threshold) responses.Add(Math.Log(s / threshold));
            }
        return responses;
    }

    /// <summary>
    /// DFN of a list of (positive) responses: the Kullback–Leibler divergence of their self-weighted histogram, in
    /// bins of <paramref name="binWidth"/>·σ starting at μ, from N(μ, σ²). +∞ when there are none or σ is 0.
    /// </summary>
    public static double DeviationFromNormality(IReadOnlyList<double> responses, double binWidth)
    {
        double total = 0, squares = 0;
        foreach (double r in responses) { total += r; squares += r * r; }
        if (responses.Count == 0 || !(total > 0)) return double.PositiveInfinity;
        double mu = squares / total, variance = 0;
        foreach (double r in responses) variance += r * (r - mu) * (r - mu);
        double sigma = Math.Sqrt(variance / total);
        if (!(sigma > 1e-9 * Math.Max(1, Math.Abs(mu)))) return double.PositiveInfinity;

        var bins = new SortedDictionary<long, double>();
        foreach (double r in responses)
        {
            long bin = (long)Math.Floor((r - mu) / (binWidth * sigma));
            bins[bin] = bins.GetValueOrDefault(bin) + r;
        }
        double dfn = 0;
        foreach (var (bin, weight) in bins)
        {
            double p = weight / total;
            double q = Math.Max(1e-300, NormalMass(bin * binWidth, (bin + 1) * binWidth));
            dfn += p * Math.Log(p / q);
        }
        return Math.Max(0, dfn);
    }

    /// <summary>P(lo ≤ Z &lt; hi) for a standard normal Z, accurate in both tails.</summary>
    public static double NormalMass(double lo, double hi) =>
        lo >= 0 ? 0.5 * (Erfc(lo / Math.Sqrt(2)) - Erfc(hi / Math.Sqrt(2)))
        : hi <= 0 ? 0.5 * (Erfc(-hi / Math.Sqrt(2)) - Erfc(-lo / Math.Sqrt(2)))
        : 1 - 0.5 * (Erfc(-lo / Math.Sqrt(2)) + Erfc(hi / Math.Sqrt(2)));

    /// <summary>The complementary error function, with relative error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes' erfcc).</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                   + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
