using System.IO.Compression;

namespace Coevo.Coevolution.Datasets;

/// <summary>
/// Reader for the IDX format of MNIST and Fashion-MNIST (gzipped or plain): a big-endian magic
/// <c>0x000008DD</c> (unsigned bytes, DD dimensions), DD big-endian sizes, then the bytes.
/// Every problem is an <see cref="InputException"/> naming the file.
/// </summary>
public static class Idx
{
    /// <summary>Magic of an image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;
    /// <summary>Magic of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file: count, rows, columns and count*rows*columns pixel bytes.</summary>
    public static (int Count, int Rows, int Columns, byte[] Pixels) ReadImages(string path)
    {
        var (dims, data) = Read(path, ImagesMagic, "image");
        return (dims[0], dims[1], dims[2], data);
    }

    /// <summary>Reads a label file: one byte per item.</summary>
    public static byte[] ReadLabels(string path) => Read(path, LabelsMagic, "label").Data;

    /// <summary>Only the sizes from the header of a file with magic <paramref name="magic"/> (cheap: reads a few bytes).</summary>
    public static int[] ReadHeader(string path, int magic) => Read(path, magic, magic == LabelsMagic ? "label" : "image", headerOnly: true).Dims;

    private static (int[] Dims, byte[] Data) Read(string path, int magic, string what, bool headerOnly = false)
    {
        Stream raw;
        try { raw = File.OpenRead(path); }
        catch (FileNotFoundException) { throw new InputException($"IDX {what} file not found", path); }
        catch (DirectoryNotFoundException) { throw new InputException($"IDX {what} file not found (no such folder)", path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot open IDX {what} file: {e.Message}", path, inner: e); }
        using (raw)
        {
            bool gz = raw.Length >= 2 && raw.ReadByte() == 0x1F && raw.ReadByte() == 0x8B;
            raw.Position = 0;
            using Stream s = gz ? new GZipStream(raw, CompressionMode.Decompress) : raw;
            try { return ReadBody(s, path, magic, what, headerOnly); }
            catch (InvalidDataException e) { throw new InputException($"corrupt gzip data: {e.Message}", path, inner: e); }
            catch (IOException e) { throw new InputException($"cannot read IDX {what} file: {e.Message}", path, inner: e); }
        }
    }

    private static (int[] Dims, byte[] Data) ReadBody(Stream s, string path, int magic, string what, bool headerOnly)
    {
        Span<byte> word = stackalloc byte[4];
        if (Fill(s, word) < 4) throw new InputException($"truncated IDX header: the file ends before the 4-byte magic number", path);
        int got = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(word);
        if (got != magic)
            throw new InputException($"bad IDX magic 0x{got:X8}: expected 0x{magic:X8} for an {what} file (unsigned bytes, {magic & 0xFF} dimension(s))", path);
        int rank = magic & 0xFF;
        var dims = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++)
        {
            if (Fill(s, word) < 4) throw new InputException($"truncated IDX header: the file ends inside dimension {d + 1} of {rank}", path);
            dims[d] = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[d] <= 0) throw new InputException($"IDX dimension {d + 1} is {dims[d]}; sizes must be positive", path);
            total *= dims[d];
        }
        if (headerOnly) return (dims, []);
        if (total > Array.MaxLength) throw new InputException($"IDX sizes {string.Join(" x ", dims)} are too large", path);
        var data = new byte[total];
        int read = Fill(s, data);
        if (read < total)
            throw new InputException($"truncated IDX {what} data: the header ({string.Join(" x ", dims)}) promises {total} bytes but only {read} follow", path);
        if (s.ReadByte() >= 0)
            throw new InputException($"IDX {what} file has extra bytes after the {total} bytes its header ({string.Join(" x ", dims)}) promises", path);
        return (dims, data);
    }

    private static int Fill(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
