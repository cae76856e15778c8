using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Coevo.Torch;
using Coevo.Torch.Modules;
using Coevo.Torch.Optim;
using F = Coevo.Torch.torch.nn.functional;

namespace Coevo.Bench.Torch;

/// <summary>
/// `bench/run torch-dcgan28`: one DCGAN-28 training step (D step + non-saturating G step, Adam 2e-4/0.5) through Coevo.Torch,
/// then the same step in PyTorch (/work/shared/bench/pytorch_dcgan.py) with the same threads, for each batch size.
/// </summary>
public static class DcganBench
{
    private const string DataPath = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    public static int Run(BenchArgs a)
    {
        int[] batches = a.Ints("batch", [64, 128]);
        int threads = a.Int("threads", Environment.ProcessorCount);
        int blasThreads = a.Int("blas-threads", 1);
        int steps = a.Int("steps", 40);
        int warmup = a.Int("warmup", 3);
        int rssSteps = a.Int("rss-steps", 500);
        int pool = a.Int("pool", 8192);
        int fast = a.Int("fast", 1);
        bool reference = a.Int("reference", 1) != 0;
        a.RejectUnknown();

        torch.set_num_threads(threads);
        int blas = torch.set_blas_threads(blasThreads);
        torch.set_fast_conv_transpose(fast != 0);
        Console.Error.WriteLine($"# threads={threads} openblas={blas} fast_conv_transpose={fast}");

        var images = LoadPool(DataPath, pool, seed: 0);
        var result = new List<string>();
        foreach (int batch in batches)
        {
            var (ms, gflop, rss) = RunOne(images, batch, steps, warmup, rssSteps);
            string refMs = "nan", ratio = "nan", refGflops = "nan";
            if (reference)
            {
                var r = BenchUtil.RunReference(Path.Combine(BenchUtil.ReferenceDir(), "pytorch_dcgan.py"),
                    $"--arch dcgan28 --batch {batch} --threads {threads} --blas-threads {blasThreads} --steps {steps} --warmup {warmup}");
                if (r.TryGetValue("ms_per_step_median", out var rm))
                {
                    double rmsv = double.Parse(rm, CultureInfo.InvariantCulture);
                    refMs = rm;
                    ratio = (ms / rmsv).ToString("F3", CultureInfo.InvariantCulture);
                    refGflops = r.GetValueOrDefault("gflops_achieved", "nan");
                }
            }
            Console.Error.WriteLine($"# batch {batch}: coevo {ms:F1} ms/step ({gflop / ms * 1e3:F1} GFLOP/s), pytorch {refMs} ms/step ({refGflops} GFLOP/s), ratio {ratio}; RSS {rss}");
            string b = batch.ToString(CultureInfo.InvariantCulture);
            result.Add(string.Create(CultureInfo.InvariantCulture,
                $"b{b}_ms_per_step_median={ms:F2} b{b}_pytorch_ms_per_step_median={refMs} b{b}_ratio={ratio} b{b}_gflops_achieved={gflop / ms * 1e3:F1} b{b}_pytorch_gflops_achieved={refGflops} {rss}"));
        }
        images.Dispose();
        // the first batch's figure under the generic key
        string first = result[0].Split(' ')[0];
        Console.WriteLine($"RESULT bench=torch-dcgan28 threads={threads} blas_threads={blasThreads} steps={steps} ms_per_step_median={first.Split('=')[1]} {string.Join(" ", result)}");
        return 0;
    }

    private static (double ms, double gflopPerStep, string rss) RunOne(Tensor images, int batch, int steps, int warmup, int rssSteps)
    {
        torch.manual_seed(0);
        using var G = Dcgan28.Generator();
        using var D = Dcgan28.Discriminator();
        Dcgan28.WeightsInit(G);
        Dcgan28.WeightsInit(D);
        G.train();
        D.train();
        using var optD = new Adam(D.parameters(), 2e-4, 0.5, 0.999);
        using var optG = new Adam(G.parameters(), 2e-4, 0.5, 0.999);
        using var ones = torch.ones(batch);
        using var zeros = torch.zeros(batch);
        long nb = images.size(0) / batch;
        double gflop = batch * (3.0 * 2 * Dcgan28.ConvMacs(G, Dcgan28.Nz, 1, 1) + 9.0 * 2 * Dcgan28.ConvMacs(D, 1, 28, 28)) / 1e9;

        long i = 0;
        (float, float) Step()
        {
            using var scope = torch.NewDisposeScope();
            var real = images.narrow(0, (i++ % nb) * batch, batch);
            var z = torch.randn(batch, Dcgan28.Nz, 1, 1);
            var fake = G.call(z);
            // D step: real -> 1, fake.detach() -> 0
            optD.zero_grad();
            var lossD = F.binary_cross_entropy_with_logits(D.call(real), ones) + F.binary_cross_entropy_with_logits(D.call(fake.detach()), zeros);
            lossD.backward();
            optD.step();
            // G step (non-saturating): fake -> 1
            optG.zero_grad();
            var lossG = F.binary_cross_entropy_with_logits(D.call(fake), ones);
            lossG.backward();
            optG.step();
            return (lossD.item<float>(), lossG.item<float>());
        }

        for (int w = 0; w < warmup; w++) Step();
        var times = new List<double>();
        var sw = new Stopwatch();
        (float d, float g) losses = default;
        for (int s = 0; s < steps; s++)
        {
            sw.Restart();
            losses = Step();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        double median = BenchUtil.Median(times);
        Console.Error.WriteLine($"# batch {batch}: lossD={losses.d:F3} lossG={losses.g:F3} min={times.Min():F1} ms mean={times.Average():F1} ms");

        string rss = "";
        if (rssSteps > 0)
        {
            int done = warmup + steps;
            double rssWarm = BenchUtil.RssMiB();
            double peakWarm = BenchUtil.PeakRssMiB();
            for (; done < rssSteps; done++) Step();
            double rssEnd = BenchUtil.RssMiB();
            rss = string.Create(CultureInfo.InvariantCulture,
                $"b{batch}_rss_after_{warmup + steps}_steps_mib={rssWarm:F0} b{batch}_rss_after_{Math.Max(done, warmup + steps)}_steps_mib={rssEnd:F0} b{batch}_peak_rss_mib={BenchUtil.PeakRssMiB():F0} b{batch}_peak_rss_after_warmup_mib={peakWarm:F0}");
        }
        return (median, gflop, rss);
    }

    /// <summary>Fashion-MNIST images scaled to [-1, 1], a shuffled subset of <paramref name="n"/> as one [n, 1, 28, 28] tensor.</summary>
    private static Tensor LoadPool(string path, int n, int seed)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        var buf = ms.GetBuffer();
        int count = (buf[4] << 24) | (buf[5] << 16) | (buf[6] << 8) | buf[7];
        if ((buf[2] << 8 | buf[3]) != 0x0803) throw new InvalidDataException($"{path}: not an IDX3 image file");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        n = Math.Min(n, count);
        var data = new float[n * 784];
        for (int k = 0; k < n; k++)
            for (int p = 0; p < 784; p++)
                data[k * 784 + p] = buf[16 + order[k] * 784 + p] / 127.5f - 1f;
        return torch.tensor(data, [n, 1, 28, 28]);
    }
}
