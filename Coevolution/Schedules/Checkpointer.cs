using System.Globalization;
using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Schedules;

/// <summary>A checkpoint read back: the run state saved with it, its folder, and a note when it was not the one <c>latest</c> named.</summary>
public sealed record LoadedCheckpoint(RunState State, string Directory, string? Note);

/// <summary>
/// Writes and finds checkpoints, crash-safely. A checkpoint is a folder <c>gen-NNNNNN/</c> holding the run state
/// (<c>state.json</c>) and whatever the caller writes into it (the artist's files today; a critic's, optimisers' ...
/// later). Everything is written into a hidden temporary folder that is renamed into place when complete; a checkpoint
/// of the same generation is first moved aside, and only deleted once its replacement is in place. <c>latest</c> is a
/// symbolic link to the newest checkpoint, replaced atomically. The newest <see cref="Keep"/> checkpoints are kept.
/// <para>
/// A kill at any moment leaves at least one complete checkpoint. Resume takes the newest complete one (which
/// <c>latest</c> names unless a kill came between the rename and the link), says so when <c>latest</c> was missing or
/// broken, and <see cref="CleanUp"/> removes or restores what a kill left half-way.
/// </para>
/// </summary>
public sealed class Checkpointer
{
    /// <summary>The symbolic link to the newest checkpoint.</summary>
    public const string LatestLink = "latest";
    /// <summary>The run state inside each checkpoint; written last, so a folder holding it is complete.</summary>
    public const string StateFile = "state.json";
    /// <summary>What checkpoint folders are called before their number: "gen-" for generations, "step-" for SGD steps.</summary>
    public string Prefix { get; init; } = "gen-";
    private const string TmpSuffix = ".tmp", OldSuffix = ".old", DeletedSuffix = ".del";

    /// <summary>The run's <c>checkpoints/</c> folder.</summary>
    public string Directory { get; }

    /// <summary>How many checkpoints are kept (the newest).</summary>
    public int Keep { get; init; } = 2;

    /// <summary>Checkpoints live in <paramref name="directory"/>.</summary>
    public Checkpointer(string directory) => Directory = directory;

