using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Evolution;

/// <summary>Reads and writes single genome files (e.g. <c>best.sexp</c>) through an <see cref="IGenomeFormat{T}"/>.</summary>
public static class GenomeFile
{
    /// <summary>The genome in <paramref name="path"/>; a missing or unreadable file throws <see cref="InputException"/> naming it.</summary>
    public static T Read<T>(IGenomeFormat<T> format, string path)
    {
        if (!File.Exists(path)) throw new InputException("genome file not found", path);
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        { throw new InputException($"cannot read genome file: {ex.Message}", path, inner: ex); }
        try { return format.Read(text, path); }
        catch (InputException) { throw; }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        { throw new InputException($"unreadable {format.Extension} genome: {ex.Message}", path, inner: ex); }
    }

    /// <summary>Writes <paramref name="genome"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(IGenomeFormat<T> format, T genome, string path) => AtomicFile.WriteAllText(path, format.Write(genome));
}
