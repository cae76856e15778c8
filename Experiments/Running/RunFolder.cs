using Coevo.Coevolution;
using Coevo.Coevolution.IO;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>
/// Run folders: <c>results/&lt;yyyyMMdd-HHmmss&gt;-&lt;name&gt;/</c>. An existing run folder is never reused or
/// overwritten, and only one process at a time works in one (<see cref="Claim"/>).
/// </summary>
public static class RunFolder
{
    /// <summary>The files and folders every run folder has.</summary>
    public const string ConfigFile = "config.yaml", MetricsFile = "metrics.csv", LogFile = "log.txt", Samples = "samples", Checkpoints = "checkpoints";

    /// <summary>Copies of the run's input files (target picture, seed genome), so the folder can be moved and still resumed.</summary>
    public const string Inputs = "inputs";

    /// <summary>The best image so far at the end of a run, and its side in pixels.</summary>
    public const string BestImage = "best.png";
    /// <summary>Side of <see cref="BestImage"/>.</summary>
    public const int BestImageSize = 512;

    /// <summary>Input files up to this size are copied into <see cref="Inputs"/>; bigger ones are referred to where they are.</summary>
    public const long CopyLimit = 64L << 20;

    /// <summary>
    /// Creates a new run folder. With <paramref name="explicitPath"/> (from <c>--out</c>) that exact folder is used and
    /// must not exist yet or be empty; otherwise a fresh timestamped folder inside <paramref name="parent"/> is made
    /// (with -2, -3 ... appended if two runs start in the same second). A path that cannot be a folder is an
    /// <see cref="InputException"/> naming it.
    /// </summary>
    public static string Create(string parent, string name, DateTime now, string? explicitPath = null)
    {
        if (explicitPath != null)
        {
            if (string.IsNullOrWhiteSpace(explicitPath) || explicitPath.Contains('\0'))
                throw new InputException($"--out: expected a folder, got '{explicitPath}'");
            string full = Path.GetFullPath(explicitPath);
            if (File.Exists(full))
                throw new InputException("--out names an existing file, not a folder; nothing was written", full);
            if (Directory.Exists(full) && !IsUnused(full))
                throw new InputException("run folder already exists and is not empty; it is never overwritten. Choose another --out, or continue it with --resume", full);
            return Prepare(full, "--out");
        }
        string stem = Path.GetFullPath(Path.Combine(parent, $"{now:yyyyMMdd-HHmmss}-{name}"));
        string candidate = stem;
        for (int i = 2; Directory.Exists(candidate) || File.Exists(candidate); i++) candidate = $"{stem}-{i}";
        return Prepare(candidate, "output.dir");
    }

    private static string Prepare(string dir, string from)
    {
        if (OptionBinder.FileOnTheWay(dir) is { } file)
            throw new InputException($"{from}: '{file}' is a file, so the run folder cannot be made there; nothing was written", dir);
        try
        {
            Directory.CreateDirectory(dir);
            Directory.CreateDirectory(Path.Combine(dir, Samples));
            Directory.CreateDirectory(Path.Combine(dir, Checkpoints));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException($"{from}: cannot create the run folder: {e.Message}", dir, inner: e);
        }
        return dir;
    }

    /// <summary>
    /// Takes the folder's lock for this process (until disposed). A second process gets an <see cref="InputException"/>.
    /// With <paramref name="fresh"/>, the folder must (still) hold nothing else: two runs racing for one --out cannot both win.
    /// </summary>
    public static FolderLock Claim(string dir, bool fresh)
    {
        var claim = FolderLock.Acquire(dir);
        if (fresh && !IsUnused(dir))
        {
            claim.Dispose();
            throw new InputException("run folder already exists and is not empty; it is never overwritten. Choose another --out, or continue it with --resume", dir);
        }
        return claim;
    }

    /// <summary>
    /// True when <paramref name="dir"/> holds nothing a run wrote: nothing at all, or only the empty folders and lock
    /// file a run makes first (a run killed that early can be started again with the same --out).
    /// </summary>
    public static bool IsUnused(string dir) =>
        Directory.EnumerateFileSystemEntries(dir).All(e => Path.GetFileName(e) is FolderLock.FileName
            || Path.GetFileName(e) is Samples or Checkpoints && Directory.Exists(e) && !Directory.EnumerateFileSystemEntries(e).Any());

    /// <summary>
    /// How paths are written into the run folder's <c>config.yaml</c>: input files (up to <see cref="CopyLimit"/>) are
    /// copied into <see cref="Inputs"/> and written relative to the run folder, so the folder can be moved or the
    /// originals changed and the run still resumes exactly; anything else inside the run folder is written relative
    /// too, and the rest as full paths.
    /// </summary>
    public static Func<string, string> StoredPath(string runDir) => full =>
    {
        string root = Path.GetFullPath(runDir);
        string relative = Path.GetRelativePath(root, full);
        bool inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        if (inside || !File.Exists(full) || new FileInfo(full).Length > CopyLimit) return inside ? relative : full;
        string inputs = Path.Combine(root, Inputs);
        Directory.CreateDirectory(inputs);
        string name = Path.GetFileName(full);
        string copy = Path.Combine(inputs, name);
        for (int i = 2; File.Exists(copy) && !SameBytes(copy, full); i++)
            copy = Path.Combine(inputs, $"{Path.GetFileNameWithoutExtension(name)}-{i}{Path.GetExtension(name)}");
        if (!File.Exists(copy)) AtomicFile.WriteAllBytes(copy, File.ReadAllBytes(full));
        return Path.GetRelativePath(root, copy);
    };

    private static bool SameBytes(string a, string b) => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
}
