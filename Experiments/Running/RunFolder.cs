using Coevo.Coevolution;

namespace Coevo.Experiments.Running;

/// <summary>Creates run folders: <c>results/&lt;yyyyMMdd-HHmmss&gt;-&lt;name&gt;/</c>. An existing run folder is never reused or overwritten.</summary>
public static class RunFolder
{
    /// <summary>The files and folders every run folder has.</summary>
    public const string ConfigFile = "config.yaml", MetricsFile = "metrics.csv", LogFile = "log.txt", Samples = "samples", Checkpoints = "checkpoints";

    /// <summary>
    /// Creates a new run folder. With <paramref name="explicitPath"/> (from <c>--out</c>) that exact folder is used and
    /// must not exist yet or be empty; otherwise a fresh timestamped folder inside <paramref name="parent"/> is made
    /// (with -2, -3 ... appended if two runs start in the same second).
    /// </summary>
    public static string Create(string parent, string name, DateTime now, string? explicitPath = null)
    {
        if (explicitPath != null)
        {
            string full = Path.GetFullPath(explicitPath);
            if (File.Exists(full))
                throw new InputException("--out names an existing file, not a folder; nothing was written", full);
            if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
                throw new InputException("run folder already exists and is not empty; it is never overwritten. Choose another --out, or continue it with --resume", full);
            return Prepare(full);
        }
        string stem = Path.GetFullPath(Path.Combine(parent, $"{now:yyyyMMdd-HHmmss}-{name}"));
        string candidate = stem;
        for (int i = 2; Directory.Exists(candidate) || File.Exists(candidate); i++) candidate = $"{stem}-{i}";
        return Prepare(candidate);
    }

    private static string Prepare(string dir)
    {
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, Samples));
        Directory.CreateDirectory(Path.Combine(dir, Checkpoints));
        return dir;
    }
}
