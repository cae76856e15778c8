using System.Diagnostics;
using System.Globalization;
using Coevo.Artists.Dcgan;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Gradient;
using Coevo.Critics.Cnn;
using TorchSharp;

namespace Coevo.Bench.Gan;

/// <summary>
/// `bench/run gan-step`: the full GAN trainer step (GanTrainer with the dcgan artist and cnn critic on all 60,000
/// Fashion-MNIST training images, data loading, per-step generators and statistics included), side by side with the
/// bare step of torch-dcgan28 in the same run; their ratio shows what the trainer adds. --epochs 1 also times a whole
/// epoch for images/s.
/// </summary>
public static class GanStepBench
{
    public static int Run(BenchArgs a)
    {
        int batch = a.Int("batch", 64);
        int threads = a.Int("threads", Environment.ProcessorCount);
        int steps = a.Int("steps", 40);
        int warmup = a.Int("warmup", 3);
        int epochs = a.Int("epochs", 0);
        a.RejectUnknown();
        torch.set_num_threads(threads);

        var data = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Train);
        using var g = new DcganArtist(new DcganArtistOptions(), seed: 1, torch.CPU);
        using var d = new CnnCritic(new CnnCriticOptions(), seed: 1, torch.CPU);
        using var trainer = new GanTrainer(g, d, data, new GanOptions { BatchSize = batch }, seed: 1);
        long step = 0;
        for (int i = 0; i < warmup; i++) trainer.Step(step++);
        var times = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            trainer.Step(step++);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        double ms = BenchUtil.Median(times);

        using var pool = TorchDcganBench.LoadPool(8192);
        var (bare, _) = TorchDcganBench.TimeSteps(pool, batch, steps, warmup);
        Console.Error.WriteLine($"# trainer step {ms:F1} ms, bare step {bare:F1} ms: ratio {ms / bare:F3}");
        string result = string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=gan-step batch={batch} threads={threads} steps={steps} ms_per_step_median={ms:F2} bare_ms_per_step_median={bare:F2} ratio_to_bare={ms / bare:F3} images_per_s={batch * 1000 / ms:F0}");

        if (epochs > 0)
        {
            long perEpoch = data.Count / batch;
            var clock = Stopwatch.StartNew();
            for (long i = 0; i < epochs * perEpoch; i++) trainer.Step(step++);
            double imagesPerSecond = epochs * perEpoch * batch / clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"# {epochs} epoch(s) of {perEpoch} steps: {clock.Elapsed.TotalSeconds:F0} s, {imagesPerSecond:F0} real images/s");
            result += string.Create(CultureInfo.InvariantCulture, $" epoch_images_per_s={imagesPerSecond:F0} epoch_seconds={clock.Elapsed.TotalSeconds / epochs:F1}");
        }
        Console.WriteLine(result);
        return 0;
    }
}
