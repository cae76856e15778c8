using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Experiments.Cli;

namespace Coevo.Bench.Metrics;

/// <summary>
/// `bench/run metrics`: the whole of `coevo metrics --real fashion-mnist:test --fake FOLDER` over 10,000 real and
/// 10,000 generated 28x28 images (a folder of PNGs: training images with noise, made once and cached), feature
/// extraction included, as a user runs it. Target: under 30 s on 2 cores.
/// </summary>
public static partial class MetricsBench
{
    public static int Run(BenchArgs args)
    {
        int n = args.Int("n", 10_000);
        int reps = args.Int("reps", 3);
        int threads = args.Int("threads", 2);
        string cache = args.String("cache", Path.Combine(Path.GetTempPath(), "coevo-bench-metrics"));
        bool parts = args.Int("parts", 1) != 0;
        int batch = args.Int("batch", 500);
        args.RejectUnknown();
        TorchSharp.torch.set_num_threads(threads);
        var partFigures = parts ? Parts(n, batch) : "";

        string fake = Path.Combine(cache, $"fake-{n}");
        if (!Directory.Exists(fake) || Directory.GetFiles(fake, "*.png").Length != n) MakeFakes(fake, n);

        var totals = new List<double>();
        var cpu = new List<double>();
        var phases = new List<(double Load, double Features, double Measures)>();
        string line = "";
        for (int r = 0; r < reps; r++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = CoevoCli.Execute(["metrics", "--real", "fashion-mnist:test", "--fake", fake, "--limit", n.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture)], stdout, stderr);
            totals.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            if (code != 0) throw new ArgumentException($"coevo metrics failed: {stderr}");
            line = stdout.ToString().Trim();
            var m = Phases().Match(stderr.ToString());
            phases.Add((D(m.Groups[1].Value), D(m.Groups[2].Value), D(m.Groups[3].Value)));
            Console.WriteLine($"rep {r + 1}: {totals[^1]:F2} s wall, {cpu[^1]:F1} s CPU ({phases[^1].Load:F1} loading, {phases[^1].Features:F1} features, {phases[^1].Measures:F1} measures)");
        }
        if (reps == 0)
        {
            Console.WriteLine($"RESULT n={n} threads={threads}{partFigures} loadavg={LoadAverage():F1}");
            return 0;
        }
        Console.WriteLine(line);
        double load = LoadAverage();
        int best = totals.IndexOf(totals.Min());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT n={n} threads={threads} total_s_median={BenchUtil.Median(totals):F2} total_s_best={totals[best]:F2} cpu_s_median={BenchUtil.Median(cpu):F1} " +
            $"load_s={phases[best].Load:F2} features_s={phases[best].Features:F2} measures_s={phases[best].Measures:F2}{partFigures} peak_rss_mib={BenchUtil.PeakRssMiB():F0} loadavg={load:F1}"));
        return 0;
    }

    /// <summary>
    /// Each step alone, as wall and CPU seconds: features of n test images (from the data set, no PNG decoding), then FID,
    /// KID and precision/recall (with diversity) between two n x 128 feature sets.
    /// </summary>
    private static string Parts(int n, int batch)
    {
        var test = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Test, limit: n);
        using var extractor = FeatureExtractor.Load(FeatureExtractor.DefaultName, TorchSharp.torch.CPU);
        extractor.BatchSize = batch;
        extractor.Extract(test, Enumerable.Range(0, 500).ToArray()); // warm-up
        var (features, fSec, fCpu) = Timed(() => extractor.Extract(test));
        using var real = features.ToTensor();
        using var g = new TorchSharp.torch.Generator(1);
        using var noise = TorchSharp.torch.randn(real.shape, generator: g);
        using var fake = (real + noise * 0.5f).relu();
        var (_, fidSec, fidCpu) = Timed(() => FrechetDistance.Compute(real, fake));
        var (_, kidSec, kidCpu) = Timed(() => KernelInceptionDistance.Compute(real, fake));
        var (_, prSec, prCpu) = Timed(() => PrecisionRecall.Compute(real, fake, PrecisionRecall.DefaultK, out _));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parts (wall / CPU s): features of {n} images {fSec:F2} / {fCpu:F2}, FID {fidSec:F2} / {fidCpu:F2}, KID {kidSec:F2} / {kidCpu:F2}, precision+recall+diversity {prSec:F2} / {prCpu:F2}"));
        return string.Create(CultureInfo.InvariantCulture,
            $" part_features_s={fSec:F2} part_fid_s={fidSec:F2} part_kid_s={kidSec:F2} part_pr_s={prSec:F2} part_cpu_s={fCpu + fidCpu + kidCpu + prCpu:F1}");
    }

    private static (T Result, double Wall, double Cpu) Timed<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Stand-ins for generated images: training images (not the test set) with Gaussian noise, as PNGs.</summary>
    private static void MakeFakes(string dir, int n)
    {
        Console.WriteLine($"making {n} PNGs in {dir} (once)");
        Directory.CreateDirectory(dir);
        var train = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Train, limit: n);
        Parallel.For(0, n, i =>
        {
            var rng = new Random(i);
            var img = train.Get(i);
            for (int k = 0; k < img.Data.Length; k++)
                img.Data[k] = Math.Clamp(img.Data[k] + (float)(0.1 * (rng.NextDouble() + rng.NextDouble() - 1)), 0f, 1f);
            var grey = Image.FromGray(img.Width, img.Height, img.ToGray());
            Png.Write(grey, Path.Combine(dir, $"fake-{i:D5}.png"));
        });
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Time: ([0-9.]+) s loading, ([0-9.]+) s features, ([0-9.]+) s measures")]
    private static partial Regex Phases();
}
