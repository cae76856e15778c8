using System.Text.Json;
using Coevo.Artists.Gp;

namespace Coevo.Bench.Render;

/// <summary>
/// render-gp: GP population render throughput (Mpix/s), side by side with the numpy and PyTorch reference
/// (bench/reference/render_reference.py --mode gp). Both render the same trees: the reference dumps its random
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
        if (RenderTiming.Skipped() is { } skipped)
        {
            Console.WriteLine(skipped);
            return 0;
        }

        string dump = Path.Combine(Path.GetTempPath(), $"coevo-gp-trees-{Environment.ProcessId}.json");
        try
        {
            // The reference draws its trees from its seed; dump them so both sides render exactly the same trees.
            var refRuns = RenderTiming.RunReference("gp", $"--gp-nodes {nodes}", sizes, pop, seed, reps, threads, reference, dump);
            var trees = LoadReferenceTrees(dump);
            double meanSize = trees.Average(t => t.Size);
            Console.WriteLine($"# {trees.Count} trees from the reference (seed {seed}), mean {meanSize:F1} nodes; threads={threads}; vector width {System.Numerics.Vector<float>.Count} floats");

            var renderer = new GpRenderer();
            string results = RenderTiming.TimeSizes(sizes, pop, threads, reps, (i, image) => renderer.RenderInto(trees[i % trees.Count], image), refRuns);
            Console.WriteLine($"RESULT bench=render-gp pop={pop} threads={threads} mean_nodes={meanSize:F1} size={sizes[0]} {results}");
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
