namespace Coevo.Coevolution.IO;

/// <summary>
/// An exclusive lock on a folder, so two processes never write one run folder at once: an advisory lock (flock) on
/// a lock file inside it, held until disposed. The operating system drops it when the process dies, even by kill -9,
/// so a stale lock file never blocks a later run.
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string FileName = ".lock";

    private const int EWouldBlock = 11; // Linux errno of a held flock, which .NET reports as the HResult

    private readonly FileStream _stream;

    private FolderLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock on <paramref name="directory"/>; <see cref="InputException"/> when another process holds it.</summary>
    public static FolderLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult == EWouldBlock)
        {
            throw new InputException("another coevo process is using this run folder; wait for it to end or stop it first", directory, inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot lock the run folder: {e.Message}", directory, inner: e);
        }
        return new FolderLock(stream);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
