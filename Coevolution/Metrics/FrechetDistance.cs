using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics;

/// <summary>An FID value and how it was obtained.</summary>
/// <param name="Value">‖μ₁−μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁^½ Σ₂ Σ₁^½)^½).</param>
/// <param name="DiagonalAdded">ε added to both covariances' diagonals to make the square root well defined; 0 when none was needed (the usual case).</param>
/// <param name="Warnings">What makes the value less trustworthy, in words (e.g. fewer samples than dimensions).</param>
public sealed record FidResult(double Value, double DiagonalAdded, IReadOnlyList<string> Warnings);

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al. 2017's FID, measured here in the
/// feature space of a Coevo network rather than Inception's). The matrix square root is taken in the symmetric form
/// Tr((Σ₁^½ Σ₂ Σ₁^½)^½), which equals Tr((Σ₁Σ₂)^½) but only needs eigendecompositions of symmetric positive
/// semi-definite matrices, in float64; eigenvalues that rounding pushed slightly below zero are set to zero.
/// </summary>
public static class FrechetDistance
{
    /// <summary>Relative size below which a negative eigenvalue counts as rounding noise rather than a broken matrix.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>FID between two sets of feature rows [N, D] (any float type and device).</summary>
    public static FidResult Compute(Tensor real, Tensor fake)
    {
        using var scope = NewDisposeScope();
        var (mu1, sigma1) = Statistics(real);
        var (mu2, sigma2) = Statistics(fake);
        var result = FromStatistics(mu1, sigma1, mu2, sigma2);
        var warnings = new List<string>(result.Warnings);
        long dims = real.shape[1];
        foreach (var (what, n) in new[] { ("real", real.shape[0]), ("generated", fake.shape[0]) })
            if (n < dims)
                warnings.Add($"only {n} {what} images for {dims} feature dimensions: the covariance is singular and FID is biased upward (use at least {dims}, better 10x as many)");
        return result with { Warnings = warnings };
    }

    /// <summary>Mean [D] and unbiased covariance [D, D] (divided by N−1) of rows [N, D], in float64.</summary>
    public static (Tensor Mean, Tensor Covariance) Statistics(Tensor features)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException($"need at least 2 feature rows [N, D], got [{string.Join(", ", features.shape)}]", nameof(features));
        using var scope = NewDisposeScope();
        var x = features.to(ScalarType.Float64);
        if (!isfinite(x).all().item<bool>()) throw new ArgumentException("the features contain NaN or infinity", nameof(features));
        var mean = x.mean([0]);                                                // [D]
        var centred = x - mean;                                                // [N, D]
        var covariance = centred.t().mm(centred) / (x.shape[0] - 1);          // [D, D]
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// FID between N(μ₁, Σ₁) and N(μ₂, Σ₂). If a covariance is not positive semi-definite beyond rounding, or the
    /// result is not finite, ε·I is added to both (ε from 1e-6 of their mean variance, growing tenfold until it
    /// works), and <see cref="FidResult.DiagonalAdded"/> says so.
    /// </summary>
    public static FidResult FromStatistics(Tensor mu1, Tensor sigma1, Tensor mu2, Tensor sigma2)
    {
        using var scope = NewDisposeScope();
        var m1 = mu1.to(ScalarType.Float64); var m2 = mu2.to(ScalarType.Float64);
        var s1 = sigma1.to(ScalarType.Float64); var s2 = sigma2.to(ScalarType.Float64);
        long d = s1.shape[0];
        if (s1.shape[1] != d || !s2.shape.SequenceEqual(s1.shape) || m1.shape[0] != d || m2.shape[0] != d)
            throw new ArgumentException("means and covariances must be [D] and [D, D] of one D");
        double meanTerm = (m1 - m2).square().sum().item<double>();
        double trace1 = s1.trace().item<double>(), trace2 = s2.trace().item<double>();
        double scale = Math.Max(Math.Max(trace1, trace2) / d, 1e-300);
        double epsilon = 0;
        for (int attempt = 0; attempt < 12; attempt++)
        {
            using var inner = NewDisposeScope();
            var eye = epsilon > 0 ? torch.eye(d, dtype: ScalarType.Float64, device: s1.device) * epsilon : null;
            var a = eye is null ? s1 : s1 + eye;
            var b = eye is null ? s2 : s2 + eye;
            if (TrySqrtPsd(a) is { } rootA)
            {
                var middle = rootA.mm(b).mm(rootA);                       // Σ₁^½ Σ₂ Σ₁^½, symmetric PSD in exact arithmetic
                middle = (middle + middle.t()) / 2;
                var lambda = linalg.eigvalsh(middle);
                if (WithinRounding(lambda))
                {
                    double traceRoot = lambda.clamp_min(0).sqrt().sum().item<double>();
                    double value = meanTerm + trace1 + trace2 + 2 * d * epsilon - 2 * traceRoot;
                    if (double.IsFinite(value))
                    {
                        var warnings = epsilon > 0
                            ? new[] { $"added {epsilon:G3} to the covariance diagonals to take the matrix square root" }
                            : [];
                        return new FidResult(Math.Max(0, value), epsilon, warnings);
                    }
                }
            }
            epsilon = epsilon == 0 ? 1e-6 * scale : epsilon * 10;
        }
        throw new ArithmeticException("FID: the matrix square root failed even with a diagonal added; are the features finite?");
    }

    /// <summary>The symmetric square root V·diag(√λ)·Vᵀ of a symmetric PSD matrix, or null when it is not PSD beyond rounding.</summary>
    public static Tensor? TrySqrtPsd(Tensor symmetric)
    {
        using var scope = NewDisposeScope();
        var (lambda, vectors) = linalg.eigh((symmetric + symmetric.t()) / 2);
        if (!WithinRounding(lambda)) return null;
        var root = (vectors * lambda.clamp_min(0).sqrt().unsqueeze(0)).mm(vectors.t());
        return root.MoveToOuterDisposeScope();
    }

    private static bool WithinRounding(Tensor eigenvalues)
    {
        if (!isfinite(eigenvalues).all().item<bool>()) return false;
        double max = eigenvalues.abs().max().item<double>();
        return eigenvalues.min().item<double>() >= -Tolerance * Math.Max(max, 1e-300);
    }
}
