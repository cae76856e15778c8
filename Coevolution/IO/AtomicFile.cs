namespace Coevo.Coevolution.IO;

/// <summary>
/// Writes files so a crash never leaves a half-written one: write to a temporary file beside the target, flush, then rename over it.
/// </summary>
public static class AtomicFile
{
    /// <summary>The <see cref="FaultPoints"/> name of the moment the temporary file is complete and not yet renamed.</summary>
    public const string BeforeRename = "file.before-rename";

    /// <summary>Atomically replaces <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        FileStream created;
        try
        {
            created = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Name the file the caller asked for, not the temporary one.
            string why = e switch
            {
                UnauthorizedAccessException => "permission denied",
                DirectoryNotFoundException => "its folder does not exist",
                FileNotFoundException => "its folder does not take new files",
                _ => e.Message.Replace(tmp, dir),
            };
            throw new IOException($"cannot write {full}: {why}", e);
        }
        try
        {
            using (var fs = created)
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            FaultPoints.Reach(BeforeRename);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Atomically writes text (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { var bytes = new System.Text.UTF8Encoding(false).GetBytes(text); s.Write(bytes); });

    /// <summary>Atomically writes bytes.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));
}
