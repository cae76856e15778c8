using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Coevo.Coevolution.Reporting;
using Coevo.Experiments.Cli;
using Coevo.Tests.Experiments;
using Microsoft.Playwright;

namespace Coevo.Tests.Coevolution.Reporting;

[TestClass]
public class ReportTests
{
    private static (int Code, string Out, string Err) Coevo(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CoevoCli.Execute(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The tiny config, measuring against 200 Fashion-MNIST sneakers every 2 generations.</summary>
    private static string MeasuredYaml() => TestFolder.ValidYaml("""
        data:
          type: fashion_mnist
          classes: [Sneaker]
          limit: 200
        metrics:
          every: 2
          samples: 100
        """).Replace("generations: 3", "generations: 5").Replace("population: 6", "population: 12");

    private static XDocument Parse(string html) =>
        XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [TestMethod]
    public void ATinyRunWritesAReportThatParsesHasPlotsAndSheetsAndStaysInsideItsFolder()
    {
        using var folder = new TestFolder();
        string run = Path.Combine(folder.Dir, "run");
        var (code, _, err) = Coevo("run", folder.Write(MeasuredYaml()), "--out", run);
        Assert.AreEqual(0, code, err);

        var rows = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.AreEqual("generation,best,mean,std,diversity,best_ever,elapsed_s,images_judged,fid,kid,kid_std,precision,recall,feature_diversity", rows[0]);
        var fid = rows.Skip(1).Select(r => r.Split(',')[8]).ToArray();
        // measured at generation 1, every 2nd and the last; empty cells elsewhere
        CollectionAssert.AreEqual(new[] { true, true, false, true, true }, fid.Select(v => v.Length > 0).ToArray(), string.Join("\n", rows));
        StringAssert.Contains(File.ReadAllText(Path.Combine(run, "log.txt")), "metrics at evolve unit 2 (Coevo Fashion-MNIST features, 12 generated vs 100 real images");

        string html = File.ReadAllText(Path.Combine(run, RunReport.FileName));
        var doc = Parse(html);
        var svgs = doc.Descendants(Svg + "svg").ToList();
        var titles = svgs.SelectMany(s => s.Descendants(Svg + "text")).Select(t => t.Value.Trim()).ToList();
        foreach (var title in new[] { "score", "pixel diversity", "FID (Coevo Fashion-MNIST features)", "KID (Coevo Fashion-MNIST features)", "precision / recall", "feature diversity (Coevo Fashion-MNIST features)" })
            CollectionAssert.Contains(titles, title);
        Assert.IsFalse(html.Contains("Inception FID") || titles.Any(t => t.Contains("Inception")), "never called Inception");
        StringAssert.Contains(html, "mean distance between the feature vectors of two different generated images");
        StringAssert.Contains(html, "tiny</h1>");
        StringAssert.Contains(html, "run finished after generation 5");
        StringAssert.Contains(html, "population: 12", "the full config");

        // every file it refers to is inside the run folder, and exists
        var refs = doc.Descendants().SelectMany(e => e.Attributes().Where(a => a.Name.LocalName is "src" or "href")).Select(a => a.Value).Where(v => !v.StartsWith('#')).ToList();
        CollectionAssert.Contains(refs, "samples/gen-0005.png");
        CollectionAssert.Contains(refs, "best.png");
        foreach (var r in refs)
        {
            Assert.IsFalse(Regex.IsMatch(r, "^([a-z]+:|/|\\.\\.)"), $"{r} points outside the run folder");
            Assert.IsTrue(File.Exists(Path.Combine(run, r)), $"{r} is missing");
        }
        Assert.AreEqual(Directory.GetFiles(Path.Combine(run, "samples")).Length, doc.Descendants().Count(e => e.Attribute("class")?.Value == "thumb"), "one timeline entry per sheet");
    }

    [TestMethod]
    public void TheReportRendersInAHeadlessBrowserWithoutTheNetwork()
    {
        using var folder = new TestFolder();
        string run = Path.Combine(folder.Dir, "run");
        Assert.AreEqual(0, Coevo("run", folder.Write(MeasuredYaml()), "--out", run).Code);
        string report = Path.Combine(run, RunReport.FileName);

        using var playwright = Playwright.CreateAsync().GetAwaiter().GetResult();
        var browser = playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }).GetAwaiter().GetResult();
        try
        {
            var page = browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1300, Height = 900 } }).GetAwaiter().GetResult();
            var requests = new List<string>();
            var errors = new List<string>();
            page.Request += (_, r) => requests.Add(r.Url);
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);
            page.GotoAsync(new Uri(report).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).GetAwaiter().GetResult();

            Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
            string runUri = new Uri(run + "/").AbsoluteUri;
            Assert.IsTrue(requests.All(u => u.StartsWith(runUri, StringComparison.Ordinal)), string.Join("\n", requests));
            // the timeline's thumbnails load lazily: ask for all of them, then see that each one decoded
            int broken = page.EvaluateAsync<int>("""
                async () => {
                  const images = Array.from(document.images);
                  images.forEach(i => i.loading = 'eager');
                  await Promise.all(images.map(i => i.decode().catch(() => null)));
                  return images.filter(i => i.naturalWidth === 0).length;
                }
                """).GetAwaiter().GetResult();
            Assert.AreEqual(0, broken, "every image loads from disk");
            Assert.IsTrue(page.EvaluateAsync<int>("() => document.querySelectorAll('figure.plot svg').length").GetAwaiter().GetResult() >= 6);
            // the slider steps through the timeline
            page.Locator("#sheet-slider").FillAsync("0").GetAwaiter().GetResult();
            Assert.AreEqual("generation 1", page.Locator("#sheet-label").TextContentAsync().GetAwaiter().GetResult());
            StringAssert.EndsWith(page.Locator("#sheet").GetAttributeAsync("src").GetAwaiter().GetResult(), "gen-0001.png");
            byte[] shot = page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true }).GetAwaiter().GetResult();
            Assert.IsTrue(shot.Length > 50_000, "a full page with plots and sheets");
            if (Environment.GetEnvironmentVariable("COEVO_REPORT_SCREENSHOT") is { Length: > 0 } keep)
            {
                File.WriteAllBytes(keep, shot);
                File.Copy(report, Path.ChangeExtension(keep, ".html"), overwrite: true);
            }
        }
        finally
        {
            browser.CloseAsync().GetAwaiter().GetResult();
        }
    }

    [TestMethod]
    public void CoevoReportRebuildsItAndRejectsWhatIsNotARunFolder()
    {
        using var folder = new TestFolder();
        string run = Path.Combine(folder.Dir, "run");
        Assert.AreEqual(0, Coevo("run", folder.Write(TestFolder.ValidYaml()), "--out", run).Code);
        string report = Path.Combine(run, RunReport.FileName);
        string before = File.ReadAllText(report);
        File.Delete(report);
        var (code, output, err) = Coevo("report", run);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, report);
        static string Timeless(string s) => Regex.Replace(s, @"report written [0-9: -]+", "");
        Assert.IsTrue(Timeless(before) == Timeless(File.ReadAllText(report)), "the rebuilt report is the one the run wrote");

        var missing = Coevo("report", Path.Combine(folder.Dir, "nothing"));
        Assert.AreEqual(2, missing.Code);
        StringAssert.Contains(missing.Err, "run folder not found");
        var notRun = Coevo("report", folder.Dir);
        Assert.AreEqual(2, notRun.Code);
        StringAssert.Contains(notRun.Err, "not a run folder: config.yaml is missing");
    }

    [TestMethod]
    public void PlotsAreGroupedForAnyColumnsAGanOrCoevolutionRunWrites()
    {
        var specs = ReportPlots.Group(["loss_d", "loss_g", "d_real", "d_fake", "fid", "kid", "kid_std", "grad_norm"], "Coevo Fashion-MNIST features");
        var byTitle = specs.ToDictionary(s => s.Title);
        CollectionAssert.AreEqual(new[] { "GAN losses", "D(x) and D(G(z))", "FID (Coevo Fashion-MNIST features)", "KID (Coevo Fashion-MNIST features)", "grad_norm" }, specs.Select(s => s.Title).ToArray());
        CollectionAssert.AreEqual(new[] { "loss_d", "loss_g" }, byTitle["GAN losses"].Lines.ToArray());
        CollectionAssert.AreEqual(new[] { "d_real", "d_fake" }, byTitle["D(x) and D(G(z))"].Lines.ToArray());
        StringAssert.Contains(byTitle["GAN losses"].Explanation, "2·ln 2");
        Assert.AreEqual("kid_std", byTitle["KID (Coevo Fashion-MNIST features)"].Bands["kid"]);
        StringAssert.Contains(byTitle["FID (Coevo Fashion-MNIST features)"].Explanation, "Not comparable with FIDs measured with Inception");
    }

    [TestMethod]
    public void ExtraColumnsAreWrittenAndAResumedFileIsPaddedToThem()
    {
        string dir = Directory.CreateTempSubdirectory("coevo-test-").FullName;
        try
        {
            string csv = Path.Combine(dir, "metrics.csv");
            File.WriteAllText(csv, MetricsCsvReporter.Header + "\n1,1,1,0,0,1,0.1,8\n2,1,1,0,0,1,0.2,16\n3,1,1,0,0,1,0.3,24\n");
            var reporter = new MetricsCsvReporter(csv, "generation", ["best", "mean", "std", "diversity", "best_ever"], [new Every2()]);
            var state = new Coevo.Coevolution.Schedules.RunState { Generation = 2, BestEver = 1 };
            reporter.Started(state);
            reporter.UnitEnded(Report(3));
            reporter.UnitEnded(Report(4));
            var lines = File.ReadAllLines(csv);
            Assert.AreEqual(MetricsCsvReporter.Header + ",x", lines[0]);
            Assert.AreEqual("1,1,1,0,0,1,0.1,8,", lines[1]);
            StringAssert.EndsWith(lines[3], ",");   // generation 3: not measured
            StringAssert.EndsWith(lines[4], ",8");  // generation 4: twice its number
            var table = MetricsTable.Read(csv);
            CollectionAssert.AreEqual(new[] { double.NaN, double.NaN, double.NaN, 8.0 }, table["x"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Coevo.Coevolution.Schedules.UnitReport Report(int unit) => new()
    {
        Unit = unit, Phase = "evolve", Summary = "",
        State = new Coevo.Coevolution.Schedules.RunState { Generation = unit, BestEver = 1 },
        Values = new Dictionary<string, double> { ["best"] = 1, ["mean"] = 1, ["std"] = 0, ["diversity"] = 0, ["best_ever"] = 1 },
        Judged = new(([], [])), Sample = _ => [],
    };

    private sealed class Every2 : IMetricColumns
    {
        public IReadOnlyList<string> Columns => ["x"];
        public IReadOnlyList<double> Measure(Coevo.Coevolution.Schedules.UnitReport report) => [report.Unit % 2 == 0 ? 2.0 * report.Unit : double.NaN];
    }
}
