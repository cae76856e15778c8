using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Schedules;

/// <summary>
/// Writes whole checkpoints atomically: everything goes into a temporary folder that is renamed to
/// <c>gen-NNNNNN/</c> when complete, then the <c>latest</c> file is replaced atomically. A crash at any point
/// leaves the previous checkpoint intact. The two newest checkpoints are kept.
/// </summary>
public sealed class Checkpointer
{
    private const string LatestFile = "latest";
    private const string StateFile = "state.json";

    /// <summary>The run's <c>checkpoints/</c> folder.</summary>
    public string Directory { get; }

    /// <summary>Checkpoints live in <paramref name="directory"/>.</summary>
    public Checkpointer(string directory) => Directory = directory;

    /// <summary>Writes the artist's and the run's state; returns the checkpoint's folder.</summary>
    public string Save(IArtist artist, RunState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string name = $"gen-{state.Generation:D6}";
        string final = Path.Combine(Directory, name);
        string tmp = Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}.tmp");
        System.IO.Directory.CreateDirectory(tmp);
        try
        {
            artist.SaveCheckpoint(tmp);
            AtomicFile.WriteAllText(Path.Combine(tmp, StateFile), state.ToJson());
            if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, recursive: true);
            System.IO.Directory.Move(tmp, final);
        }
        finally
        {
            if (System.IO.Directory.Exists(tmp)) System.IO.Directory.Delete(tmp, recursive: true);
        }
        AtomicFile.WriteAllText(Path.Combine(Directory, LatestFile), name + "\n");
        foreach (var old in System.IO.Directory.GetDirectories(Directory, "gen-*").Order(StringComparer.Ordinal).SkipLast(2))
            System.IO.Directory.Delete(old, recursive: true);
        return final;
    }

    /// <summary>True when a checkpoint exists.</summary>
    public bool HasCheckpoint => File.Exists(Path.Combine(Directory, LatestFile));

    /// <summary>Restores the artist from the latest checkpoint and returns the run state saved with it.</summary>
    public RunState Load(IArtist artist)
    {
        string latest = Path.Combine(Directory, LatestFile);
        if (!File.Exists(latest))
            throw new InputException("no checkpoint to resume from (checkpoints/latest is missing)", Directory);
        string name = File.ReadAllText(latest).Trim();
        string dir = Path.Combine(Directory, name);
        if (name.Length == 0 || name.Contains('/') || !System.IO.Directory.Exists(dir))
            throw new InputException($"checkpoints/latest names '{name}', which is not a checkpoint folder", latest);
        string stateFile = Path.Combine(dir, StateFile);
        if (!File.Exists(stateFile))
            throw new InputException("checkpoint has no state.json", dir);
        var state = RunState.FromJson(File.ReadAllText(stateFile), stateFile);
        artist.LoadCheckpoint(dir);
        return state;
    }
}
