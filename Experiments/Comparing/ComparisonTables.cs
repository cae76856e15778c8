using System.Globalization;
using System.Text;
using Coevo.Coevolution.IO;

namespace Coevo.Experiments.Comparing;

/// <summary>One approach's figures over its seeds.</summary>
/// <param name="Approach">The cell's name.</param>
/// <param name="Describe">"cppn artist · cnn critic · coevolve schedule".</param>
/// <param name="Seeds">Seeds that finished.</param>
/// <param name="Mean">Mean over those seeds, by figure.</param>
/// <param name="Std">Sample standard deviation over them (NaN with one seed).</param>
public sealed record ApproachSummary(string Approach, string Describe, IReadOnlyList<int> Seeds,
    IReadOnlyDictionary<string, double> Mean, IReadOnlyDictionary<string, double> Std);

/// <summary>
/// A comparison's tables: <c>cells.csv</c> (one row per finished cell), <c>comparison.csv</c> (mean and standard
/// deviation over the seeds, per approach) and <c>comparison.md</c> (the same as a Markdown table with what it means).
/// </summary>
public static class ComparisonTables
{
    /// <summary>File names.</summary>
    public const string CellsCsv = "cells.csv", ComparisonCsv = "comparison.csv", ComparisonMd = "comparison.md";

    /// <summary>The approaches' summaries, in the compare file's order (approaches without a finished cell left out).</summary>
    public static IReadOnlyList<ApproachSummary> Summarise(CompareConfig config, Measurements m)
    {
        var list = new List<ApproachSummary>();
        foreach (var approach in config.Approaches)
        {
            var rows = m.Cells.Where(c => c.Cell.Approach == approach).ToList();
            if (rows.Count == 0) continue;
            var mean = new Dictionary<string, double>();
            var std = new Dictionary<string, double>();
            foreach (var (key, _, _) in CellMeasurement.Columns)
            {
                var v = rows.Select(r => r.Values[key]).ToArray();
                double mu = v.Average();
                mean[key] = mu;
                std[key] = v.Length < 2 ? double.NaN : Math.Sqrt(v.Sum(x => (x - mu) * (x - mu)) / (v.Length - 1));
            }
            var cfg = rows[0].Cell.Config;
            list.Add(new ApproachSummary(approach, $"{cfg.Artist.Component.Name} artist · {cfg.Critic.Component.Name} critic · {cfg.Schedule.Component.Name} schedule",
                rows.Select(r => r.Cell.Seed).ToList(), mean, std));
        }
        return list;
    }

    /// <summary>Writes the three files into <paramref name="dir"/>; returns the summaries.</summary>
    public static IReadOnlyList<ApproachSummary> Write(string dir, CompareConfig config, Measurements m)
    {
        var summaries = Summarise(config, m);
        var keys = CellMeasurement.Columns.Select(c => c.Key).ToList();

        var cells = new StringBuilder("approach,seed,artist,critic,schedule," + string.Join(',', keys) + "\n");
        foreach (var c in m.Cells)
        {
            var cfg = c.Cell.Config;
            cells.Append(c.Cell.Approach).Append(',').Append(c.Cell.Seed).Append(',').Append(cfg.Artist.Component.Name).Append(',')
                .Append(cfg.Critic.Component.Name).Append(',').Append(cfg.Schedule.Component.Name);
            foreach (var k in keys) cells.Append(',').Append(Csv(c.Values[k]));
            cells.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(dir, CellsCsv), cells.ToString());

        var table = new StringBuilder("approach,artist,critic,schedule,seeds," + string.Join(',', keys.SelectMany(k => new[] { k + "_mean", k + "_std" })) + "\n");
        foreach (var s in summaries)
        {
            var cfg = config.Of(s.Approach).First().Config;
            table.Append(s.Approach).Append(',').Append(cfg.Artist.Component.Name).Append(',').Append(cfg.Critic.Component.Name).Append(',')
                .Append(cfg.Schedule.Component.Name).Append(',').Append(s.Seeds.Count);
            foreach (var k in keys) table.Append(',').Append(Csv(s.Mean[k])).Append(',').Append(Csv(s.Std[k]));
            table.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(dir, ComparisonCsv), table.ToString());
        AtomicFile.WriteAllText(Path.Combine(dir, ComparisonMd), Markdown(config, m, summaries));
        return summaries;
    }

