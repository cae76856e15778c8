using System.Diagnostics;
using System.Globalization;
using Coevo.Artists.Dcgan;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Gradient;
using Coevo.Critics.Cnn;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Bench.Gan;

/// <summary>
/// `bench/run torch-dcgan28`: one DCGAN-28 training step through TorchSharp (the networks of Artists/Dcgan and
/// Critics/Cnn; D step + non-saturating G step; Adam 2e-4, β₁ 0.5), the oneDNN GEMM ceiling measured in the same run,
/// and the same step in Debian's PyTorch (bench/reference/pytorch_dcgan_step.py).
/// </summary>
public static class TorchDcganBench
{
    /// <summary>Generator widths of the 28x28 network.</summary>
    public static readonly int[] GWidths = [256, 128];
    /// <summary>Discriminator widths of the 28x28 network.</summary>
    public static readonly int[] DWidths = [64, 128];
    /// <summary>Length of z.</summary>
    public const int Nz = 100;

    public static int Run(BenchArgs a)
    {
        int[] batches = a.Ints("batch", [64]);
        int threads = a.Int("threads", Environment.ProcessorCount);
        int steps = a.Int("steps", 40);
        int warmup = a.Int("warmup", 3);
        int rssSteps = a.Int("rss-steps", 500);
        bool reference = a.Int("reference", 1) != 0;
        a.RejectUnknown();

        torch.set_num_threads(threads);
        Console.Error.WriteLine($"# TorchSharp {torch.__version__}, threads={torch.get_num_threads()}");
        using var pool = LoadPool(8192);
        var result = new List<string>();
        // The ceiling before and after the steps, the better of the two: a busy moment must not flatter the step's share.
        var (ceiling, atN) = GemmCeiling.Measure([1024, 2048]);
        string headline = "";
        foreach (int batch in batches)
        {
            string b = $"b{batch}_";
            var (ms, gflop) = TimeSteps(pool, batch, steps, warmup);
            double achieved = gflop / ms * 1e3;
            var (again, againN) = GemmCeiling.Measure([1024, 2048]);
            if (again > ceiling) (ceiling, atN) = (again, againN);
            Console.Error.WriteLine($"# batch {batch}: {ms:F1} ms/step, {achieved:F1} GFLOP/s = {achieved / ceiling:P0} of the oneDNN ceiling {ceiling:F1} GFLOP/s");
            if (headline.Length == 0) headline = Invariant($"{ms:F2}");
            result.Add(Invariant($"{b}ms_per_step_median={ms:F2} {b}gflops_achieved={achieved:F1} {b}gflop_per_step={gflop:F3} {b}share_of_onednn_ceiling={achieved / ceiling:F3}"));
            if (reference)
                result.Add(Reference(batch, threads, steps, warmup, ms, b));
            if (rssSteps > 0)
                result.Add(Rss(pool, batch, rssSteps, b));
        }
        Console.WriteLine($"RESULT bench=torch-dcgan28 threads={threads} steps={steps} ms_per_step_median={headline} onednn_gemm_gflops={Invariant($"{ceiling:F1}")} onednn_gemm_n={atN} {string.Join(" ", result)}");
        return 0;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Median milliseconds of one full step, and the step's analytic GFLOP.</summary>
    internal static (double Ms, double Gflop) TimeSteps(Tensor pool, int batch, int steps, int warmup)
    {
        using var step = new BareStep(pool, batch, seed: 0);
        for (int i = 0; i < warmup; i++) step.Run();
        var times = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            step.Run();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        return (BenchUtil.Median(times), step.GflopPerStep);
    }

    private static string Rss(Tensor pool, int batch, int total, string b)
    {
        using var step = new BareStep(pool, batch, seed: 1);
        for (int i = 0; i < 20; i++) step.Run();
        double after20 = BenchUtil.RssMiB();
        var trace = new List<string>();
        for (int i = 20; i < total; i++)
        {
            step.Run();
            if ((i + 1) % 100 == 0) trace.Add($"{i + 1}: {BenchUtil.RssMiB():F0}");
        }
        double end = BenchUtil.RssMiB();
        Console.Error.WriteLine($"# RSS after 20 steps {after20:F0} MiB; after step {string.Join(", ", trace)} MiB (peak {BenchUtil.PeakRssMiB():F0})");
        return Invariant($"{b}rss_after_20_steps_mib={after20:F0} {b}rss_after_{total}_steps_mib={end:F0} {b}peak_rss_mib={BenchUtil.PeakRssMiB():F0}");
    }

    private static string Reference(int batch, int threads, int steps, int warmup, double ms, string b)
    {
        string script = Path.Combine(BenchUtil.ReferenceDir(), "pytorch_dcgan_step.py");
        var r = BenchUtil.RunReference(script, $"--batch {batch} --threads {threads} --steps {steps} --warmup {warmup}");
        if (!r.TryGetValue("ms_per_step_median", out var refMs))
            return $"{b}pytorch=skipped";
        double ratio = ms / double.Parse(refMs, CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"# batch {batch}: PyTorch {r.GetValueOrDefault("torch")} {refMs} ms/step ({r.GetValueOrDefault("gflops_achieved")} GFLOP/s); Coevo/PyTorch = {ratio:F2}");
        return Invariant($"{b}pytorch_ms_per_step_median={refMs} {b}pytorch_gflops_achieved={r.GetValueOrDefault("gflops_achieved", "nan")} {b}ratio_to_pytorch={ratio:F3}");
    }

    /// <summary>8192 Fashion-MNIST training images in [-1, 1] as one [n, 1, 28, 28] tensor.</summary>
    internal static Tensor LoadPool(int n)
    {
        var data = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Train, limit: n);
        return ImageTensors.FromDataset(data, Enumerable.Range(0, data.Count).ToArray());
    }

