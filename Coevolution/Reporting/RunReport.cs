using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Reporting;

/// <summary>What a report says about a run beyond its files.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="Subtitle">One line on what ran, e.g. "gp artist · target critic · evolve schedule · seed 1".</param>
/// <param name="FeaturesLabel">The feature network FID/KID were measured with (e.g. "Coevo Fashion-MNIST features"), or null.</param>
public sealed record RunReportInfo(string Name, string Subtitle, string? FeaturesLabel);

/// <summary>
/// <c>report.html</c>: one self-contained page per run folder for a lab notebook. It shows the run's name, status and
/// full config, a ScottPlot plot (inline SVG) of every numeric column of metrics.csv against generation or step, the
/// sample sheets as a timeline, the best image and the end of the log. It needs no server and no network: the only
/// files it refers to are the run folder's own <c>samples/*.png</c> and <c>best.png</c>, by relative paths.
/// </summary>
public static partial class RunReport
{
    /// <summary>The report's file name in a run folder.</summary>
    public const string FileName = "report.html";
    /// <summary>The best image so far, written by <see cref="RunReportReporter"/>.</summary>
    public const string BestImage = "best.png";

    private const string ConfigFile = "config.yaml", MetricsFile = "metrics.csv", LogFile = "log.txt", Samples = "samples";

    /// <summary>Writes (atomically) <c>report.html</c> in <paramref name="runDir"/>; returns its path.</summary>
    public static string Write(string runDir, RunReportInfo info, DateTime? now = null)
    {
        string path = Path.Combine(runDir, FileName);
        AtomicFile.WriteAllText(path, Render(runDir, info, now ?? DateTime.Now));
        return path;
    }

