using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Coevo.Artists.Gp;
using Coevo.Coevolution.Imaging;

namespace Coevo.Bench.Render;

/// <summary>
/// render-gp: GP population render throughput (Mpix/s), side by side with the numpy and PyTorch reference
/// (/work/shared/bench/pytorch_cppn_render.py --mode gp). Both render the same trees: the reference dumps its random
/// 40-node trees (--dump-genomes) and they are converted to GpTree here.
/// </summary>
public static class GpRenderBench
{
    public static int Run(BenchArgs a)
    {
        int[] sizes = a.Ints("size", [128, 256]);
        int pop = a.Int("pop", 100);
        int threads = a.Int("threads", Environment.ProcessorCount);
        int reps = a.Int("reps", 5);
        int nodes = a.Int("nodes", 40);
        int seed = a.Int("seed", 1);
        bool reference = a.Int("reference", 1) != 0;
        a.RejectUnknown();

        string script = Path.Combine(BenchUtil.ReferenceDir(), "pytorch_cppn_render.py");
        string dump = Path.Combine(Path.GetTempPath(), $"coevo-gp-trees-{Environment.ProcessId}.json");
        var results = new List<string>();
        try
        {
            // The reference draws its trees from its seed; dump them so both sides render exactly the same trees.
            var refRuns = new Dictionary<(string, int), Dictionary<string, string>>();
            foreach (int size in sizes)
                foreach (string impl in reference ? new[] { "numpy", "torch" } : new[] { "numpy" })
                {
                    if (!reference && size != sizes[0]) continue;
                    string args = $"--mode gp --impl {impl} --sizes {size} --pop {pop} --gp-nodes {nodes} --seed {seed} --reps {reps} --threads {threads} --dump-genomes {dump}";
                    if (!reference) args = $"--mode gp --impl numpy --sizes 8 --pop {pop} --gp-nodes {nodes} --seed {seed} --reps 1 --dump-genomes {dump}";
                    var r = BenchUtil.RunReference(script, args);
                    if (reference) refRuns[(impl, size)] = r;
                }
            var trees = LoadReferenceTrees(dump);
            double meanSize = trees.Average(t => t.Size);
            Console.WriteLine($"# {trees.Count} trees from the reference (seed {seed}), mean {meanSize:F1} nodes; threads={threads}; vector width {System.Numerics.Vector<float>.Count} floats");

            var renderer = new GpRenderer();
            foreach (int size in sizes)
            {
                var images = Enumerable.Range(0, pop).Select(_ => new Image(size, size)).ToArray();
                void RenderPop() => Parallel.For(0, pop, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    i => renderer.RenderInto(trees[i % trees.Count], images[i]));
                // Warm-up: JIT tiering needs repeated calls before the optimised code runs, so warm for two seconds at least.
                var warm = Stopwatch.StartNew();
                do RenderPop(); while (warm.Elapsed.TotalSeconds < 2.0);
                var times = new List<double>();
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                for (int r = 0; r < reps; r++)
                {
                    var sw = Stopwatch.StartNew();
                    RenderPop();
                    times.Add(sw.Elapsed.TotalSeconds);
                }
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                double med = BenchUtil.Median(times), best = times.Min();
                double mpix = pop * (double)size * size / med / 1e6;
                var figures = new List<(string Key, string Value)> { ("coevo_ms_per_pop", $"{med * 1e3:F1}"), ("coevo_mpix_per_s", $"{mpix:F1}"), ("coevo_best_mpix_per_s", $"{pop * (double)size * size / best / 1e6:F1}"),
                    // Pixels per CPU-second of this process: less sensitive than wall time when other jobs share the cores.
                    ("coevo_mpix_per_cpu_s", $"{reps * pop * (double)size * size / cpuSeconds / 1e6:F1}") };
                foreach (string impl in new[] { "numpy", "torch" })
                    if (refRuns.TryGetValue((impl, size), out var rr) && rr.TryGetValue("mpix_per_s", out var m))
                    {
                        double refMpix = double.Parse(m, CultureInfo.InvariantCulture);
                        figures.Add(($"{impl}_mpix_per_s", $"{refMpix:F1}"));
                        figures.Add(($"speedup_vs_{impl}", $"{mpix / refMpix:F2}"));
                    }
                Console.WriteLine($"# size={size} " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value}")));
                if (size == sizes[0]) results.Add($"mpix_per_s={mpix:F1}");
                results.AddRange(figures.Select(f => $"s{size}_{f.Key}={f.Value}"));
            }
            Console.WriteLine($"RESULT bench=render-gp pop={pop} threads={threads} mean_nodes={meanSize:F1} size={sizes[0]} {string.Join(' ', results)}");
            return 0;
        }
        finally
        {
            if (File.Exists(dump)) File.Delete(dump);
        }
    }

    /// <summary>The reference's GP trees (nested lists: ["add", a, b], ["x"], ["const", v]) as GpTrees.</summary>
    public static List<GpTree> LoadReferenceTrees(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { MaxDepth = 1000 });
        return doc.RootElement.GetProperty("gp").EnumerateArray().Select(t => new GpTree(Convert(t))).ToList();
    }

    private static GpNode Convert(JsonElement t)
    {
        string op = t[0].GetString()!;
        GpNode Kid(int i) => Convert(t[i]);
        return op switch
        {
            "x" => GpNode.Variable(GpOp.X),
            "y" => GpNode.Variable(GpOp.Y),
            "const" => GpNode.Constant((float)t[1].GetDouble()),
            _ => GpNode.Function(op switch
            {
                "add" => GpOp.Add, "sub" => GpOp.Sub, "mul" => GpOp.Mul, "div" => GpOp.Div, "mod" => GpOp.Mod,
                "min" => GpOp.Min, "max" => GpOp.Max, "abs" => GpOp.Abs, "sin" => GpOp.Sin, "cos" => GpOp.Cos,
                "atan2" => GpOp.Atan2, "exp" => GpOp.Exp, "log" => GpOp.Log, "ifte" => GpOp.If,
                _ => throw new InvalidDataException($"unknown reference GP op '{op}'"),
            }, Enumerable.Range(1, t.GetArrayLength() - 1).Select(Kid).ToArray()),
        };
    }
}
