using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics;

/// <summary>
/// KID (Bińkowski et al. 2018): the unbiased estimate of the squared maximum mean discrepancy between two feature sets
/// under the cubic polynomial kernel k(x, y) = (xᵀy/d + 1)³, averaged over random subsets of equal size m:
/// MMD²ᵤ = Σ_{i≠j} k(xᵢ,xⱼ)/(m(m−1)) + Σ_{i≠j} k(yᵢ,yⱼ)/(m(m−1)) − 2 Σ_{i,j} k(xᵢ,yⱼ)/m².
/// Unlike FID it is unbiased, so two samples of one distribution give ≈ 0 (it can come out slightly negative).
/// </summary>
public static class KernelInceptionDistance
{
    /// <summary>
    /// Mean and standard deviation (over subsets, dividing by the number of subsets) of MMD²ᵤ between rows of
    /// <paramref name="real"/> and <paramref name="fake"/> ([N, D] each). Each subset draws
    /// min(<paramref name="subsetSize"/>, N_real, N_fake) rows of each without replacement, from a generator seeded with <paramref name="seed"/>.
    /// </summary>
    public static (double Mean, double Std) Compute(Tensor real, Tensor fake, int subsets = 100, int subsetSize = 1000, long seed = 0)
    {
        if (subsets < 1) throw new ArgumentOutOfRangeException(nameof(subsets), "need at least one subset");
        long m = Math.Min(subsetSize, Math.Min(real.shape[0], fake.shape[0]) / 2);
        if (m < 2) throw new ArgumentException("KID needs at least 4 images on each side");
        using var g = new Generator((ulong)seed, real.device);
        var values = new double[subsets];
        for (int s = 0; s < subsets; s++)
        {
            using var scope = NewDisposeScope();
            var x = real.index_select(0, randperm(real.shape[0], generator: g, device: real.device).narrow(0, 0, m)); // [m, D]
            var y = fake.index_select(0, randperm(fake.shape[0], generator: g, device: fake.device).narrow(0, 0, m)); // [m, D]
            values[s] = UnbiasedMmd2(x, y);
        }
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return (mean, std);
    }

    /// <summary>MMD²ᵤ between all rows of <paramref name="x"/> and <paramref name="y"/> ([m, D] each, m ≥ 2).</summary>
    public static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        long m = x.shape[0], d = x.shape[1];
        if (y.shape[0] != m || y.shape[1] != d) throw new ArgumentException("x and y must both be [m, D]");
        // k = (xᵀy/d + 1)³ in float32 (one fused product, cubed in place), summed in float64
        Tensor Kernel(Tensor a, Tensor b)
        {
            var k = a.mm(b.t());          // [m, m]
            return k.div_(d).add_(1).pow_(3);
        }
        var kxx = Kernel(x, x);
        var kyy = Kernel(y, y);
        var kxy = Kernel(x, y);
        double offXX = kxx.sum(ScalarType.Float64).item<double>() - kxx.diagonal().sum(ScalarType.Float64).item<double>();
        double offYY = kyy.sum(ScalarType.Float64).item<double>() - kyy.diagonal().sum(ScalarType.Float64).item<double>();
        double cross = kxy.sum(ScalarType.Float64).item<double>();
        return (offXX + offYY) / (m * (m - 1.0)) - 2 * cross / ((double)m * m);
    }
}