    /// <summary>The step being timed: what pytorch/examples dcgan/main.py does per batch.</summary>
    private sealed class BareStep : IDisposable
    {
        private readonly Tensor pool, ones, zeros;
        private readonly DcganGenerator g;
        private readonly DcganDiscriminator d;
        private readonly TorchSharp.Modules.Adam optG, optD;
        private readonly Generator rng;
        private readonly int batch;
        private long i;

        public double GflopPerStep { get; }

        public BareStep(Tensor pool, int batch, int seed)
        {
            this.pool = pool;
            this.batch = batch;
            rng = new Generator((ulong)seed);
            g = new DcganGenerator(28, 1, Nz, GWidths);
            d = new DcganDiscriminator(28, 1, DWidths);
            g.ResetParameters(rng);
            d.ResetParameters(rng);
            optG = torch.optim.Adam(g.parameters(), 2e-4, 0.5, 0.999);
            optD = torch.optim.Adam(d.parameters(), 2e-4, 0.5, 0.999);
            ones = torch.ones(batch);
            zeros = torch.zeros(batch);
            // conv MACs per image: G 100→256 (7²·49), 256→128 (7²·16), 128→1 (14²·16); D 1→64 (14²·16), 64→128 (7²·16), 128→1 (1·49)
            double macsG = 100.0 * 256 * 49 + 49.0 * 256 * 128 * 16 + 196.0 * 128 * 16;
            double macsD = 196.0 * 64 * 16 + 49.0 * 64 * 128 * 16 + 128.0 * 49;
            GflopPerStep = batch * (3 * 2 * macsG + 9 * 2 * macsD) / 1e9;
        }

        public void Run()
        {
            using var scope = NewDisposeScope();
            long nb = pool.shape[0] / batch;
            var real = pool.narrow(0, (i++ % nb) * batch, batch);
            var fake = g.call(torch.randn([batch, Nz, 1, 1], generator: rng));
            optD.zero_grad();
            var lossD = F.binary_cross_entropy_with_logits(d.call(real), ones) + F.binary_cross_entropy_with_logits(d.call(fake.detach()), zeros);
            lossD.backward();
            optD.step();
            optG.zero_grad();
            var lossG = F.binary_cross_entropy_with_logits(d.call(fake), ones);
            lossG.backward();
            optG.step();
        }

        public void Dispose()
        {
            g.Dispose(); d.Dispose(); optG.Dispose(); optD.Dispose(); ones.Dispose(); zeros.Dispose(); rng.Dispose();
        }
    }
}
