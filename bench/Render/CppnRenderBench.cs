using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Coevo.Artists.Cppn;
using Coevo.Coevolution.Imaging;

namespace Coevo.Bench.Render;

/// <summary>
/// render-cppn: CPPN population render throughput (Mpix/s), side by side with the numpy and PyTorch reference
/// (/work/shared/bench/pytorch_cppn_render.py --mode cppn). Both render the same networks: the reference dumps its
/// random CPPNs (--dump-genomes; 20 hidden nodes, ~70 links, HSV output) and they are converted to CppnGenome here
/// (its sigmoid and gaussian are the unsigned ones: usigmoid, ugaussian).
/// </summary>
public static class CppnRenderBench
{
    public static int Run(BenchArgs a)
    {
        int[] sizes = a.Ints("size", [128, 256]);
        int pop = a.Int("pop", 100);
        int threads = a.Int("threads", Environment.ProcessorCount);
        int reps = a.Int("reps", 5);
        int hidden = a.Int("hidden", 20);
        int seed = a.Int("seed", 1);
        bool reference = a.Int("reference", 1) != 0;
        a.RejectUnknown();

        string script = Path.Combine(BenchUtil.ReferenceDir(), "pytorch_cppn_render.py");
        string dump = Path.Combine(Path.GetTempPath(), $"coevo-cppn-genomes-{Environment.ProcessId}.json");
        var results = new List<string>();
        try
        {
            var refRuns = new Dictionary<(string, int), Dictionary<string, string>>();
            if (reference)
            {
                foreach (int size in sizes)
                    foreach (string impl in new[] { "numpy", "torch" })
                        refRuns[(impl, size)] = BenchUtil.RunReference(script,
                            $"--mode cppn --impl {impl} --sizes {size} --pop {pop} --hidden {hidden} --seed {seed} --reps {reps} --threads {threads} --dump-genomes {dump}");
            }
            else
                BenchUtil.RunReference(script, $"--mode cppn --impl numpy --sizes 8 --pop {pop} --hidden {hidden} --seed {seed} --reps 1 --dump-genomes {dump}");
            var genomes = LoadReferenceCppns(dump);
            double links = genomes.Average(g => g.Links.Count);
            double evaluated = genomes.Average(g => g.EvaluatedNodeCount);
            Console.WriteLine($"# {genomes.Count} CPPNs from the reference (seed {seed}): {hidden} hidden, mean {links:F1} links, " +
                              $"mean {evaluated:F1} nodes evaluated (hidden nodes no output needs are pruned); threads={threads}; vector width {System.Numerics.Vector<float>.Count} floats");

            var renderer = new CppnRenderer();
            // JIT warm-up before any timing: tiered compilation needs many calls (and, on a busy machine, time) before the
            // optimised code of the renderer and of System.Numerics.Tensors runs.
            var small = Enumerable.Range(0, pop).Select(_ => new Image(32, 32)).ToArray();
            var warmAll = Stopwatch.StartNew();
            for (int round = 0; round < 20 || warmAll.Elapsed.TotalSeconds < 2.0; round++)
                Parallel.For(0, pop, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => renderer.RenderInto(genomes[i % genomes.Count], small[i]));
            foreach (int size in sizes)
            {
                var images = Enumerable.Range(0, pop).Select(_ => new Image(size, size)).ToArray();
                void RenderPop() => Parallel.For(0, pop, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    i => renderer.RenderInto(genomes[i % genomes.Count], images[i]));
                // Warm-up: JIT tiering needs repeated calls before the optimised code runs.
                var warm = Stopwatch.StartNew();
                do RenderPop(); while (warm.Elapsed.TotalSeconds < 1.0);
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
                var figures = new List<(string Key, string Value)>
                {
                    ("coevo_ms_per_pop", $"{med * 1e3:F1}"), ("coevo_mpix_per_s", $"{mpix:F1}"),
                    ("coevo_best_mpix_per_s", $"{pop * (double)size * size / best / 1e6:F1}"),
                    // Pixels per CPU-second of this process: less sensitive than wall time when other jobs share the cores.
                    ("coevo_mpix_per_cpu_s", $"{reps * pop * (double)size * size / cpuSeconds / 1e6:F1}"),
                };
                foreach (string impl in new[] { "numpy", "torch" })
                    if (refRuns.TryGetValue((impl, size), out var rr) && rr.TryGetValue("mpix_per_s", out var m))
                    {
                        double refMpix = double.Parse(m, CultureInfo.InvariantCulture);
                        figures.Add(($"{impl}_mpix_per_s", $"{refMpix:F1}"));
                        figures.Add(($"speedup_vs_{impl}", $"{mpix / refMpix:F2}"));
                        // Best of the timed repetitions on both sides: the least disturbed by other jobs on the machine.
                        if (rr.TryGetValue("ms_per_pop_min", out var minMs))
                        {
                            double refBest = pop * (double)size * size / (double.Parse(minMs, CultureInfo.InvariantCulture) / 1e3) / 1e6;
                            figures.Add(($"{impl}_best_mpix_per_s", $"{refBest:F1}"));
                            figures.Add(($"best_speedup_vs_{impl}", $"{pop * (double)size * size / best / 1e6 / refBest:F2}"));
                        }
                    }
                Console.WriteLine($"# size={size} " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value}")));
                if (size == sizes[0]) results.Add($"mpix_per_s={mpix:F1}");
                results.AddRange(figures.Select(f => $"s{size}_{f.Key}={f.Value}"));
            }
            Console.WriteLine($"RESULT bench=render-cppn pop={pop} threads={threads} hidden={hidden} mean_links={links:F1} size={sizes[0]} {string.Join(' ', results)}");
            return 0;
        }
        finally
        {
            if (File.Exists(dump)) File.Delete(dump);
        }
    }

