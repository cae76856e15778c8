using System.Diagnostics;
using System.Globalization;
using Coevo.Artists.Cppn;
using Coevo.Artists.Gp;
using Coevo.Breeding.Kinds;
using Coevo.Breeding.Sessions;
using Coevo.Breeding.Storage;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Bench.Breeding;

/// <summary>
/// `bench/run breed-generation`: how long the breeder takes, server-side, to have the next generation ready: breed 15
/// children from the chosen parent, store the node in SQLite (full sync), render all 16 pictures at 192², encode them
/// as PNG and describe them (hover texts, species) — for a CPPN with 20 hidden nodes and a GP tree of 40 nodes. Then the same steps timed apart.
/// </summary>
public static class BreedGenerationBench
{
    public static int Run(BenchArgs args)
    {
        int reps = args.Int("reps", 15);
        int threads = args.Int("threads", Environment.ProcessorCount);
        int hidden = args.Int("hidden", 20);
        int nodes = args.Int("nodes", 40);
        args.RejectUnknown();

        string dir = Path.Combine(Path.GetTempPath(), "coevo-bench-breed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var results = new List<string>();
        double worst = 0;
        try
        {
            using var store = new SqliteBreedingStore(Path.Combine(dir, SqliteBreedingStore.FileName));
            using var breeder = new Breeder(store, threads);
            var rng = new Random(1);
            var cppn = new CppnGenomeFactory(ColorMode.Hsv, new InnovationTracker(), ActivationNames.All, initialHidden: hidden).Create(rng);
            var gpGen = new GpGenerator(new GpArtistOptions().ToSettings() with { InitialDepth = 8 });
            GpTree tree;
            do tree = gpGen.Create(rng); while (tree.Size != nodes);
            foreach (var (artist, text, label) in new[]
                     {
                         ("cppn", new CppnJsonFormat().Write(cppn), $"cppn{hidden}"),
                         ("gp", new GpJsonFormat().Write(tree), $"gp{nodes}"),
                     })
            {
                breeder.CreateSession(label, artist, new BreedSettings()).GetAwaiter().GetResult();
                int from = breeder.Import(label, text, "json").GetAwaiter().GetResult().Id;
                var times = new List<double>();
                var cpu = new List<double>();
                var process = Process.GetCurrentProcess();
                for (int r = 0; r < reps + 3; r++)
                {
                    process.Refresh();
                    var cpu0 = process.TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var node = breeder.Evolve(label, from, [0]).GetAwaiter().GetResult();
                    breeder.Describe(label, node); // the hover texts and species the response carries
                    double wall = sw.Elapsed.TotalMilliseconds;
                    process.Refresh();
                    if (r >= 3) { times.Add(wall); cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds); }
                    if (node.Genomes.Count != 16) throw new InvalidOperationException("expected 16 members");
                }
                double median = BenchUtil.Median(times);
                worst = Math.Max(worst, median);

                // The same steps apart: breeding, rendering, PNG encoding.
                var kind = BreedKinds.Get(artist);
                var parent = kind.Read(text, "json", label);
                var settings = new BreedSettings();
                var breed = new List<double>();
                var render = new List<double>();
                var encode = new List<double>();
                for (int r = 0; r < reps; r++)
                {
                    var sw = Stopwatch.StartNew();
                    var members = kind.Breed([parent], [0], settings, new Random(r));
                    breed.Add(sw.Elapsed.TotalMilliseconds);
                    sw.Restart();
                    var images = Parallelism.Map(members.ToArray(), m => kind.Render(m, Breeder.ThumbnailSize, Breeder.ThumbnailSize, Viewport.Whole), threads);
                    render.Add(sw.Elapsed.TotalMilliseconds);
                    sw.Restart();
                    Parallelism.Map(images, Png.EncodeQuick, threads);
                    encode.Add(sw.Elapsed.TotalMilliseconds);
                }
                string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
                Console.WriteLine($"{label,-7} generation (breed + store + render + PNG) median {F(median)} ms, min {F(times.Min())}, max {F(times.Max())}, CPU {F(BenchUtil.Median(cpu))} ms; " +
                                  $"apart: breed {F(BenchUtil.Median(breed))}, render {F(BenchUtil.Median(render))}, PNG {F(BenchUtil.Median(encode))} ms");
                results.Add($"{label}_ms={F(median)} {label}_cpu_ms={F(BenchUtil.Median(cpu))} {label}_breed_ms={F(BenchUtil.Median(breed))} {label}_render_ms={F(BenchUtil.Median(render))} {label}_png_ms={F(BenchUtil.Median(encode))}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        Console.WriteLine($"RESULT ms_per_generation_median={worst.ToString("F1", CultureInfo.InvariantCulture)} children=15 size=192 threads={threads} {string.Join(' ', results)}");
        return 0;
    }
}
