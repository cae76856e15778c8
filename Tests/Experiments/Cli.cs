using System.Diagnostics;
using Coevo.Experiments.Cli;

namespace Coevo.Tests.Experiments;

/// <summary>Runs the coevo command line in this process, or as a real child process (for kill and signal tests).</summary>
internal static class Cli
{
    /// <summary>Exit code, stdout and stderr of <c>coevo args</c>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args) => RunWith(default, args);

    /// <summary>The same, with a cancellation token standing for Ctrl-C.</summary>
    public static (int Code, string Out, string Err) RunWith(CancellationToken cancel, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CoevoCli.Execute(args, stdout, stderr, cancel);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The run folder a run or resume printed.</summary>
    public static string RunDir(string stdout)
    {
        var line = stdout.Split('\n').First(l => l.StartsWith("running") || l.StartsWith("resuming"));
        return line[(line.IndexOf(" in ", StringComparison.Ordinal) + 4)..].Trim();
    }

    /// <summary>Starts <c>coevo args</c> as a child process (the build next to the tests), with extra environment variables.</summary>
    public static Process Start(string[] args, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "coevo.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    /// <summary>Runs a child to its end (at most <paramref name="timeout"/>); its exit code and output.</summary>
    public static (int Code, string Out, string Err) Child(string[] args, IDictionary<string, string>? environment = null, int timeout = 120_000)
    {
        using var p = Start(args, environment);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"coevo {string.Join(' ', args)} did not end within {timeout / 1000} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>metrics.csv without the elapsed-time column (which differs from run to run).</summary>
    public static string[] Scores(string runDir)
    {
        var lines = File.ReadAllLines(Path.Combine(runDir, "metrics.csv"));
        int elapsed = Array.IndexOf(lines[0].Split(','), "elapsed_s");
        return lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != elapsed))).ToArray();
    }

    /// <summary>The population file of a run's checkpoint after <paramref name="generation"/> generations.</summary>
    public static byte[] Population(string runDir, int generation) =>
        File.ReadAllBytes(Path.Combine(runDir, "checkpoints", $"gen-{generation:D6}", "population.json"));
}
