using System.Diagnostics;
using System.Globalization;
using Coevo.Artists.Biomorph;
using Coevo.Coevolution.Imaging;

namespace Coevo.Bench.Artists;

/// <summary>Biomorph rendering speed (`bench/run biomorph`); `--sheet out.png` writes a contact sheet of the genomes.</summary>
public static class BiomorphBench
{
    public static int Run(BenchArgs args)
    {
        int count = args.Int("count", 64);
        int size = args.Int("size", 64);
        int maxDepth = args.Int("max-depth", 8);
        int segments = args.Int("max-segments", 1);
        int gradient = args.Int("gradient-limit", 0);
        int seed = args.Int("seed", 1);
        string sheet = args.String("sheet", "");
        args.RejectUnknown();

        var limits = new BiomorphLimits(MaxDepth: maxDepth, MaxSegments: segments, GradientLimit: gradient);
        var rng = new Random(seed);
        var factory = new BiomorphFactory(limits);
        var genomes = Enumerable.Range(0, count).Select(_ => factory.Create(rng)).ToList();
        var renderer = new BiomorphRenderer();
        renderer.Render(genomes[0], size, size);

        var times = new List<double>();
        var images = new List<Image>();
        foreach (var g in genomes)
        {
            var sw = Stopwatch.StartNew();
            images.Add(renderer.Render(g, size, size));
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var mutation = new BiomorphMutation(limits);
        var msw = Stopwatch.StartNew();
        var m = genomes[0];
        for (int i = 0; i < 100_000; i++) m = mutation.Mutate(m, rng);
        double mutateUs = msw.Elapsed.TotalMilliseconds * 1000 / 100_000;

        if (sheet.Length > 0)
            new ContactSheet().Write(sheet, images, genomes.Select(g => $"d{g.Depth} [{string.Join(",", g.Genes.Take(4))}..]").ToList(), $"{count} random biomorphs (seed {seed})");
        Console.WriteLine($"RESULT count={count} size={size} render_ms_median={BenchUtil.Median(times).ToString("F3", CultureInfo.InvariantCulture)} render_ms_max={times.Max():F3} mutate_us={mutateUs:F3}");
        return 0;
    }
}
