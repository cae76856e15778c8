using System.Globalization;
using ScottPlot;

namespace Coevo.Coevolution.Reporting;

/// <summary>One plot of a report: some columns of metrics.csv against generation or step, with words saying what they mean.</summary>
/// <param name="Title">The plot's title.</param>
/// <param name="Explanation">What the curves mean, for a reader new to them.</param>
/// <param name="Lines">Columns drawn as lines.</param>
/// <param name="Bands">Column → column of its ± spread (drawn as a shaded band around it).</param>
public sealed record PlotSpec(string Title, string Explanation, IReadOnlyList<string> Lines, IReadOnlyDictionary<string, string> Bands);

/// <summary>
/// Decides which metrics.csv columns share a plot and what each plot says, for any set of numeric columns (evolution's
/// best/mean/diversity, a GAN's loss_d/loss_g/d_real/d_fake, FID…), and draws them with ScottPlot as SVG.
/// </summary>
public static partial class ReportPlots
{
    /// <summary>Words for the columns Coevo writes; <c>{features}</c> stands for the feature network's label.</summary>
    public static IReadOnlyDictionary<string, string> Explanations { get; } = new Dictionary<string, string>
    {
        ["best"] = "best: the highest critic score in the generation",
        ["mean"] = "mean: the average score (shaded: ± one standard deviation)",
        ["best_ever"] = "best_ever: the best score so far",
        ["diversity"] = "Pixel diversity: the mean RMS difference between two images of the same generation, per colour value in [0, 1]. 0 means every image is identical; a falling curve means the population is converging.",
        ["elapsed_s"] = "Wall-clock seconds since the run started (summed over resumed parts).",
        ["images_judged"] = "Artist images judged by a critic so far: the budget that makes artists which learn in different ways comparable.",
        ["fid"] = "FID ({features}): the Fréchet distance between Gaussians fitted to the features of real and generated images. 0 = same mean and covariance; lower is closer to the real images. Not comparable with FIDs measured with Inception or another network.",
        ["kid"] = "KID ({features}): the unbiased squared MMD between real and generated features (cubic polynomial kernel), mean over subsets, shaded ± its standard deviation. About 0 when both come from the same distribution.",
        ["precision"] = "precision: the fraction of generated images inside the real images' k-NN manifold (k = 3), i.e. how many look real",
        ["recall"] = "recall: the fraction of real images inside the generated images' manifold, i.e. how much of the real variety is covered",
        ["loss_d"] = "loss_d: the discriminator's loss, BCE on a real batch plus BCE on a fake batch (2·ln 2 ≈ 1.39 when it cannot tell them apart; near 0 when it wins outright)",
        ["loss_g"] = "loss_g: the generator's loss (non-saturating: −ln D(G(z)); minimax: ln(1 − D(G(z))))",
        ["d_real"] = "d_real: D's mean probability that a real image is real",
        ["d_fake"] = "d_fake: D's mean probability that a fake is real, before D's update",
        ["d_fake_after"] = "d_fake_after: the same after D's update, as the generator sees it. At the game's equilibrium all three approach 0.5",
        ["sample_diversity"] = "Sample diversity: the mean RMS pixel difference between two of the generator's samples from one fixed z. A drop towards 0 while the losses look healthy is mode collapse: the generator makes one picture for every z.",
        ["critic_accuracy"] = "Critic accuracy: the critic's balanced accuracy on real images against the archive of artist images, after each unit of its learning",
        ["critic_loss"] = "critic loss: its training loss (or cost) in that unit",
        ["fooling_rate"] = "Fooling rate: the share of the artists' population that the critics' vote scores as real (≥ 0.5)",
        ["archive_size"] = "archive size: artist images the critic must reject",
        ["hall_size"] = "hall of fame: frozen critics that still vote (weights 1/2, 1/4 … per phase back)",
        ["phase"] = "Phase: 0 while the critic learns, 1 while the artists evolve",
        ["feature_diversity"] = "Feature diversity ({features}): the mean distance between the feature vectors of two different generated images. 0 means all images look the same to the network; compare with the same figure for real images.",
    };

