using System.Diagnostics;
using System.Text.RegularExpressions;
using Coevo.Tests.Support;
using Microsoft.Playwright;

namespace Coevo.Tests.Breeding;

/// <summary>
/// A person at the page, played by Playwright driving Debian's chromium (headless, never downloaded): starts
/// <c>coevo breed</c> as a process, evolves three generations, goes back, branches from an older lineage node, saves to
/// the gallery, kills the server (a crash) and starts it again, and finds the session, lineage and gallery intact.
/// Screenshots land in TestResults/breeding-browser/ at the repository root.
/// </summary>
[TestClass]
public class BreedingBrowserTests : TempFolders
{
    public TestContext TestContext { get; set; } = null!;

    private const string Chromium = "/usr/bin/chromium";

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Coevo.sln"))) return d.FullName;
        throw new InvalidOperationException("Coevo.sln not found above the test assembly");
    }

    /// <summary><c>coevo breed</c> as its own process; returns it and the address it printed.</summary>
    private static async Task<(Process Process, string Url)> StartServer(string outDir)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "coevo.dll"), "breed", "--artist", "cppn", "--session", "browser", "--port", "0", "--out", outDir })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            var m = Regex.Match(e.Data, @"open (http://127\.0\.0\.1:\d+/#session=browser)");
            if (m.Success) url.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var done = await Task.WhenAny(url.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (done != url.Task)
        {
            process.Kill(true);
            lock (output) Assert.Fail($"coevo breed printed no address within 60 s:\n{output}");
        }
        return (process, await url.Task);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task APersonBreedsBranchesSavesAndFindsEverythingAfterARestart()
    {
        Assert.IsTrue(File.Exists(Chromium), "chromium is missing: scripts/setup --test installs it (apt package chromium)");
        string shots = Path.Combine(RepoRoot(), "TestResults", "breeding-browser");
        Directory.CreateDirectory(shots);
        string outDir = TempDir();
        var (server, url) = await StartServer(outDir);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 940 } });
            // generous waits: on a loaded 2-core CI machine a generation can take seconds, not the ~100 ms of a quiet one
            Assertions.SetDefaultExpectTimeout(30_000);
            page.SetDefaultTimeout(60_000);
            var errors = new List<string>();
            page.PageError += (_, e) => errors.Add(e);
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

            async Task Shot(string name)
            {
                await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
                string path = Path.Combine(shots, name);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
                TestContext.AddResultFile(path);
            }
            var where = page.GetByTestId("where");
            ILocator Cell(int i) => page.Locator($"[data-testid=cell][data-index=\"{i}\"]");

            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByTestId("cell")).ToHaveCountAsync(16);
            await Assertions.Expect(where).ToContainTextAsync("generation 0 · node 1");
            await Assertions.Expect(page.GetByTestId("evolve")).ToBeDisabledAsync();
            await Shot("01-first-generation.png");

            // Generation 1: two parents (a cross), chosen with the mouse.
            await Cell(3).ClickAsync();
            await Cell(7).ClickAsync();
            await Assertions.Expect(page.GetByTestId("selection-hint")).ToContainTextAsync("2 chosen");
            await Shot("02-two-chosen.png");
            await page.GetByTestId("evolve").ClickAsync();
            await Assertions.Expect(where).ToContainTextAsync("generation 1 · node 2");

            // Generation 2: with the keyboard, and more mutations.
            // The settings save is slowed down, so Enter arrives while the page is busy saving: it must wait, not be dropped.
            await page.RouteAsync("**/settings", async route => { await Task.Delay(1500); await route.ContinueAsync(); });
            await page.GetByTestId("mutations").FillAsync("3");
            await page.Keyboard.PressAsync("5");
            await Assertions.Expect(Cell(5)).ToHaveClassAsync(new Regex("chosen"));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(where).ToContainTextAsync("generation 2 · node 3");
            await page.UnrouteAsync("**/settings");

            // Generation 3.
            await Cell(9).ClickAsync();
            await page.GetByTestId("evolve").ClickAsync();
            await Assertions.Expect(where).ToContainTextAsync("generation 3 · node 4");
            await Assertions.Expect(page.GetByTestId("lineage-node")).ToHaveCountAsync(4);
            await Cell(2).HoverAsync();
            await Shot("03-third-generation.png");

            // Back one step, then branch from the first generation in the lineage. The lineage reloads slowly after
            // going back, so the click on node 1 comes while the page is still busy: it must wait its turn, not be lost.
            await page.RouteAsync("**/lineage", async route => { await Task.Delay(1500); await route.ContinueAsync(); });
            await page.GetByTestId("back").ClickAsync();
            await Assertions.Expect(where).ToContainTextAsync("generation 2 · node 3");
            await page.Locator("[data-testid=lineage-node][data-node=\"1\"]").ClickAsync();
            await page.UnrouteAsync("**/lineage");
            await Assertions.Expect(where).ToContainTextAsync("generation 0 · node 1");
            await Cell(12).ClickAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(where).ToContainTextAsync("generation 1 · node 5");
            await Assertions.Expect(page.GetByTestId("lineage-node")).ToHaveCountAsync(5);
            await Shot("04-branched.png");

            // The genome of the parent, as a network diagram.
            await page.GetByTestId("tab-genome").ClickAsync();
            await Cell(0).HoverAsync();
            await page.Locator("[data-testid=cell][data-index=\"0\"] .inspect").HoverAsync();
            await Assertions.Expect(page.Locator("#genome-view svg circle").First).ToBeVisibleAsync();
            await Shot("05-genome.png");

            // Enlarge a child, zoom in, and save it to the gallery.
            await Cell(4).HoverAsync();
            await page.Locator("[data-testid=cell][data-index=\"4\"] .inspect").ClickAsync();
            await Assertions.Expect(page.GetByTestId("inspector")).ToBeVisibleAsync();
            await page.GetByTestId("zoom").FillAsync("0.7");
            await Assertions.Expect(page.GetByTestId("render-link")).ToHaveAttributeAsync("href", new Regex("zoom=2\\.0"));
            await page.WaitForFunctionAsync("() => document.querySelector('#inspect-img').src.includes('zoom=2.0') && document.querySelector('#inspect-img').complete");
            await page.GetByTestId("save-title").FillAsync("Branch study");
            await page.GetByTestId("save-tags").FillAsync("test, branch");
            await Shot("06-inspector.png");
            await page.GetByTestId("save-go").ClickAsync();
            await Assertions.Expect(page.GetByTestId("gallery-item")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("gallery")).ToContainTextAsync("Branch study");
            await Shot("07-gallery.png");

            // A crash: the server is killed, started again, and the page reloaded.
            server.Kill(true);
            await server.WaitForExitAsync();
            server.Dispose();
            (server, url) = await StartServer(outDir);
            await page.GotoAsync(url);
            await Assertions.Expect(where).ToContainTextAsync("generation 1 · node 5");
            await Assertions.Expect(page.GetByTestId("lineage-node")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("[data-testid=lineage-node][data-node=\"5\"]")).ToHaveClassAsync(new Regex("current"));
            await Assertions.Expect(page.GetByTestId("mutations")).ToHaveValueAsync("3");
            await page.GetByTestId("tab-gallery").ClickAsync();
            await Assertions.Expect(page.GetByTestId("gallery-item")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("gallery")).ToContainTextAsync("Branch study");
            await Shot("08-after-restart.png");
            Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        }
        finally
        {
            if (!server.HasExited) server.Kill(true);
            server.Dispose();
        }
    }
}
