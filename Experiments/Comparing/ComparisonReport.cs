using System.Globalization;
using System.Net;
using System.Text;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Reporting;
using Coevo.Experiments.Running;
using ScottPlot;

namespace Coevo.Experiments.Comparing;

/// <summary>
/// A comparison's <c>report.html</c>: the table of <c>comparison.md</c>; every metric the cells' <c>metrics.csv</c>
/// files record (FID, KID, precision, recall, diversity, critic accuracy, fooling rate …) against the budget spent,
/// one colour per approach and one line per seed; and each cell's latest sample sheet, side by side. Self-contained
/// apart from the sample sheets, which it shows from the cells' run folders by relative paths.
/// </summary>
public static class ComparisonReport
{
    /// <summary>The report's file name in a comparison folder.</summary>
    public const string FileName = "report.html";

    private static readonly (string Column, string Title)[] Plotted =
    [
        ("fid", "FID"), ("kid", "KID"), ("precision", "precision"), ("recall", "recall"), ("feature_diversity", "feature diversity"),
        ("critic_accuracy", "critic accuracy"), ("fooling_rate", "fooling rate (the run's own critics)"), ("best", "best score (the run's own critic)"),
        ("loss_d", "D loss (GANs)"), ("archive_size", "archive size (co-evolution)"),
    ];

