using System.Diagnostics;
using Coevo.Coevolution.Datasets;

namespace Coevo.Bench.Datasets;

/// <summary>Fashion-MNIST load time, memory, and batch copy throughput (`bench/run fashion-mnist`).</summary>
public static class FashionMnistBench
{
    public static int Run(BenchArgs args)
    {
        string dir = args.String("path", FashionMnist.DefaultDirectory);
        int batch = args.Int("batch", 64);
        int batches = args.Int("batches", 2000);
        args.RejectUnknown();

        double rssBefore = BenchUtil.RssMiB();
        var sw = Stopwatch.StartNew();
        var ds = FashionMnist.Load(dir, DatasetSplit.Train);
        double loadMs = sw.Elapsed.TotalMilliseconds;
        double rssAfter = BenchUtil.RssMiB();

        sw.Restart();
        var filtered = FashionMnist.Load(dir, DatasetSplit.Train, ["Sneaker"]);
        double filteredMs = sw.Elapsed.TotalMilliseconds;

        var rng = new Random(1);
        var indices = new int[batch];
        var buffer = new float[batch * ds.Channels * ds.Height * ds.Width];
        sw.Restart();
        for (int b = 0; b < batches; b++)
        {
            for (int i = 0; i < batch; i++) indices[i] = rng.Next(ds.Count);
            ds.CopyBatch(indices, buffer, PixelRange.MinusOneToOne);
        }
        double perBatchUs = sw.Elapsed.TotalMilliseconds * 1000 / batches;

        sw.Restart();
        for (int i = 0; i < 10000; i++) ds.Get(rng.Next(ds.Count));
        double getUs = sw.Elapsed.TotalMilliseconds * 1000 / 10000;

        Console.WriteLine($"{ds.Name}: {ds.Width}x{ds.Height}x{ds.Channels}; {filtered.Name}");
        Console.WriteLine($"RESULT load_train_ms={loadMs:F0} load_filtered_ms={filteredMs:F0} rss_delta_mib={rssAfter - rssBefore:F1} batch{batch}_us={perBatchUs:F1} get_image_us={getUs:F2} peak_rss_mib={BenchUtil.PeakRssMiB():F0}");
        return 0;
    }
}
