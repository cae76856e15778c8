using System.Diagnostics;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Target;

namespace Coevo.Bench.Critics;

/// <summary>Target-image critic throughput per metric (`bench/run target-critic`).</summary>
public static class TargetCriticBench
{
    public static int Run(BenchArgs args)
    {
        int size = args.Int("size", 64);
        int count = args.Int("count", 256);
        int threads = args.Int("threads", Environment.ProcessorCount);
        args.RejectUnknown();

        var target = TargetPictures.SunOverHorizon(128);
        var rng = new Random(1);
        var images = Enumerable.Range(0, count).Select(_ =>
        {
            var img = new Image(size, size);
            for (int i = 0; i < img.Data.Length; i++) img.Data[i] = (float)rng.NextDouble();
            return img;
        }).ToList();
        var parts = new List<string> { $"size={size}", $"count={count}", $"threads={threads}" };
        foreach (var metric in Enum.GetValues<TargetMetric>())
        {
            var critic = new TargetImageCritic(target, metric, threads);
            critic.Score(images.Take(2).ToList());
            var times = new List<double>();
            for (int r = 0; r < 5; r++)
            {
                var sw = Stopwatch.StartNew();
                critic.Score(images);
                times.Add(sw.Elapsed.TotalMilliseconds * 1000 / count);
            }
            parts.Add($"{metric.ToString().ToLowerInvariant()}_us_per_image={BenchUtil.Median(times):F1}");
        }
        Console.WriteLine("RESULT " + string.Join(' ', parts));
        return 0;
    }
}
