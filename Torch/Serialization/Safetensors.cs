using System.Buffers.Binary;

using System.Text.Json;

namespace Coevo.Torch.Serialization;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON header
/// <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}</c> padded with spaces to 8 bytes,
/// then the raw little-endian data. Python's <c>safetensors.torch.load_file</c> reads what this writes.
/// </summary>
public static class Safetensors
{
    private const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<ScalarType, (string Name, int Size)> Types = new()
    {
        [ScalarType.Float32] = ("F32", 4),
        [ScalarType.Int64] = ("I64", 8),
        [ScalarType.Bool] = ("BOOL", 1),
        [ScalarType.Float64] = ("F64", 8),
        [ScalarType.Int32] = ("I32", 4),
        [ScalarType.Byte] = ("U8", 1),
    };

    /// <summary>Writes the tensors (copied to the CPU) atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var blobs = new List<byte[]>();
        using var header = new MemoryStream();
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, t) in tensors)
            {
                var dtype = t.dtype;
                if (!Types.TryGetValue(dtype, out var info)) throw new ArgumentException($"safetensors: '{name}' has unsupported dtype {dtype}");
                byte[] bytes = RawBytes(t, dtype, info.Size);
                w.WriteStartObject(name);
                w.WriteString("dtype", info.Name);
                w.WriteStartArray("shape");
                foreach (var s in t.shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + bytes.Length);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += bytes.Length;
                blobs.Add(bytes);
            }
            w.WriteEndObject();
        }
        long hlen = header.Length;
        long padded = (hlen + 7) / 8 * 8;

        string full = Path.GetFullPath(path);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                Span<byte> len = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
                f.Write(len);
                header.Position = 0;
                header.CopyTo(f);
                for (long i = hlen; i < padded; i++) f.WriteByte((byte)' ');
                foreach (var b in blobs) f.Write(b);
                f.Flush(true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(tmp)) File.Delete(tmp);
            throw;
        }
    }

    private static unsafe byte[] RawBytes(Tensor t, ScalarType dtype, int size)
    {
        var bytes = new byte[t.numel() * size];
        fixed (byte* p = bytes) Native.Check(Native.ct_copy_out(t.Handle, p, bytes.LongLength, (int)dtype));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writer assumes a little-endian machine");
        return bytes;
    }

    /// <summary>Reads every tensor (on the CPU) in header order; a corrupt or truncated file throws <see cref="TorchFileException"/>.</summary>
    public static Dictionary<string, Tensor> Load(string path) => LoadWithMetadata(path).tensors;

    public static (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) LoadWithMetadata(string path)
    {
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new TorchFileException(path, $"cannot read: {e.Message}"); }

        if (file.Length < 8) throw new TorchFileException(path, $"truncated: {file.Length} bytes, shorter than the 8-byte header length");
        ulong hlen = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (hlen > MaxHeaderBytes || (long)hlen > file.Length - 8)
            throw new TorchFileException(path, $"header length {hlen} does not fit in a file of {file.Length} bytes (truncated or not safetensors)");
        int dataStart = 8 + (int)hlen;
        long dataLength = file.Length - dataStart;

        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        var ranges = new List<(long Begin, long End, string Name)>();
        try
        {
            using var doc = ParseHeader(file.AsSpan(8, (int)hlen), path);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new TorchFileException(path, "header is not a JSON object");
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    if (entry.Value.ValueKind != JsonValueKind.Object) throw new TorchFileException(path, "__metadata__ is not an object");
                    foreach (var m in entry.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw new TorchFileException(path, $"__metadata__ '{m.Name}' is not a string");
                    continue;
                }
                var (dtype, shape, begin, end) = ReadEntry(entry, path);
                long numel = 1;
                foreach (var s in shape) numel *= s;
                long expected = numel * Types[dtype].Size;
                if (end - begin != expected)
                    throw new TorchFileException(path, $"tensor '{entry.Name}': data_offsets [{begin}, {end}] hold {end - begin} bytes, shape needs {expected}");
                if (begin < 0 || end > dataLength)
                    throw new TorchFileException(path, $"tensor '{entry.Name}': data_offsets [{begin}, {end}] run past the end of the data ({dataLength} bytes; file truncated?)");
                ranges.Add((begin, end, entry.Name));
                tensors[entry.Name] = torch.FromBytes(file.AsSpan(dataStart + (int)begin, (int)(end - begin)), dtype, shape);
            }
            long pos = 0;
            foreach (var r in ranges.OrderBy(r => r.Begin))
            {
                if (r.Begin != pos) throw new TorchFileException(path, $"tensor '{r.Name}' starts at {r.Begin}, expected {pos} (overlapping or gapped data)");
                pos = r.End;
            }
            if (pos != dataLength) throw new TorchFileException(path, $"data section is {dataLength} bytes but the tensors cover {pos}");
            return (tensors, metadata);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    private static JsonDocument ParseHeader(ReadOnlySpan<byte> header, string path)
    {
        try { return JsonDocument.Parse(header.ToArray()); }
        catch (JsonException e) { throw new TorchFileException(path, $"header is not valid JSON ({e.Message})"); }
    }

    private static (ScalarType, long[], long, long) ReadEntry(JsonProperty entry, string path)
    {
        try
        {
            var v = entry.Value;
            string dt = v.GetProperty("dtype").GetString() ?? "";
            var dtype = Types.FirstOrDefault(kv => kv.Value.Name == dt);
            if (dtype.Value.Name is null) throw new TorchFileException(path, $"tensor '{entry.Name}': unsupported dtype '{dt}'");
            var shape = v.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            if (shape.Any(s => s < 0)) throw new TorchFileException(path, $"tensor '{entry.Name}': negative dimension");
            var off = v.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            if (off.Length != 2 || off[0] > off[1]) throw new TorchFileException(path, $"tensor '{entry.Name}': bad data_offsets");
            return (dtype.Key, shape, off[0], off[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new TorchFileException(path, $"tensor '{entry.Name}': malformed header entry ({e.Message})");
        }
    }

}
