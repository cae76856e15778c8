using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Bench.Gan;

/// <summary>
/// The fp32 GEMM ceiling of oneDNN, the kernel library libtorch's CPU convolutions run on: an n x n by n x n product
/// written as a 1x1 convolution (Cin = Cout = n over n pixels, as batch 16), timed for each n; the best median is the
/// practical roof a convolution network can reach on this machine with these threads. FLOP = 2 n³. (libtorch's own
/// matmul, not oneDNN, is printed beside it for comparison.)
/// </summary>
public static class GemmCeiling
{
    /// <summary>Best GFLOP/s over <paramref name="sizes"/>, and the n it was reached at.</summary>
    public static (double Gflops, int N) Measure(IReadOnlyList<int> sizes, double minSeconds = 1.0)
    {
        (double, int) best = (0, 0);
        foreach (int n in sizes)
        {
            using var scope = NewDisposeScope();
            using var g = new Generator((ulong)n);
            var a = randn([n, n], generator: g);
            var b = randn([n, n], generator: g);
            // C[p, co] = Σ_ci A[p, ci] B[co, ci]: n pixels laid out as [16, n, 1, n/16]
            var x = a.view(16, n / 16, n).permute(0, 2, 1).contiguous().view(16, n, 1, n / 16);
            var w = b.view(n, n, 1, 1).contiguous();
            F.conv2d(x, w).Dispose(); // warm-up
            var times = new List<double>();
            var clock = Stopwatch.StartNew();
            while (times.Count < 3 || clock.Elapsed.TotalSeconds < minSeconds)
            {
                long t0 = Stopwatch.GetTimestamp();
                F.conv2d(x, w).Dispose();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            double gflops = 2.0 * n * n * n / BenchUtil.Median(times) / 1e9;
            var mmTimes = new List<double>();
            for (int r = 0; r < 5; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                torch.mm(a, b).Dispose();
                mmTimes.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            Console.Error.WriteLine($"# GEMM n={n}: oneDNN {gflops:F1} GFLOP/s ({times.Count} reps); libtorch matmul {2.0 * n * n * n / BenchUtil.Median(mmTimes) / 1e9:F1}");
            if (gflops > best.Item1) best = (gflops, n);
        }
        return best;
    }
}
