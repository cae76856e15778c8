using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.Imaging;

namespace Coevo.Bench.Render;

/// <summary>
/// What render-gp and render-cppn share: running the numpy/PyTorch reference (bench/reference/render_reference.py),
/// which also dumps the genomes both sides render, and timing a population render per size against its figures.
/// </summary>
public static class RenderTiming
{
    private static readonly string[] Impls = ["numpy", "torch"];

    /// <summary>The reference script, in the repository's bench/reference.</summary>
    public static string Script => Path.Combine(BenchUtil.ReferenceDir(), "render_reference.py");

    /// <summary>
    /// Null when the reference can run; otherwise the line to print and stop with ("skipped: python3-numpy not installed"):
    /// the reference draws the genomes both sides render, so without numpy there is nothing to compare.
    /// </summary>
    public static string? Skipped() =>
        BenchUtil.MissingPythonModule("numpy") is { } missing ? $"skipped: {missing} not installed (apt-get install {missing})" : null;

    /// <summary>
    /// Runs the reference in <paramref name="mode"/> ("gp" or "cppn"; <paramref name="genomeArgs"/> its genome options,
    /// e.g. "--gp-nodes 40"), dumping its genomes to <paramref name="dump"/>. With <paramref name="reference"/> once per
    /// size and implementation (numpy, torch), returning each run's RESULT figures; without, once on 8×8 pixels with numpy
    /// just for the dump, returning no figures.
    /// </summary>
    public static Dictionary<(string Impl, int Size), Dictionary<string, string>> RunReference(string mode, string genomeArgs,
        int[] sizes, int pop, int seed, int reps, int threads, bool reference, string dump)
    {
        string script = Script;
        var refRuns = new Dictionary<(string Impl, int Size), Dictionary<string, string>>();
        string[] impls = Impls;
        if (reference && BenchUtil.MissingPythonModule("torch") is { } missing)
        {
            Console.WriteLine($"# skipped: {missing} not installed (apt-get install {missing}): numpy figures only");
            impls = ["numpy"];
        }
        if (reference)
        {
            foreach (int size in sizes)
                foreach (string impl in impls)
                    refRuns[(impl, size)] = BenchUtil.RunReference(script,
                        $"--mode {mode} --impl {impl} --sizes {size} --pop {pop} {genomeArgs} --seed {seed} --reps {reps} --threads {threads} --dump-genomes {dump}");
        }
        else
            BenchUtil.RunReference(script, $"--mode {mode} --impl numpy --sizes 8 --pop {pop} {genomeArgs} --seed {seed} --reps 1 --dump-genomes {dump}");
        return refRuns;
    }

    /// <summary>
    /// Times a population of <paramref name="pop"/> images per size (<paramref name="renderOne"/>(i, image) renders
    /// individual i into its image; the population renders with <paramref name="threads"/> threads), prints a
    /// "# size=..." line of figures per size and returns the RESULT figures: mpix_per_s of the first size, then every
    /// size's figures prefixed s{size}_.
    /// </summary>
    public static string TimeSizes(int[] sizes, int pop, int threads, int reps, Action<int, Image> renderOne,
        IReadOnlyDictionary<(string Impl, int Size), Dictionary<string, string>> refRuns)
    {
        var results = new List<string>();
        foreach (int size in sizes)
        {
            var figures = TimeSize(size, size == sizes[0], pop, threads, reps, renderOne, refRuns, out double mpix);
            Console.WriteLine($"# size={size} " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value}")));
            if (size == sizes[0]) results.Add($"mpix_per_s={mpix:F1}");
            results.AddRange(figures.Select(f => $"s{size}_{f.Key}={f.Value}"));
        }
        return string.Join(' ', results);
    }

    /// <summary>
    /// One size: warm up, time <paramref name="reps"/> population renders and return the figures (coevo's median, best and
    /// per-CPU-second throughput; per reference implementation that ran for this size, its throughput, median and best,
    /// and the speedups over it). <paramref name="mpix"/>: coevo's median Mpix/s.
    /// </summary>
    public static List<(string Key, string Value)> TimeSize(int size, bool first, int pop, int threads, int reps, Action<int, Image> renderOne,
        IReadOnlyDictionary<(string Impl, int Size), Dictionary<string, string>> refRuns, out double mpix)
    {
        var images = Enumerable.Range(0, pop).Select(_ => new Image(size, size)).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        void RenderPop() => Parallel.For(0, pop, options, i => renderOne(i, images[i]));
        // Warm-up: JIT tiering compiles the optimised code in the background, late on a busy machine; warm until
        // a round is within 10% of the best round so far (at least 6 s before the first size, 2 s before the others; at most 30 s).
        var warm = Stopwatch.StartNew();
        double bestWarm = double.MaxValue, lastWarm;
        do
        {
            var sw = Stopwatch.StartNew();
            RenderPop();
            lastWarm = sw.Elapsed.TotalSeconds;
            bestWarm = Math.Min(bestWarm, lastWarm);
        } while (warm.Elapsed.TotalSeconds < 30 && (warm.Elapsed.TotalSeconds < (first ? 6 : 2) || lastWarm > 1.1 * bestWarm));
        var times = new List<double>();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (int r = 0; r < reps; r++)
        {
            var sw = Stopwatch.StartNew();
            RenderPop();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        double pixels = pop * (double)size * size;
        double med = BenchUtil.Median(times), best = times.Min();
        mpix = pixels / med / 1e6;
        double bestMpix = pixels / best / 1e6;
        var figures = new List<(string Key, string Value)>
        {
            ("coevo_ms_per_pop", $"{med * 1e3:F1}"), ("coevo_mpix_per_s", $"{mpix:F1}"), ("coevo_best_mpix_per_s", $"{bestMpix:F1}"),
            // Pixels per CPU-second of this process: less sensitive than wall time when other jobs share the cores.
            ("coevo_mpix_per_cpu_s", $"{reps * pixels / cpuSeconds / 1e6:F1}"),
        };
        foreach (string impl in Impls)
            if (refRuns.TryGetValue((impl, size), out var rr) && rr.TryGetValue("mpix_per_s", out var m))
            {
                double refMpix = double.Parse(m, CultureInfo.InvariantCulture);
                figures.Add(($"{impl}_mpix_per_s", $"{refMpix:F1}"));
                figures.Add(($"speedup_vs_{impl}", $"{mpix / refMpix:F2}"));
                // Best of the timed repetitions on both sides: the least disturbed by other jobs on the machine.
                if (rr.TryGetValue("ms_per_pop_min", out var minMs))
                {
                    double refBest = pixels / (double.Parse(minMs, CultureInfo.InvariantCulture) / 1e3) / 1e6;
                    figures.Add(($"{impl}_best_mpix_per_s", $"{refBest:F1}"));
                    figures.Add(($"best_speedup_vs_{impl}", $"{bestMpix / refBest:F2}"));
                }
            }
        return figures;
    }
}