    /// <summary>
    /// The reference's CPPNs ({"inputs": [x, y, d, bias], "hidden": [{"act", "in": [[source, weight]...]}], "outputs": [...]})
    /// as HSV CppnGenomes: node ids 0–3 inputs, 4–6 outputs (hue, saturation, brightness), 7+k hidden node k.
    /// </summary>
    public static List<CppnGenome> LoadReferenceCppns(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<CppnGenome>();
        foreach (var g in doc.RootElement.GetProperty("cppn").EnumerateArray())
        {
            var hiddenEls = g.GetProperty("hidden").EnumerateArray().ToList();
            int NodeId(int source) => source < 4 ? source : 7 + (source - 4);
            var nodes = new List<NodeGene>
            {
                new(0, NodeKind.Input, Activation.Identity), new(1, NodeKind.Input, Activation.Identity),
                new(2, NodeKind.Input, Activation.Identity), new(3, NodeKind.Bias, Activation.Identity),
            };
            var links = new List<LinkGene>();
            int innovation = 1000;
            void AddIn(JsonElement node, int target)
            {
                foreach (var e in node.GetProperty("in").EnumerateArray())
                    links.Add(new LinkGene(innovation++, NodeId(e[0].GetInt32()), target, e[1].GetDouble(), true));
            }
            int o = 0;
            foreach (var output in g.GetProperty("outputs").EnumerateArray())
            {
                nodes.Add(new NodeGene(4 + o, NodeKind.Output, Act(output.GetProperty("act").GetString()!)));
                AddIn(output, 4 + o);
                o++;
            }
            for (int k = 0; k < hiddenEls.Count; k++)
            {
                nodes.Add(new NodeGene(7 + k, NodeKind.Hidden, Act(hiddenEls[k].GetProperty("act").GetString()!)));
                AddIn(hiddenEls[k], 7 + k);
            }
            list.Add(new CppnGenome(ColorMode.Hsv, nodes, links));
        }
        return list;
    }

    private static Activation Act(string name) => name switch
    {
        "sin" => Activation.Sin,
        "gauss" => Activation.UGaussian,
        "sigmoid" => Activation.USigmoid,
        "tanh" => Activation.Tanh,
        "abs" => Activation.Abs,
        "linear" => Activation.Identity,
        _ => throw new InvalidDataException($"unknown reference activation '{name}'"),
    };
}