    /// <summary>The folder name of the checkpoint after <paramref name="units"/> units (generations or steps).</summary>
    public string NameFor(int units) => Prefix + units.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes a checkpoint of <paramref name="state"/>: <paramref name="write"/> fills the (temporary) folder it is given,
    /// then the state file is added and the folder renamed into place. Returns the checkpoint's folder.
    /// </summary>
    public string Save(RunState state, Action<string> write)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string name = NameFor(state.Units);
        string final = Path.Combine(Directory, name);
        string tmp = Hidden(name, TmpSuffix);
        System.IO.Directory.CreateDirectory(tmp);
        try
        {
            write(tmp);
            AtomicFile.WriteAllText(Path.Combine(tmp, StateFile), state.ToJson());
            FaultPoints.Reach("checkpoint.written");
            string? old = null;
            if (System.IO.Directory.Exists(final))
            {
                // Saving twice at one generation (a stop right after a periodic checkpoint): the old copy stays,
                // under a hidden name, until the new one is in place.
                old = Hidden(name, OldSuffix);
                Posix.Rename(final, old);
                FaultPoints.Reach("checkpoint.old-moved");
            }
            Posix.Rename(tmp, final);
            FaultPoints.Reach("checkpoint.moved");
            Posix.ReplaceSymlink(Path.Combine(Directory, LatestLink), name);
            FaultPoints.Reach("checkpoint.linked");
            if (old != null) System.IO.Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (System.IO.Directory.Exists(tmp)) System.IO.Directory.Delete(tmp, recursive: true);
        }
        foreach (var (_, dir) in Checkpoints().Where(c => c.Units < state.Units).SkipLast(Keep - 1))
            Posix.DeleteFolder(dir, DeletedSuffix);
        return final;
    }

    /// <summary>True when a complete checkpoint exists.</summary>
    public bool HasCheckpoint => Newest != null;

    /// <summary>The newest complete checkpoint's folder, or null.</summary>
    public string? Newest => Checkpoints().LastOrDefault(c => File.Exists(Path.Combine(c.Directory, StateFile))).Directory;

    /// <summary>
    /// Reads the newest complete checkpoint: <paramref name="read"/> restores from its folder (after its state file
    /// was read and checked). Null when there is none. Leftovers of a kill are cleaned up first, unless
    /// <paramref name="cleanUp"/> is false (a tool reading a folder that a run may still be writing).
    /// A corrupt state file, or a folder whose generation disagrees with it, is an <see cref="InputException"/> naming it.
    /// </summary>
    public LoadedCheckpoint? Load(Action<string, RunState> read, bool cleanUp = true)
    {
        if (cleanUp) RemoveLeftovers();
        var complete = Checkpoints().Where(c => File.Exists(Path.Combine(c.Directory, StateFile))).ToList();
        if (complete.Count == 0) return null;
        var (generation, dir) = complete[^1];
        string stateFile = Path.Combine(dir, StateFile);
        var state = RunState.FromJson(InputFile.ReadText(stateFile, "run state file"), stateFile);
        if (state.Units != generation)
            throw new InputException($"says {state.Units} units (generations, steps), but its folder is {Path.GetFileName(dir)}", stateFile);
        try
        {
            read(dir, state);
        }
        catch (InputException e) when (complete.Count > 1)
        {
            string previous = Path.GetFileName(complete[^2].Directory);
            throw new InputException($"{e.Problem} (the checkpoint before, {previous}, looks complete: delete {Path.GetFileName(dir)} to resume from it)",
                e.File ?? dir, e.Line, e.Column, e);
        }
        string? note = LatestNote(Path.GetFileName(dir));
        if (cleanUp) RepairLink();
        return new LoadedCheckpoint(state, dir, note);
    }

    /// <summary>
    /// Removes what a kill left half-way: temporary folders and links, folders being deleted, and a checkpoint moved
    /// aside for its replacement (restored when the replacement never arrived); points <c>latest</c> at the newest
    /// complete checkpoint.
    /// </summary>
    public void CleanUp()
    {
        RemoveLeftovers();
        RepairLink();
    }

    private void RemoveLeftovers()
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos(".*"))
        {
            string n = entry.Name;
            if (!(n.EndsWith(TmpSuffix, StringComparison.Ordinal) || n.EndsWith(OldSuffix, StringComparison.Ordinal) || n.EndsWith(DeletedSuffix, StringComparison.Ordinal)))
                continue;
            if (entry is DirectoryInfo d && d.LinkTarget is null)
            {
                if (n.EndsWith(OldSuffix, StringComparison.Ordinal) && OriginalName(n) is { } original
                    && !System.IO.Directory.Exists(Path.Combine(Directory, original)) && File.Exists(Path.Combine(d.FullName, StateFile)))
                    Posix.Rename(d.FullName, Path.Combine(Directory, original));
                else d.Delete(recursive: true);
            }
            else File.Delete(entry.FullName);
        }
    }

    /// <summary>A kill between a checkpoint's rename and the link leaves the link one checkpoint behind (or missing).</summary>
    private void RepairLink()
    {
        if (Newest is { } newest && LatestNote(Path.GetFileName(newest)) != null)
            Posix.ReplaceSymlink(Path.Combine(Directory, LatestLink), Path.GetFileName(newest));
    }

    /// <summary>Checkpoint folders (complete or not) by their number of units, oldest first.</summary>
    private List<(int Units, string Directory)> Checkpoints()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var list = new List<(int, string)>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory, Prefix + "*"))
        {
            string digits = Path.GetFileName(dir)[Prefix.Length..];
            if (digits.Length >= 6 && digits.All(char.IsAsciiDigit) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int g)
                && new DirectoryInfo(dir).LinkTarget is null)
                list.Add((g, dir));
        }
        return list.OrderBy(c => c.Item1).ToList();
    }

    /// <summary>Null when <c>latest</c> names <paramref name="name"/>; otherwise what is wrong with it.</summary>
    private string? LatestNote(string name)
    {
        string link = Path.Combine(Directory, LatestLink);
        var info = new FileInfo(link);
        string? target = info.LinkTarget ?? (info.Exists ? ReadLegacyPointer(link) : null);
        if (target == name) return null;
        return target is null
            ? $"checkpoints/{LatestLink} was missing; resuming from {name}, the newest complete checkpoint"
            : $"checkpoints/{LatestLink} named '{target}', which is {(System.IO.Directory.Exists(Path.Combine(Directory, target)) ? "not the newest complete checkpoint" : "missing")}; resuming from {name}, the newest complete checkpoint";
    }

    /// <summary>Before links, <c>latest</c> was a text file holding the folder's name.</summary>
    private static string? ReadLegacyPointer(string path)
    {
        try { return new FileInfo(path).Length < 256 ? File.ReadAllText(path).Trim() : null; }
        catch (IOException) { return null; }
    }

    private string Hidden(string name, string suffix) => Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}{suffix}");

    /// <summary>"gen-000010" from ".gen-000010.&lt;guid&gt;.old".</summary>
    private string? OriginalName(string hidden)
    {
        int dot = hidden.IndexOf('.', 1);
        return dot > 1 && hidden[1..dot].StartsWith(Prefix, StringComparison.Ordinal) ? hidden[1..dot] : null;
    }
}
