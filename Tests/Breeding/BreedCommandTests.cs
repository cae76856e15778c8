using System.Text.RegularExpressions;
using Coevo.Experiments.Cli;
using Coevo.Tests.Support;

namespace Coevo.Tests.Breeding;

/// <summary><c>coevo breed</c>: its arguments are checked before anything listens, and it serves until stopped.</summary>
[TestClass]
public class BreedCommandTests : TempFolders
{
    [TestMethod]
    [DataRow("--artist", "dcgan", "unknown artist 'dcgan'; known: cppn, gp, biomorph")]
    [DataRow("--port", "70000", "--port must be from 0 to 65535")]
    [DataRow("--host", "example.org", "--host must be an IP address")]
    [DataRow("--session", "../up", "session names are 1 to 64 letters")]
    public void BadArgumentsExitWith2AndAMessage(string option, string value, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CoevoCli.Execute(["breed", option, value, "--out", TempDir()], stdout, stderr);
        Assert.AreEqual(CoevoCli.BadInput, code);
        StringAssert.Contains(stderr.ToString(), message);
        Assert.IsFalse(stderr.ToString().Contains("   at "), "no stack trace");
    }

    [TestMethod]
    public void HelpNamesEveryOption()
    {
        var stdout = new StringWriter();
        Assert.AreEqual(0, CoevoCli.Execute(["breed", "--help"], stdout, new StringWriter()));
        foreach (var o in new[] { "--artist", "--session", "--port", "--host", "--out" }) StringAssert.Contains(stdout.ToString(), o);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ItPrintsTheLoopbackAddressServesAndStopsOnCancel()
    {
        string dir = TempDir();
        var text = new StringWriter();
        var stdout = TextWriter.Synchronized(text);
        using var cts = new CancellationTokenSource();
        string Read() { lock (stdout) return text.ToString(); }
        var run = Task.Run(() => CoevoCli.Execute(["breed", "--artist", "biomorph", "--session", "mine", "--port", "0", "--out", dir], stdout, new StringWriter(), cts.Token));
        Match url = Match.Empty;
        for (int i = 0; i < 300 && !(url = Regex.Match(Read(), @"open (http://127\.0\.0\.1:\d+/)#session=mine")).Success; i++) await Task.Delay(100);
        Assert.IsTrue(url.Success, Read());
        using var http = new HttpClient { BaseAddress = new Uri(url.Groups[1].Value) };
        StringAssert.Contains(await http.GetStringAsync("/api/sessions/mine"), "\"artist\":\"biomorph\"");
        cts.Cancel();
        Assert.AreEqual(0, await run);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "breeding.db")));
    }
}