    /// <summary>Plot titles for single columns; <c>{features}</c> as above.</summary>
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["diversity"] = "pixel diversity",
        ["elapsed_s"] = "elapsed seconds",
        ["images_judged"] = "images judged",
        ["fid"] = "FID ({features})",
        ["kid"] = "KID ({features})",
        ["feature_diversity"] = "feature diversity ({features})",
        ["sample_diversity"] = "sample diversity (fixed z)",
        ["critic_accuracy"] = "critic accuracy",
        ["fooling_rate"] = "fooling rate",
    };

    private static readonly string[] ScoreColumns = ["best", "mean", "best_ever"];
    private static readonly string[] ManifoldColumns = ["precision", "recall"];
    private static readonly string[] DiscriminatorColumns = ["d_real", "d_fake", "d_fake_after"];
    private static readonly string[] ArchiveColumns = ["archive_size", "hall_size"];

    /// <summary>
    /// The plots for <paramref name="columns"/>: score columns together, precision with recall, columns sharing a
    /// prefix (<c>loss_d</c>, <c>loss_g</c>) together, <c>X_std</c> (and <c>std</c> for <c>mean</c>) as bands, every other column alone.
    /// </summary>
    public static IReadOnlyList<PlotSpec> Group(IReadOnlyList<string> columns, string? featuresLabel)
    {
        var set = columns.ToHashSet();
        var bands = new Dictionary<string, string>();
        foreach (var c in columns)
        {
            if (c == "std" && set.Contains("mean")) bands["mean"] = c;
            else if (c.EndsWith("_std") && set.Contains(c[..^4])) bands[c[..^4]] = c;
        }
        var bandColumns = bands.Values.ToHashSet();
        var groups = new List<(string Key, List<string> Members)>();
        foreach (var c in columns.Where(c => !bandColumns.Contains(c)))
        {
            string key = ScoreColumns.Contains(c) ? "score"
                : ManifoldColumns.Contains(c) ? "precision / recall"
                : DiscriminatorColumns.Contains(c) ? "D(x) and D(G(z))"
                : ArchiveColumns.Contains(c) ? "archive and hall of fame"
                : c is "loss_d" or "loss_g" ? "GAN losses"
                : c is "critic_accuracy" or "critic_loss" ? "critic"
                : c.Contains('_') && !Explanations.ContainsKey(c) ? c[..c.IndexOf('_')]
                : c;
            var group = groups.FirstOrDefault(g => g.Key == key);
            if (group.Members is null) groups.Add((key, [c]));
            else group.Members.Add(c);
        }
        string features = featuresLabel ?? "features";
        string Fill(string s) => s.Replace("{features}", features);
        return groups.Select(g =>
        {
            string title = g.Members.Count == 1 ? (Titles.TryGetValue(g.Members[0], out var t) ? t : g.Members[0]) : g.Key;
            var words = g.Members.Select(m => Explanations.TryGetValue(m, out var e) ? e : null).Where(e => e != null);
            return new PlotSpec(Fill(title), Fill(string.Join("; ", words)) is { Length: > 0 } x ? Capitalise(x) + "." : "",
                g.Members, g.Members.Where(bands.ContainsKey).ToDictionary(m => m, m => bands[m]));
        }).ToList();
    }

    private static string Capitalise(string s) => s.EndsWith('.') ? char.ToUpperInvariant(s[0]) + s[1..^1] : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>
    /// Draws one plot of <paramref name="table"/> as SVG markup (without an XML declaration), or null when it has no
    /// finite point. Its element ids start with <paramref name="idPrefix"/>, so several plots can share a page and the
    /// same data always gives the same markup.
    /// </summary>
    public static string? Svg(PlotSpec spec, MetricsTable table, string idPrefix, int width = 600, int height = 320)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans"); // the font measured here is the one the page names (fonts-dejavu-core, installed by setup)
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        bool any = false;
        foreach (var name in spec.Lines)
        {
            var (xs, ys) = Finite(table.X, table[name]!);
            if (xs.Length == 0) { colour++; continue; }
            any = true;
            var color = palette.GetColor(colour++);
            if (spec.Bands.TryGetValue(name, out var bandName) && table[bandName] is { } spread)
            {
                var (bx, mid, lo, hi) = Band(table.X, table[name]!, spread);
                if (bx.Length > 0)
                {
                    var fill = plot.Add.FillY(bx, lo, hi);
                    fill.FillStyle.Color = color.WithAlpha(0.2);
                    fill.LineStyle.Width = 0;
                }
            }
            var line = xs.Length > 60 ? plot.Add.ScatterLine(xs, ys, color) : plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerSize = xs.Length > 60 ? 0 : 5;
            if (spec.Lines.Count > 1) line.LegendText = name;
        }
        if (!any) return null;
        plot.Title(spec.Title, 15);
        plot.XLabel(table.XName, 13);
        plot.YLabel(spec.Lines.Count == 1 ? spec.Lines[0] : "", 13);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // generations and steps are whole
        if (spec.Lines.Count > 1)
        {
            plot.ShowLegend(Edge.Right); // beside the data, never over it
            plot.Legend.FontSize = 12;
        }
        return ToSvg(plot, idPrefix, width, height);
    }

    /// <summary>
    /// A ScottPlot plot as SVG markup for a page that holds several: no XML declaration, a viewBox so it scales to its
    /// column, and element ids that start with <paramref name="idPrefix"/>.
    /// </summary>
    public static string ToSvg(Plot plot, string idPrefix, int width = 600, int height = 320)
    {
        string svg = plot.GetSvgXml(width, height);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start > 0 ? svg[start..] : svg;
        // ScottPlot numbers clip paths with a process-wide counter: renumber them per plot
        var ids = new Dictionary<string, string>();
        svg = ClipId().Replace(svg, m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = $"{idPrefix}-clip{ids.Count}");
        // a viewBox lets the page scale the plot to its column
        return svg.Insert("<svg".Length, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\""));
    }

    private static (double[] X, double[] Y) Finite(IReadOnlyList<double> x, double[] y)
    {
        var keep = Enumerable.Range(0, Math.Min(x.Count, y.Length)).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }

    private static (double[] X, double[] Mid, double[] Low, double[] High) Band(IReadOnlyList<double> x, double[] y, double[] spread)
    {
        var keep = Enumerable.Range(0, Math.Min(x.Count, Math.Min(y.Length, spread.Length)))
            .Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i]) && double.IsFinite(spread[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray(),
            keep.Select(i => y[i] - spread[i]).ToArray(), keep.Select(i => y[i] + spread[i]).ToArray());
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-fA-F]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    /// <summary>A number for a table cell: up to 5 significant digits, or a dash for NaN.</summary>
    public static string Format(double v) => double.IsNaN(v) ? "–" : v.ToString("G5", CultureInfo.InvariantCulture);
}
