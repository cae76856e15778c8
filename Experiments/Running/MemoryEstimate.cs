using Coevo.Artists.Gp;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.IO;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>
/// A rough upper estimate of a run's memory, from its config alone, so a run that cannot fit is refused before any
/// work starts (naming the keys to lower) instead of failing hours later or taking the machine down. Values that are
/// each within their range can still multiply to petabytes: <c>population: 100000</c> with <c>image_size: 4096</c>.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>One part of the estimate: what it is, the keys that size it, and its bytes.</summary>
    public sealed record Part(string What, string Keys, double Bytes);

    /// <summary>The program itself: the runtime, native libraries, buffers.</summary>
    public const double Baseline = 256.0 * (1 << 20);

    /// <summary>Bytes a GP node takes in memory (the tree node, its compiled form, its share of the population's
    /// texts in a checkpoint), times the populations alive at once while breeding.</summary>
    private const double GpNodeBytes = 200 * 3;

    /// <summary>Bytes per pixel of an image: three float planes.</summary>
    private const double PixelBytes = 3 * sizeof(float);

    /// <summary>The parts of <paramref name="config"/>'s estimate, largest first.</summary>
    public static IReadOnlyList<Part> Parts(ExperimentConfig config)
    {
        var parts = new List<Part> { new("the program itself", "", Baseline) };
        if (config.Artist.Options is EvolutionOptions e)
        {
            double side = e.ImageSize, pixels = side * side;
            // the rendered population, plus the critic's per-image work (grey copies, resized targets)
            parts.Add(new("the population's images", "artist.population x artist.image_size^2", 2 * e.Population * pixels * PixelBytes));
            // sample sheets enlarge small images to at least 96 px cells and draw them on a canvas
            double cell = Math.Max(side, 96);
            parts.Add(new("sample sheets", "output.sample_count x artist.image_size^2",
                Math.Min(config.Output.SampleCount, e.Population) * cell * cell * (PixelBytes + 4) * 2));
            if (config.Artist.Options is GpArtistOptions gp)
                parts.Add(new("the trees", "artist.population x artist.max_size", e.Population * (double)gp.MaxSize * GpNodeBytes));
        }
        return parts.OrderByDescending(p => p.Bytes).ToList();
    }

    /// <summary>The estimate in bytes.</summary>
    public static double Bytes(ExperimentConfig config) => Parts(config).Sum(p => p.Bytes);

    /// <summary>Memory this process may use: physical memory, or the container's limit.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Refuses (an <see cref="InputException"/> at the artist section) a run estimated to need more than
    /// <paramref name="available"/> bytes, naming the parts that dominate and their keys.
    /// </summary>
    public static void Check(ExperimentConfig config, long available)
    {
        var parts = Parts(config);
        double total = parts.Sum(p => p.Bytes);
        if (total <= 0.9 * available) return;
        var big = parts.Where(p => p.Keys.Length > 0 && p.Bytes >= 0.25 * total).ToList();
        string why = string.Join("; ", big.Select(p => $"{p.What} ({p.Keys}) about {InputFile.Size(p.Bytes)}"));
        throw config.Artist.ErrorAt($"this run needs about {InputFile.Size(total)} of memory, more than the {InputFile.Size(available)} available: {why}. " +
            $"Lower {string.Join(" or ", big.SelectMany(p => p.Keys.Split(" x ")).Select(k => k.Split('^')[0]).Distinct())}");
    }
}
