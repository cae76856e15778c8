using System.Text.Json;
using Coevo.Artists.Cppn;

namespace Coevo.Bench.Render;

/// <summary>
/// render-cppn: CPPN population render throughput (Mpix/s), side by side with the numpy and PyTorch reference
/// (bench/reference/render_reference.py --mode cppn). Both render the same networks: the reference dumps its
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
        if (RenderTiming.Skipped() is { } skipped)
        {
            Console.WriteLine(skipped);
            return 0;
        }

        string dump = Path.Combine(Path.GetTempPath(), $"coevo-cppn-genomes-{Environment.ProcessId}.json");
        try
        {
            var refRuns = RenderTiming.RunReference("cppn", $"--hidden {hidden}", sizes, pop, seed, reps, threads, reference, dump);
            var genomes = LoadReferenceCppns(dump);
            double links = genomes.Average(g => g.Links.Count);
            double evaluated = genomes.Average(g => g.EvaluatedNodeCount);
            Console.WriteLine($"# {genomes.Count} CPPNs from the reference (seed {seed}): {hidden} hidden, mean {links:F1} links, " +
                              $"mean {evaluated:F1} nodes evaluated (hidden nodes no output needs are pruned); threads={threads}; vector width {System.Numerics.Vector<float>.Count} floats");

            var renderer = new CppnRenderer();
            string results = RenderTiming.TimeSizes(sizes, pop, threads, reps, (i, image) => renderer.RenderInto(genomes[i % genomes.Count], image), refRuns);
            Console.WriteLine($"RESULT bench=render-cppn pop={pop} threads={threads} hidden={hidden} mean_links={links:F1} size={sizes[0]} {results}");
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
