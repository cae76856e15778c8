using System.Diagnostics;

namespace Coevo.Coevolution.IO;

/// <summary>
/// Named moments where a crash would be most harmful (between the renames of a checkpoint swap, before a file
/// replaces another). Kill tests set <c>COEVO_KILL_AT=name</c> (or <c>name#n</c> for its n-th time) in a child
/// process, which then kills itself with SIGKILL exactly there; in-process tests set <see cref="Hook"/> (e.g. to throw
/// where a crash would stop the code). Otherwise <see cref="Reach"/> does nothing.
/// </summary>
public static class FaultPoints
{
    /// <summary>The environment variable read once at start.</summary>
    public const string Variable = "COEVO_KILL_AT";

    private static readonly (string Name, int Count)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _hits;

    /// <summary>Test hook: called with each point's name (throwing simulates a crash there).</summary>
    internal static Action<string>? Hook;

    /// <summary>Marks the moment <paramref name="name"/>; kills this process (SIGKILL) when it is the chosen one.</summary>
    public static void Reach(string name)
    {
        Hook?.Invoke(name);
        if (Target is not { } t || t.Name != name) return;
        if (Interlocked.Increment(ref _hits) == t.Count) Process.GetCurrentProcess().Kill();
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        int hash = value.IndexOf('#');
        return hash < 0 ? (value, 1) : (value[..hash], int.Parse(value[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
