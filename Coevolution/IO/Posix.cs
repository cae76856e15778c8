using System.Runtime.InteropServices;

namespace Coevo.Coevolution.IO;

/// <summary>
/// The few POSIX operations .NET does not offer directly: an atomic rename of folders and symbolic links, replacing
/// a symbolic link atomically (File.Move follows a link to a folder and refuses), and sending a signal other than SIGKILL.
/// </summary>
public static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    /// <summary>kill(2): sends signal <paramref name="signal"/> (e.g. 15, SIGTERM) to process <paramref name="pid"/>;
    /// false when it no longer exists. (.NET's Process.Kill only sends SIGKILL, which allows no checkpoint.)</summary>
    public static bool Signal(int pid, int signal) => KillNative(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);

    /// <summary>rename(2): atomically gives <paramref name="from"/> (file, folder or link) the name <paramref name="to"/>,
    /// replacing a file or link there (a folder there must be empty).</summary>
    public static void Rename(string from, string to)
    {
        if (RenameNative(from, to) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot rename {from} to {to}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }

    /// <summary>Points the symbolic link <paramref name="link"/> at <paramref name="target"/> (relative to the link's
    /// folder), atomically: readers see the old target or the new one, never no link.</summary>
    public static void ReplaceSymlink(string link, string target)
    {
        string tmp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(link))!, $".{Path.GetFileName(link)}.{Guid.NewGuid():N}.tmp");
        File.CreateSymbolicLink(tmp, target);
        try
        {
            Rename(tmp, link);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Deletes a folder so that no half-deleted copy is ever seen under its name: it is renamed to a hidden
    /// name first, then removed. A crash in between leaves only the hidden leftover.</summary>
    public static void DeleteFolder(string directory, string leftoverSuffix = ".del")
    {
        if (!Directory.Exists(directory)) return;
        string hidden = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!,
            $".{Path.GetFileName(directory)}.{Guid.NewGuid():N}{leftoverSuffix}");
        Rename(directory, hidden);
        FaultPoints.Reach("folder.deleting");
        Directory.Delete(hidden, recursive: true);
    }
}
