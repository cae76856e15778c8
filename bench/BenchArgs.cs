using System.Diagnostics;
using System.Globalization;

namespace Coevo.Bench;

/// <summary>`--name value` options for a benchmark, with typed defaults.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new();
    private readonly HashSet<string> _used = new();

    public BenchArgs(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) throw new ArgumentException($"expected --option, got '{args[i]}'");
            string key = args[i][2..];
            if (i + 1 >= args.Length) throw new ArgumentException($"--{key} needs a value");
            _values[key] = args[++i];
        }
    }

    public int Int(string name, int fallback) => Get(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));
    public double Double(string name, double fallback) => Get(name, fallback, s => double.Parse(s, CultureInfo.InvariantCulture));
    public string String(string name, string fallback) => Get(name, fallback, s => s);
    /// <summary>A comma-separated list of ints, e.g. <c>--sizes 128,256</c>.</summary>
    public int[] Ints(string name, int[] fallback) => Get(name, fallback, s => s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray());

    private T Get<T>(string name, T fallback, Func<string, T> parse)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var s)) return fallback;
        try { return parse(s); }
        catch (FormatException) { throw new ArgumentException($"--{name}: '{s}' is not a valid value"); }
    }

    /// <summary>Throws if an option was given that the benchmark never asked for.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}

/// <summary>Small helpers shared by the benchmarks.</summary>
public static class BenchUtil
{
    /// <summary>Median of a list of values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>Peak resident set size of this process in MiB (VmHWM from /proc).</summary>
    public static double PeakRssMiB() => ProcStatusKiB("VmHWM") / 1024.0;

    /// <summary>Current resident set size of this process in MiB (VmRSS from /proc).</summary>
    public static double RssMiB() => ProcStatusKiB("VmRSS") / 1024.0;

    private static double ProcStatusKiB(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key + ":"))
                return double.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return double.NaN;
    }

    /// <summary>The interpreter every reference script runs with (Debian's, where python3-torch and python3-numpy install).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Longest a reference script may run before it is stopped (a benchmark must never hang).</summary>
    public static readonly TimeSpan ReferenceTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The first of <paramref name="modules"/> that <see cref="Python"/> cannot import, as its Debian package name
    /// ("python3-torch"), or null when all import. A missing interpreter counts as missing the first module.
    /// </summary>
    public static string? MissingPythonModule(params string[] modules)
    {
        foreach (var module in modules)
        {
            if (!File.Exists(Python)) return $"python3-{module}";
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add($"import {module}");
            using var p = Process.Start(psi)!;
            var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
            if (!p.WaitForExit(TimeSpan.FromMinutes(1))) { p.Kill(entireProcessTree: true); return $"python3-{module}"; }
            drain.Wait();
            if (p.ExitCode != 0) return $"python3-{module}";
        }
        return null;
    }

    /// <summary>
    /// Runs a reference script with <see cref="Python"/> and returns its `RESULT k=v ...` pairs (empty if it failed or
    /// ran past <paramref name="timeout"/> (default <see cref="ReferenceTimeout"/>), when it is stopped and says so).
    /// </summary>
    public static Dictionary<string, string> RunReference(string script, string arguments, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        var limit = timeout ?? ReferenceTimeout;
        var result = new Dictionary<string, string>();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Console.Error.WriteLine($"reference {Path.GetFileName(script)} stopped after {limit.TotalSeconds:F0} s (timed out); no reference figures");
            return result;
        }
        string stdout = stdoutTask.Result, stderr = stderrTask.Result;
        foreach (var line in stdout.Split('\n').Where(l => l.StartsWith("RESULT ")))
            foreach (var pair in line[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0) result[pair[..eq]] = pair[(eq + 1)..];
            }
        if (p.ExitCode != 0) Console.Error.WriteLine($"reference {script} failed ({p.ExitCode}): {stderr.Trim()}");
        return result;
    }

    /// <summary>The folder holding the project's own reference scripts: bench/reference in the repository.</summary>
    public static string ReferenceDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "bench", "reference"))) dir = dir.Parent;
        string repo = dir?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(repo, "bench", "reference");
    }
}