    /// <summary>"budget: seconds 120, images 100000 per cell".</summary>
    public static string BudgetText(CompareConfig config)
    {
        var b = config.Budget;
        var parts = new List<string>();
        if (b.Images is { } i) parts.Add($"{i.ToString("N0", CultureInfo.InvariantCulture)} images judged");
        if (b.Seconds is { } s) parts.Add($"{s.ToString("G", CultureInfo.InvariantCulture)} s");
        if (b.Generations is { } g) parts.Add($"{g} generations");
        if (b.Steps is { } st) parts.Add($"{st} steps");
        return string.Join(" or ", parts) + " per cell, whichever comes first";
    }

    /// <summary>The Markdown table alone (approach, then each figure as mean ± std), best means in bold.</summary>
    public static string MarkdownTable(IReadOnlyList<ApproachSummary> summaries)
    {
        var sb = new StringBuilder("| approach | artist · critic · schedule |");
        foreach (var (_, heading, better) in CellMeasurement.Columns) sb.Append(' ').Append(heading).Append(better > 0 ? " ↑" : better < 0 ? " ↓" : "").Append(" |");
        sb.Append("\n|---|---|").Append(string.Concat(CellMeasurement.Columns.Select(_ => "---:|"))).Append('\n');
        foreach (var s in summaries)
        {
            sb.Append("| ").Append(s.Approach).Append(" | ").Append(s.Describe).Append(" |");
            foreach (var (key, _, better) in CellMeasurement.Columns)
            {
                string cell = PlusMinus(s.Mean[key], s.Std[key], key);
                bool best = better != 0 && summaries.Count > 1 && double.IsFinite(s.Mean[key])
                    && summaries.All(o => !double.IsFinite(o.Mean[key]) || (better > 0 ? o.Mean[key] <= s.Mean[key] : o.Mean[key] >= s.Mean[key]))
                    && summaries.Any(o => double.IsFinite(o.Mean[key]) && o.Mean[key] != s.Mean[key]);
                sb.Append(' ').Append(best ? $"**{cell}**" : cell).Append(" |");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Markdown(CompareConfig config, Measurements m, IReadOnlyList<ApproachSummary> summaries)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(config.Name).Append("\n\n");
        sb.Append($"{summaries.Count} approaches × seeds {string.Join(", ", config.Seeds)}; budget: {BudgetText(config)}. ")
            .Append($"Each figure is the mean ± standard deviation over the seeds that finished.\n\n");
        sb.Append(MarkdownTable(summaries)).Append('\n');
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"Measured on {m.SamplesPerCell} images per cell (a generator's fresh samples; an evolving artist's final population, best first), "))
            .Append($"against {m.RealImages} images of {m.RealDescription}, in the feature space of {m.FeaturesLabel} (a network trained by Coevo, not Inception: ")
            .Append("these FIDs are not comparable with published ones, and FID is biased upwards on few images, so compare rows, not absolute values).\n\n");
        sb.Append("- **FID, KID**: distance between the feature distributions of real and generated images (lower is closer).\n")
            .Append("- **precision**: share of generated images that look real (inside the real images' k-NN manifold); **recall**: share of real variety covered.\n")
            .Append("- **diversity**: mean feature distance between two generated images (0 = all alike).\n")
            .Append(string.Create(CultureInfo.InvariantCulture,
                $"- **fooling rate**: share of a cell's images that a held-out critic, a fresh CNN trained on real images against half of every cell's images, calls real; scored on the other half. It calls {m.CriticRealAccuracy:P0} of unseen real images real.\n"))
            .Append("- **complexity** (Machado & Cardoso) and **bell curve** (Ross & Ralph): the aesthetic critics' mean scores; neither is better by itself.\n")
            .Append("- **images judged, seconds**: the budget each cell spent.\n");
        if (m.Missing.Count > 0)
            sb.Append("\nNot finished, so not in the table: ").Append(string.Join(", ", m.Missing.Select(c => c.Id))).Append(".\n");
        return sb.ToString();
    }

    /// <summary>"12.3 ± 0.4": three significant figures for the mean, the std to the same decimal place.</summary>
    public static string PlusMinus(double mean, double std, string key)
    {
        if (!double.IsFinite(mean)) return "–";
        if (key is "images_judged") return double.IsFinite(std) && std > 0 ? $"{Short(mean)} ± {Short(std)}" : Short(mean);
        double scale = Math.Max(Math.Abs(mean), double.IsFinite(std) ? std : 0);
        int decimals = scale == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(scale)), 0, 6);
        string f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        string m = mean.ToString(f, CultureInfo.InvariantCulture);
        return double.IsFinite(std) ? $"{m} ± {std.ToString(f, CultureInfo.InvariantCulture)}" : m;
    }

    private static string Short(double v) =>
        v >= 1e6 ? (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M"
        : v >= 1e3 ? (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : v.ToString("0", CultureInfo.InvariantCulture);

    private static string Csv(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);
}