    /// <summary>Writes the report into <paramref name="dir"/>; returns its path.</summary>
    public static string Write(string dir, CompareConfig config, Measurements m, IReadOnlyList<ApproachSummary> summaries)
    {
        bool byImages = config.Budget.Images is not null || config.Budget.Seconds is null;
        string xColumn = byImages ? "images_judged" : "elapsed_s", xLabel = byImages ? "images judged" : "seconds";
        var tables = config.Cells.ToDictionary(c => c.Id, c => MetricsTable.Read(Path.Combine(CompareFolder.RunOf(dir, c), RunFolder.MetricsFile)));

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(E(config.Name)).Append(" · Coevo comparison</title>\n<style>").Append(RunReport.Css).Append(ExtraCss).Append("</style>\n</head>\n<body>\n<header>\n<h1>")
            .Append(E(config.Name)).Append("</h1>\n<p class=\"sub\">").Append(E($"{summaries.Count} approaches × seeds {string.Join(", ", config.Seeds)} · budget: {ComparisonTables.BudgetText(config)}"))
            .Append("</p>\n<nav><a href=\"#table\">table</a> <a href=\"#plots\">metrics over the budget</a> <a href=\"#samples\">samples</a></nav>\n</header>\n<main>\n");

        html.Append("<section id=\"table\">\n<h2>Final figures</h2>\n<p class=\"note\">")
            .Append(E(string.Create(CultureInfo.InvariantCulture, $"Mean ± standard deviation over the seeds; {m.SamplesPerCell} images per cell against {m.RealImages} images of {m.RealDescription}, measured in {m.FeaturesLabel} (not Inception). ↑ higher is better, ↓ lower is better; the best mean is bold. The held-out critic calls {m.CriticRealAccuracy:P0} of unseen real images real.")))
            .Append("</p>\n<table>\n<thead><tr><th>approach</th>");
        foreach (var (_, heading, better) in CellMeasurement.Columns)
            html.Append("<th>").Append(E(heading + (better > 0 ? " ↑" : better < 0 ? " ↓" : ""))).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var s in summaries)
        {
            html.Append("<tr><td title=\"").Append(E(s.Describe)).Append("\">").Append(E(s.Approach)).Append("</td>");
            foreach (var (key, _, _) in CellMeasurement.Columns)
            {
                // the mean, with "± std" on a line of its own, so narrow columns never break a figure
                string text = ComparisonTables.PlusMinus(s.Mean[key], s.Std[key], key);
                int pm = text.IndexOf(" ± ", StringComparison.Ordinal);
                html.Append("<td>").Append(E(pm < 0 ? text : text[..pm]));
                if (pm >= 0) html.Append("<span class=\"sd\">").Append(E(text[(pm + 1)..])).Append("</span>");
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (m.Missing.Count > 0) html.Append("<p class=\"note\">Not finished: ").Append(E(string.Join(", ", m.Missing.Select(c => c.Id)))).Append(".</p>\n");
        html.Append("</section>\n");

        html.Append("<section id=\"plots\">\n<h2>Metrics against the budget spent</h2>\n<p class=\"note\">")
            .Append(E($"What each cell's run measured as it went (its metrics.csv), against {xLabel}: one colour per approach, one line per seed. A metric appears for the approaches whose runs record it."))
            .Append("</p>\n<div class=\"plots\">\n");
        int drawn = 0;
        foreach (var (column, title) in Plotted)
        {
            var plot = new Plot();
            plot.Font.Set("DejaVu Sans");
            var palette = new ScottPlot.Palettes.Category10();
            bool any = false;
            for (int a = 0; a < config.Approaches.Count; a++)
            {
                bool labelled = false;
                foreach (var cell in config.Of(config.Approaches[a]))
                {
                    var t = tables[cell.Id];
                    if (t[column] is not { } ys || t[xColumn] is not { } xs) continue;
                    var keep = Enumerable.Range(0, Math.Min(xs.Length, ys.Length)).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i])).ToArray();
                    if (keep.Length == 0) continue;
                    any = true;
                    var line = plot.Add.ScatterLine(keep.Select(i => xs[i]).ToArray(), keep.Select(i => ys[i]).ToArray(), palette.GetColor(a));
                    line.LineWidth = 1.5f;
                    line.MarkerSize = keep.Length > 30 ? 0 : 4;
                    if (!labelled) { line.LegendText = config.Approaches[a]; labelled = true; }
                }
            }
            if (!any) continue;
            plot.Title(title, 15);
            plot.XLabel(xLabel, 13);
            plot.ShowLegend(Edge.Right);
            plot.Legend.FontSize = 11;
            html.Append("<figure class=\"plot\">\n").Append(ReportPlots.ToSvg(plot, $"plot{++drawn}", 640, 320)).Append("\n</figure>\n");
        }
        if (drawn == 0) html.Append("<p class=\"note\">No cell has recorded metrics yet.</p>\n");
        html.Append("</div>\n</section>\n");

        html.Append("<section id=\"samples\">\n<h2>Each cell's latest sample sheet</h2>\n<p class=\"note\">One row per approach, one column per seed: the last contact sheet each run wrote (best first for evolving artists; a generator's samples from one fixed z).</p>\n<table class=\"sheets\">\n<thead><tr><th>approach</th>");
        foreach (int seed in config.Seeds) html.Append("<th>seed ").Append(seed).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var approach in config.Approaches)
        {
            html.Append("<tr><td>").Append(E(approach)).Append("</td>");
            foreach (var cell in config.Of(approach))
            {
                string samples = Path.Combine(CompareFolder.RunOf(dir, cell), RunFolder.Samples);
                string? sheet = Directory.Exists(samples) ? Directory.GetFiles(samples, "*.png").Order(StringComparer.Ordinal).LastOrDefault() : null;
                html.Append("<td>");
                if (sheet is null) html.Append("<span class=\"note\">none yet</span>");
                else
                {
                    string rel = Path.GetRelativePath(dir, sheet).Replace('\\', '/');
                    html.Append("<a href=\"").Append(E(rel)).Append("\"><img src=\"").Append(E(rel)).Append("\" alt=\"").Append(E($"{cell.Id}: {Path.GetFileName(sheet)}")).Append("\" /></a>");
                }
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n</main>\n<footer>Written by <code>coevo compare</code>; <code>coevo compare --collect DIR</code> rebuilds it. Plots drawn with ScottPlot.</footer>\n</body>\n</html>\n");
        string path = Path.Combine(dir, FileName);
        AtomicFile.WriteAllText(path, html.ToString());
        return path;
    }

    private const string ExtraCss = """

        table.sheets td, table.sheets th { vertical-align: top; text-align: left; }
        table.sheets img { width: 300px; max-width: 100%; border: 1px solid var(--line); image-rendering: pixelated; }
        #table td { font-size: 13.5px; white-space: nowrap; }
        #table .sd { display: block; color: var(--muted); font-size: 12px; }

        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
