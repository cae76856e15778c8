using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Evolution;

/// <summary>Reads and writes single genome files (e.g. <c>best.sexp</c>) through an <see cref="IGenomeFormat{T}"/>.</summary>
public static class GenomeFile
{
    /// <summary>The genome in <paramref name="path"/>; a missing or unreadable file throws <see cref="InputException"/> naming it.</summary>
    public static T Read<T>(IGenomeFormat<T> format, string path)
    {
        string text = InputFile.ReadText(path, "genome file");
        return Parse(format, text, path);
    }

    /// <summary>Parses a genome's text; any failure is an <see cref="InputException"/> naming <paramref name="source"/>.</summary>
    public static T Parse<T>(IGenomeFormat<T> format, string text, string source)
    {
        try { return format.Read(text, source); }
        catch (InputException) { throw; }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException
                                   or System.Text.Json.JsonException or System.Xml.XmlException)
        { throw new InputException($"unreadable {format.Extension} genome: {ex.Message}", source, inner: ex); }
    }

    /// <summary>Writes <paramref name="genome"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(IGenomeFormat<T> format, T genome, string path) => AtomicFile.WriteAllText(path, format.Write(genome));
}
