using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Walks and sums in a generator's latent space (Radford et al. 2016, §6): interpolations show whether the generator
/// learnt a smooth manifold rather than memorised images, and "A − B + C" on averaged latent vectors shows whether
/// concepts add up. The latent vectors of "sample k" are the k-th rows of <see cref="Draw"/> for a seed, so a user can
/// pick images from a sample sheet and name them by index.
/// </summary>
public static class LatentSpace
{
    /// <summary>
    /// The first <paramref name="n"/> latent vectors of <paramref name="seed"/>, [n, size], standard normal. Vector k has
    /// its own generator, so it is the same whatever n is (libtorch draws long and short tensors differently).
    /// </summary>
    public static Tensor Draw(int n, int size, int seed)
    {
        var rows = new Tensor[n];
        for (int k = 0; k < n; k++)
        {
            using var g = new Generator((ulong)Schedules.SeedSequence.Mix(seed, k, 0));
            rows[k] = torch.randn([size], generator: g);
        }
        return torch.stack(rows);
    }

    /// <summary>
    /// <paramref name="steps"/> points from <paramref name="from"/> to <paramref name="to"/> (both [size]) inclusive, [steps, size]:
    /// along the great circle (slerp, White 2016), which keeps the norm typical of a Gaussian sample, or a straight line.
    /// </summary>
    public static Tensor Interpolate(Tensor from, Tensor to, int steps, bool spherical = true)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), "an interpolation needs at least 2 steps");
        var result = new Tensor[steps];
        double omega = 0;
        if (spherical)
        {
            double cos = (from.dot(to) / (from.norm() * to.norm())).item<float>();
            omega = Math.Acos(Math.Clamp(cos, -1, 1));
        }
        for (int i = 0; i < steps; i++)
        {
            double t = (double)i / (steps - 1);
            if (!spherical || omega < 1e-6)
                result[i] = from * (1 - t) + to * t;
            else
                result[i] = from * (Math.Sin((1 - t) * omega) / Math.Sin(omega)) + to * (Math.Sin(t * omega) / Math.Sin(omega));
        }
        return torch.stack(result);
    }

    /// <summary>mean(A) − mean(B) + mean(C) over groups of latent vectors ([k, size] each) -> [size].</summary>
    public static Tensor Arithmetic(Tensor a, Tensor b, Tensor c) => a.mean([0]) - b.mean([0]) + c.mean([0]);
}
