using System.Globalization;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Writes <c>samples/gen-NNNN.png</c>: a contact sheet of the generation's best distinct images, best first, each with
/// its score under it (and "xN" when N images look the same: late in a run many are clones, which would hide the
/// variety left). The title names the run, its artist and critic, the generation and its scores; the critic's
/// reference picture (a target) comes first when there is one. Written every <c>every</c> generations, at the first
/// and at the last one.
/// </summary>
public sealed class SampleSheetReporter(string directory, int every, int maxImages, int? lastGeneration) : RunReporter
{
    /// <summary>Images closer than this (RMS over all values in [0,1], about 4 levels of 255) count as the same picture.</summary>
    public const double SameImage = 1.0 / 64;

    private GenerationReport? _pending;

    /// <summary>Start of each title, e.g. "quickstart: gp artist, target (metric: ssim) critic".</summary>
    public string? Heading { get; init; }

    /// <summary>The picture the critic compares with, at a given size (shown first, labelled "target"); null for none.</summary>
    public Func<int, int, Image>? Reference { get; init; }

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r)
    {
        _pending = r;
        if (r.Generation % every == 0 || r.Generation == 1 || r.Generation == lastGeneration) Write(r);
    }

    /// <inheritdoc />
    public override void Ended(RunState state, RunOutcome outcome, string reason)
    {
        if (outcome != RunOutcome.Failed && _pending is { } r && !File.Exists(PathFor(r.Generation))) Write(r);
    }

    /// <summary>The sheet's file for generation <paramref name="generation"/>.</summary>
    public string PathFor(int generation) => Path.Combine(directory, $"gen-{generation:D4}.png");

    /// <summary>
    /// Up to <paramref name="count"/> distinct images, best score first: (index of the best of each group of look-alikes,
    /// size of the group among the images looked at). NaN scores rank last.
    /// </summary>
    public static List<(int Index, int Copies)> Distinct(IReadOnlyList<Image> images, IReadOnlyList<double> scores, int count)
    {
        var order = Enumerable.Range(0, images.Count)
            .OrderByDescending(i => double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i])
            .ThenBy(i => i);
        var picked = new List<(int Index, int Copies)>();
        foreach (int i in order)
        {
            int same = picked.FindIndex(p => Diversity.RmsDistance(images[p.Index], images[i]) < SameImage);
            if (same >= 0) picked[same] = (picked[same].Index, picked[same].Copies + 1);
            else if (picked.Count < count) picked.Add((i, 1));
        }
        return picked;
    }

    private void Write(GenerationReport r)
    {
        var picked = Distinct(r.Images, r.Scores, maxImages);
        var images = picked.Select(p => r.Images[p.Index]).ToList();
        var labels = picked.Select(p => r.Scores[p.Index].ToString("0.000", CultureInfo.InvariantCulture) + (p.Copies > 1 ? $" x{p.Copies}" : "")).ToList();
        if (Reference is { } reference && images.Count > 0)
        {
            images.Insert(0, reference(images[0].Width, images[0].Height));
            labels.Insert(0, "target");
        }
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{(Heading is null ? "" : Heading + " | ")}generation {r.Generation} | best {r.Best:0.000} mean {r.Mean:0.000}");
        // Wide enough rows for the title; the title shrinks when it is still longer than the sheet.
        var sheet = new ContactSheet();
        int columns = Math.Clamp(images.Count, 1, 8);
        int side = images.Count == 0 ? sheet.MinCellSize : Math.Max(images[0].Width, images[0].Height) * sheet.ScaleFor(images[0].Width, images[0].Height);
        double width = sheet.Padding + columns * (side + sheet.Padding) - 2 * sheet.Padding;
        double titleSize = Math.Clamp(width / (0.62 * Math.Max(1, title.Length)), 9, sheet.TitleSize);
        new ContactSheet { Columns = columns, TitleSize = titleSize }.Write(PathFor(r.Generation), images, labels, title);
    }
}