    /// <summary>The report's HTML (well-formed XML too, so it can be checked by an XML parser).</summary>
    public static string Render(string runDir, RunReportInfo info, DateTime now)
    {
        var table = MetricsTable.Read(Path.Combine(runDir, MetricsFile));
        var sheets = Directory.Exists(Path.Combine(runDir, Samples))
            ? Directory.GetFiles(Path.Combine(runDir, Samples), "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        var log = File.Exists(Path.Combine(runDir, LogFile)) ? File.ReadAllLines(Path.Combine(runDir, LogFile)) : [];
        string config = File.Exists(Path.Combine(runDir, ConfigFile)) ? File.ReadAllText(Path.Combine(runDir, ConfigFile)) : "(config.yaml is missing)";

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(E(info.Name)).Append(" · Coevo run report</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        // header
        string lastEvent = log.LastOrDefault(l => EventLine().IsMatch(l)) ?? "";
        string status = StatusOf(lastEvent);
        html.Append("<header>\n<h1>").Append(E(info.Name)).Append("</h1>\n")
            .Append("<p class=\"sub\">").Append(E(info.Subtitle)).Append("</p>\n")
            .Append("<p class=\"status ").Append(status).Append("\">").Append(E(lastEvent.Length > 0 ? StripTime(lastEvent) : "no events logged yet")).Append("</p>\n")
            .Append("<p class=\"meta\">run folder <code>").Append(E(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir))))).Append("</code> · ")
            .Append(table.X.Count).Append(' ').Append(E(table.XName)).Append(table.X.Count == 1 ? "" : "s").Append(" recorded");
        if (table["elapsed_s"] is { Length: > 0 } elapsed && double.IsFinite(elapsed[^1]))
            html.Append(" in ").Append(E(Duration(elapsed[^1])));
        html.Append(" · report written ").Append(E(now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append("</p>\n")
            .Append("<nav><a href=\"#figures\">figures</a> <a href=\"#plots\">plots</a> <a href=\"#samples\">samples</a> <a href=\"#best\">best image</a> <a href=\"#config\">config</a> <a href=\"#log\">log</a></nav>\n</header>\n<main>\n");

        AppendFigures(html, table);
        AppendPlots(html, table, info);
        AppendSheets(html, sheets);
        AppendBest(html, runDir, table);
        html.Append("<section id=\"config\">\n<h2>Config</h2>\n<p class=\"note\">The fully resolved config (every default filled in); <code>coevo run</code> with it repeats this run.</p>\n<pre>")
            .Append(E(config)).Append("</pre>\n</section>\n");
        html.Append("<section id=\"log\">\n<h2>Log</h2>\n<p class=\"note\">The last ").Append(Math.Min(20, log.Length)).Append(" of ").Append(log.Length).Append(" lines of log.txt.</p>\n<pre>")
            .Append(E(string.Join("\n", log.TakeLast(20)))).Append("</pre>\n</section>\n");
        html.Append("</main>\n<footer>Written by Coevo at every checkpoint and at the end of the run; <code>coevo report &lt;run-dir&gt;</code> rebuilds it. Plots drawn with ScottPlot.</footer>\n");
        html.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendFigures(StringBuilder html, MetricsTable table)
    {
        html.Append("<section id=\"figures\">\n<h2>Latest figures</h2>\n");
        if (table.X.Count == 0)
        {
            html.Append("<p class=\"note\">No rows in metrics.csv yet.</p>\n</section>\n");
            return;
        }
        html.Append("<table>\n<thead><tr><th>column</th><th>latest</th><th>at ").Append(E(table.XName)).Append("</th><th>min</th><th>max</th></tr></thead>\n<tbody>\n");
        foreach (var (name, values) in table.Columns)
        {
            int last = Array.FindLastIndex(values, double.IsFinite);
            var finite = values.Where(double.IsFinite).ToArray();
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(last < 0 ? "–" : ReportPlots.Format(values[last]))
                .Append("</td><td>").Append(last < 0 ? "–" : ReportPlots.Format(table.X[last]))
                .Append("</td><td>").Append(finite.Length == 0 ? "–" : ReportPlots.Format(finite.Min()))
                .Append("</td><td>").Append(finite.Length == 0 ? "–" : ReportPlots.Format(finite.Max())).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendPlots(StringBuilder html, MetricsTable table, RunReportInfo info)
    {
        html.Append("<section id=\"plots\">\n<h2>Metrics over ").Append(E(table.XName)).Append("s</h2>\n");
        if (info.FeaturesLabel is { } features)
            html.Append("<p class=\"note\">FID, KID, precision, recall and feature diversity compare the generated images with the run's real images (its data: section) in the feature space of <b>")
                .Append(E(features)).Append("</b>, a network trained by Coevo (not Inception), at the ").Append(E(table.XName)).Append("s where they have points.</p>\n");
        html.Append("<div class=\"plots\">\n");
        int drawn = 0;
        foreach (var spec in ReportPlots.Group(table.Columns.Select(c => c.Name).ToList(), info.FeaturesLabel))
        {
            string? svg = ReportPlots.Svg(spec, table, $"plot{drawn + 1}");
            if (svg is null) continue;
            drawn++;
            html.Append("<figure class=\"plot\">\n").Append(svg).Append("\n<figcaption>").Append(E(spec.Explanation)).Append("</figcaption>\n</figure>\n");
        }
        if (drawn == 0) html.Append("<p class=\"note\">Nothing to plot yet.</p>\n");
        html.Append("</div>\n</section>\n");
    }

    private static void AppendSheets(StringBuilder html, IReadOnlyList<string?> sheets)
    {
        html.Append("<section id=\"samples\">\n<h2>Sample sheets over time</h2>\n");
        if (sheets.Count == 0)
        {
            html.Append("<p class=\"note\">No sample sheets yet.</p>\n</section>\n");
            return;
        }
        string Label(string? file) => SheetNumber().Match(file ?? "") is { Success: true } m
            ? $"{(m.Groups[1].Value == "gen" ? "generation" : m.Groups[1].Value)} {int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)}" : file ?? "";
        string latest = sheets[^1]!;
        html.Append("<p class=\"note\">Each sheet shows a generation's images (or a GAN step's samples from one fixed z), best first, with its score under each. Drag the slider or pick a sheet from the timeline.</p>\n")
            .Append("<div class=\"viewer\">\n<div class=\"controls\"><input id=\"sheet-slider\" type=\"range\" min=\"0\" max=\"").Append(sheets.Count - 1)
            .Append("\" value=\"").Append(sheets.Count - 1).Append("\" aria-label=\"sample sheet\" /> <span id=\"sheet-label\">").Append(E(Label(latest))).Append("</span></div>\n")
            .Append("<img id=\"sheet\" src=\"").Append(E($"{Samples}/{latest}")).Append("\" alt=\"").Append(E(Label(latest))).Append("\" />\n</div>\n")
            .Append("<div class=\"timeline\">\n");
        for (int i = 0; i < sheets.Count; i++)
            html.Append("<a class=\"thumb\" href=\"").Append(E($"{Samples}/{sheets[i]}")).Append("\" data-index=\"").Append(i).Append("\"><img loading=\"lazy\" src=\"")
                .Append(E($"{Samples}/{sheets[i]}")).Append("\" alt=\"").Append(E(Label(sheets[i]))).Append("\" /><span>").Append(E(Label(sheets[i]))).Append("</span></a>\n");
        html.Append("</div>\n</section>\n");
    }

    private static void AppendBest(StringBuilder html, string runDir, MetricsTable table)
    {
        html.Append("<section id=\"best\">\n<h2>Best image</h2>\n");
        if (!File.Exists(Path.Combine(runDir, BestImage)))
        {
            html.Append("<p class=\"note\">No best image in this run folder.</p>\n</section>\n");
            return;
        }
        html.Append("<div class=\"best\"><img src=\"").Append(BestImage).Append("\" alt=\"the best image so far\" />\n<p>");
        if (table["best_ever"] is { } bestEver && Array.FindLastIndex(bestEver, double.IsFinite) is var last and >= 0)
        {
            int first = Array.FindIndex(bestEver, v => v == bestEver[last]);
            html.Append("The highest-scoring image so far: score <b>").Append(ReportPlots.Format(bestEver[last])).Append("</b>, first reached at ")
                .Append(E(table.XName)).Append(' ').Append(ReportPlots.Format(table.X[first])).Append('.');
        }
        else html.Append("The highest-scoring image so far.");
        html.Append("</p></div>\n</section>\n");
    }

    private static string StatusOf(string lastEvent) =>
        lastEvent.Contains("finished") ? "finished" : lastEvent.Contains("interrupted") ? "interrupted" : "running";

    private static string StripTime(string line) => LogTime().Replace(line, "");

    private static string Duration(double seconds) =>
        seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s")
        : TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 86400 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>HTML-escapes text (and quotes, for attributes).</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\brun (finished|interrupted|started|resumed)\b")]
    private static partial Regex EventLine();
    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")]
    private static partial Regex LogTime();
    [GeneratedRegex(@"([a-z]+)-(\d+)\.png$")]
    private static partial Regex SheetNumber();

    /// <summary>The reports' stylesheet (shared by the run report and the comparison report).</summary>
    public const string Css = """

        :root { --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --paper: #ffffff; --wash: #f5f6f8; --accent: #2f5bb7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--wash); }
        header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; }
        h1 { margin: 0; font-size: 28px; }
        h2 { font-size: 19px; margin: 0 0 8px; }
        .sub { margin: 2px 0 8px; color: var(--muted); font-size: 16px; }
        .meta { color: var(--muted); margin: 6px 0; }
        .status { display: inline-block; margin: 0; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 14px; }
        .status.finished { background: #e3f4e6; color: #1f6b33; }
        .status.interrupted { background: #fdf0dc; color: #8a5300; }
        .status.running { background: #e4ecfb; color: #234a99; }
        nav { margin: 8px 0 16px; }
        nav a { color: var(--accent); margin-right: 14px; text-decoration: none; }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 0 0 16px; }
        .note { color: var(--muted); margin: 0 0 10px; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { text-align: right; padding: 3px 14px; border-bottom: 1px solid var(--line); }
        th:first-child, td:first-child { text-align: left; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
        figure.plot { margin: 0; }
        figure.plot svg { width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 13.5px; margin-top: 4px; }
        .viewer img { max-width: 100%; border: 1px solid var(--line); }
        .controls { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
        #sheet-slider { width: min(600px, 70%); }
        #sheet-label { font-weight: 600; }
        .timeline { display: flex; gap: 10px; overflow-x: auto; padding: 10px 0 4px; }
        .thumb { flex: 0 0 auto; text-align: center; color: var(--muted); font-size: 12px; text-decoration: none; }
        .thumb img { display: block; height: 110px; border: 2px solid transparent; }
        .thumb.current img { border-color: var(--accent); }
        .best { display: flex; gap: 20px; align-items: flex-start; }
        .best img { width: 256px; min-width: 256px; image-rendering: pixelated; border: 1px solid var(--line); }
        pre { background: var(--wash); padding: 10px 12px; border-radius: 6px; overflow-x: auto; font-size: 13px; margin: 0; }
        footer { color: var(--muted); font-size: 13px; padding-bottom: 24px; }

        """;

    private const string Script = """

        (function () {
          var slider = document.getElementById('sheet-slider');
          if (!slider) return;
          var thumbs = Array.prototype.slice.call(document.querySelectorAll('.thumb'));
          var sheet = document.getElementById('sheet'), label = document.getElementById('sheet-label');
          function show(i) {
            var t = thumbs[i];
            sheet.src = t.getAttribute('href');
            sheet.alt = label.textContent = t.querySelector('span').textContent;
            thumbs.forEach(function (x) { x.classList.toggle('current', x === t); });
          }
          slider.addEventListener('input', function () { show(+slider.value); });
          thumbs.forEach(function (t, i) {
            t.addEventListener('click', function (e) { e.preventDefault(); slider.value = i; show(i); });
          });
          show(+slider.value);
        })();

        """;
}
