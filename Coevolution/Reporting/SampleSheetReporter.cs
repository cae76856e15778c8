using System.Globalization;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Writes <c>samples/gen-NNNN.png</c>: a contact sheet of the generation's images, best first, titled with the
/// generation and with each image's score under it. Written every <c>every</c> generations and at the last one.
/// </summary>
public sealed class SampleSheetReporter(string directory, int every, int maxImages, int? lastGeneration) : RunReporter
{
    private GenerationReport? _pending;

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r)
    {
        _pending = r;
        if (r.Generation % every == 0 || r.Generation == 1 || r.Generation == lastGeneration) Write(r);
    }

    /// <inheritdoc />
    public override void Ended(RunState state, RunOutcome outcome, string reason)
    {
        if (_pending is { } r && !File.Exists(PathFor(r.Generation))) Write(r);
    }

    /// <summary>The sheet's file for generation <paramref name="generation"/>.</summary>
    public string PathFor(int generation) => Path.Combine(directory, $"gen-{generation:D4}.png");

    private void Write(GenerationReport r)
    {
        var order = Enumerable.Range(0, r.Images.Count)
            .OrderByDescending(i => double.IsNaN(r.Scores[i]) ? double.NegativeInfinity : r.Scores[i])
            .ThenBy(i => i)
            .Take(maxImages)
            .ToList();
        var images = order.Select(i => r.Images[i]).ToList();
        var labels = order.Select(i => r.Scores[i].ToString("0.000", CultureInfo.InvariantCulture)).ToList();
        string title = string.Create(CultureInfo.InvariantCulture, $"generation {r.Generation}   best {r.Best:0.000}   mean {r.Mean:0.000}");
        new ContactSheet().Write(PathFor(r.Generation), images, labels, title);
    }
}
