using System.Globalization;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Reporting;

/// <summary>
/// Writes <c>samples/gen-NNNN.png</c> (<c>step-NNNN.png</c> for SGD steps): a contact sheet of the unit's best
/// distinct images, best first, each with its score under it (and "xN" when N images look the same: late in a run
/// many are clones, which would hide the variety left). The title names the run, its artist and critic, the unit and
/// its figures; the critic's reference picture (a target) comes first when there is one. Written every <c>every</c>
/// units, at the first and at the last one.
/// </summary>
public sealed class SampleSheetReporter(string directory, int every, int maxImages, int? lastUnit, string unitName = "generation") : RunReporter
{
    /// <summary>Images closer than this (RMS over all values in [0,1], about 4 levels of 255) count as the same picture.</summary>
    public const double SameImage = 1.0 / 64;

    private UnitReport? _pending;

    /// <summary>Start of each title, e.g. "quickstart: gp artist, target (metric: ssim) critic".</summary>
    public string? Heading { get; init; }

    /// <summary>The picture the critic compares with, at a given size (shown first, labelled "target"); null for none.</summary>
    public Func<int, int, Image>? Reference { get; init; }

    /// <inheritdoc />
    public override void UnitEnded(UnitReport r)
    {
        _pending = r;
        if (r.Unit % every == 0 || r.Unit == 1 || r.Unit == lastUnit) Write(r);
    }

    /// <inheritdoc />
    public override void Ended(RunState state, RunOutcome outcome, string reason)
    {
        if (outcome != RunOutcome.Failed && _pending is { } r && !File.Exists(PathFor(r.Unit))) Write(r);
    }

    /// <summary>The sheet's file for unit <paramref name="unit"/>: gen-NNNN.png, step-NNNN.png or unit-NNNN.png.</summary>
    public string PathFor(int unit) => Path.Combine(directory, $"{Prefix(unitName)}-{unit:D4}.png");

    /// <summary>The short form of a unit's name in file names: gen, step, unit.</summary>
    public static string Prefix(string unitName) => unitName == "generation" ? "gen" : unitName;

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

    private void Write(UnitReport r)
    {
        var (judged, scores) = r.Judged.Value;
        var picked = r.Ranked ? Distinct(judged, scores, maxImages) : Enumerable.Range(0, Math.Min(maxImages, judged.Count)).Select(i => (Index: i, Copies: 1)).ToList();
        var images = picked.Select(p => judged[p.Index]).ToList();
        var labels = picked.Select(p => scores[p.Index].ToString("0.000", CultureInfo.InvariantCulture) + (p.Copies > 1 ? $" x{p.Copies}" : "")).ToList();
        if (Reference is { } reference && images.Count > 0)
        {
            images.Insert(0, reference(images[0].Width, images[0].Height));
            labels.Insert(0, "target");
        }
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{(Heading is null ? "" : Heading + " | ")}{unitName} {r.Unit} | {r.Summary}");
        // Wide enough rows for the title; the title shrinks when it is still longer than the sheet.
        var sheet = new ContactSheet();
        int columns = Math.Clamp(images.Count, 1, 8);
        int side = images.Count == 0 ? sheet.MinCellSize : Math.Max(images[0].Width, images[0].Height) * sheet.ScaleFor(images[0].Width, images[0].Height);
        double width = sheet.Padding + columns * (side + sheet.Padding) - 2 * sheet.Padding;
        double titleSize = Math.Clamp(width / (0.62 * Math.Max(1, title.Length)), 9, sheet.TitleSize);
        new ContactSheet { Columns = columns, TitleSize = titleSize }.Write(PathFor(r.Unit), images, labels, title);
    }
}
