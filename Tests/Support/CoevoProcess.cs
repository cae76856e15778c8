using System.Diagnostics;

namespace Coevo.Tests.Support;

/// <summary>Runs the <c>coevo</c> CLI as a separate process (the copy built next to the tests), as a user would.</summary>
internal static class CoevoProcess
{
    /// <summary>coevo.dll beside the test assembly.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "coevo.dll");

    /// <summary>Starts <c>dotnet coevo.dll args</c> with redirected output.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Runs to the end (at most <paramref name="timeoutSeconds"/>) and returns the exit code and output.</summary>
    public static (int Code, string Out, string Err) Run(string workingDirectory, int timeoutSeconds, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"coevo {string.Join(' ', args)} did not finish within {timeoutSeconds} s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
