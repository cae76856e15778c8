using System.Text;

namespace Coevo.Coevolution.IO;

/// <summary>
/// Reads a user's text file (a config, a genome, a checkpoint) with a size limit checked while reading, so a device
/// like /dev/zero or a huge file is refused before it fills memory. Every failure is an <see cref="InputException"/> naming the file.
/// </summary>
public static class InputFile
{
    /// <summary>Largest config or genome file read (8 MiB: far above any real one).</summary>
    public const long SmallLimit = 8L << 20;

    /// <summary>The file's text (UTF-8); <paramref name="what"/> names it in messages ("config file", "genome file" ...).</summary>
    public static string ReadText(string path, string what, long maxBytes = SmallLimit)
    {
        if (Directory.Exists(path)) throw new InputException($"is a folder, expected a {what}", path);
        if (!File.Exists(path)) throw new InputException($"{what} not found", path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var bytes = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (bytes.Length + n > maxBytes)
                    throw new InputException($"is too large to be a {what} (over {Size(maxBytes)})", path);
                bytes.Write(buffer, 0, n);
            }
            return new UTF8Encoding(false).GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {what}: {e.Message}", path, inner: e);
        }
    }

    /// <summary>"8 MiB", "1 GiB".</summary>
    public static string Size(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
        return u == 0 ? $"{bytes:0} {units[0]}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes:0.#} {units[u]}");
    }
}
