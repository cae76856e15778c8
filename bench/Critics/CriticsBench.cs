using System.Diagnostics;
using Coevo.Artists.Gp;
using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;
using Coevo.Critics.Aesthetic;
using Coevo.Critics.Features;
using Coevo.Critics.Gp;
using Coevo.Critics.Novelty;

namespace Coevo.Bench.Critics;

/// <summary>
/// `bench/run critics`: milliseconds to score one batch of images (fresh images each time, so no cached features)
/// for the feature vector alone and each new critic, and milliseconds per GP critic generation.
/// </summary>
public static class CriticsBench
{
    public static int Run(BenchArgs args)
    {
        int size = args.Int("size", 64);
        int count = args.Int("count", 64);
        int threads = args.Int("threads", Environment.ProcessorCount);
        int reps = args.Int("reps", 7);
        int archive = args.Int("archive", 1000);
        int population = args.Int("population", 64);
        int generations = args.Int("generations", 20);
        args.RejectUnknown();

        // Random GP-artist pictures: varied colour, structure and noise, like a first generation.
        var context = new ComponentContext(1, threads, ".");
        List<Image> Pictures(int seed, int n) =>
            GpArtist.Create(new GpArtistOptions { Population = n, ImageSize = size }, context with { Seed = seed }).Produce(new Random(seed)).ToList();
        var batches = Enumerable.Range(0, reps + 1).Select(r => Pictures(100 + r, count)).ToList();

        var gp = new GpCritic(new GpCriticOptions { Population = population }, seed: 1, threads);
        var real = Pictures(1, count);
        var fake = Pictures(2, count);
        gp.Learn(real, fake, new Random(0));
        var novelty = new NoveltyCritic(new NoveltyCriticOptions { ArchiveSize = archive }, threads);
        for (int seed = 3; novelty.Archive.Count < archive; seed++) novelty.Learn([], Pictures(seed, 64), new Random(seed));

        var critics = new (string Name, Func<IReadOnlyList<Image>, object> Score)[]
        {
            ("features", images => ImageFeatures.OfAll(images, threads)),
            ("gp_critic", gp.Score),
            ("aesthetic_complexity", new ComplexityCritic(new ComplexityCriticOptions(), threads).Score),
            ("aesthetic_bell", new BellCurveCritic(new BellCurveCriticOptions(), threads).Score),
            ("novelty", novelty.Score),
        };
        var parts = new List<string> { $"size={size}", $"count={count}", $"threads={threads}" };
        foreach (var (name, score) in critics)
        {
            score(batches[0].Select(i => i.Clone()).ToList()); // warm-up
            var times = new List<double>();
            for (int r = 1; r <= reps; r++)
            {
                var fresh = batches[r].Select(i => i.Clone()).ToList(); // new objects: features are not cached
                var sw = Stopwatch.StartNew();
                score(fresh);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            parts.Add($"{name}_ms={BenchUtil.Median(times):F2}");
        }

        // GP critic generations on a fixed set (features cached after the first), and the first learn with fresh images.
        var critic = new GpCritic(new GpCriticOptions { Population = population }, seed: 2, threads);
        var first = Stopwatch.StartNew();
        critic.Learn(real.Select(i => i.Clone()).ToList(), fake.Select(i => i.Clone()).ToList(), new Random(1));
        double firstMs = first.Elapsed.TotalMilliseconds;
        var gens = new List<double>();
        IReadOnlyDictionary<string, double> m = new Dictionary<string, double>();
        for (int g = 0; g < generations; g++)
        {
            var sw = Stopwatch.StartNew();
            m = critic.Learn(real, fake, new Random(10 + g));
            gens.Add(sw.Elapsed.TotalMilliseconds);
        }
        parts.Add($"gp_generation_ms={BenchUtil.Median(gens):F2}");
        parts.Add($"gp_first_learn_ms={firstMs:F1}");
        parts.Add($"gp_population={population}");
        parts.Add($"gp_accuracy_after={m["accuracy"]:F3}");
        parts.Add($"novelty_archive={novelty.Archive.Count}");
        Console.WriteLine("RESULT " + string.Join(' ', parts));
        return 0;
    }
}
