using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Coevo.Coevolution.IO;

/// <summary>
/// Reads and writes the small tagged JSON files that components keep in checkpoints (<c>{"format": tag, "version": n, ...}</c>).
/// Writes are atomic; every read problem (missing, corrupt, truncated, wrong tag or version, a bad field) is an
/// <see cref="InputException"/> naming the file. Doubles are stored as round-trip strings, since JSON has no NaN or infinities.
/// Strings are escaped only where JSON requires it, so genome texts such as <c>(+ x y)</c> stay readable.
/// </summary>
public static class CheckpointJson
{
    /// <summary>Writes <paramref name="path"/> atomically: the header, then whatever <paramref name="body"/> writes, in one object.</summary>
    public static void Write(string path, string format, int version, Action<Utf8JsonWriter> body) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            w.WriteStartObject();
            w.WriteString("format", format);
            w.WriteNumber("version", version);
            body(w);
            w.WriteEndObject();
        });

    /// <summary>A double as a round-trip string (also for NaN and infinities).</summary>
    public static void WriteDouble(Utf8JsonWriter w, string name, double value) =>
        w.WriteString(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>
    /// Parses <paramref name="path"/> and checks its <c>format</c> tag and <c>version</c> (1 to <paramref name="version"/>:
    /// older versions a reader still understands); <paramref name="what"/> names the kind of checkpoint in errors
    /// ("population"). The caller disposes the document.
    /// </summary>
    public static JsonDocument Read(string path, string format, int version, string what)
    {
        string text = InputFile.ReadText(path, "checkpoint file", maxBytes: 1L << 30);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException ex)
        {
            throw new InputException($"checkpoint is not valid JSON (corrupt or truncated): {ex.Message}", path,
                                     (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1, ex);
        }
        try
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException("checkpoint must be a JSON object", path);
            if (String(root, "format", path, nullable: false) != format)
                throw new InputException($"not a {what} checkpoint (\"format\" must be \"{format}\")", path);
            int v = Int(root, "version", path);
            if (v < 1 || v > version)
                throw new InputException($"unsupported checkpoint version {v} (expected {(version == 1 ? "1" : $"1 to {version}")})", path);
            return doc;
        }
        catch
        {
            doc.Dispose();
            throw;
        }
    }

    /// <summary>A non-negative integer field.</summary>
    public static int Int(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var e)) throw new InputException($"missing \"{name}\"", path);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v) || v < 0)
            throw new InputException($"\"{name}\" must be a non-negative integer, got {e.GetRawText()}", path);
        return v;
    }

    /// <summary>A non-negative 64-bit integer field.</summary>
    public static long Long(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var e)) throw new InputException($"missing \"{name}\"", path);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long v) || v < 0)
            throw new InputException($"\"{name}\" must be a non-negative integer, got {e.GetRawText()}", path);
        return v;
    }

    /// <summary>A string field (or null, when <paramref name="nullable"/>).</summary>
    public static string? String(JsonElement root, string name, string path, bool nullable)
    {
        if (!root.TryGetProperty(name, out var e)) throw new InputException($"missing \"{name}\"", path);
        if (e.ValueKind == JsonValueKind.Null && nullable) return null;
        if (e.ValueKind != JsonValueKind.String)
            throw new InputException($"\"{name}\" must be a string{(nullable ? " or null" : "")}, got {e.GetRawText()}", path);
        return e.GetString();
    }

    /// <summary>A double written by <see cref="WriteDouble"/>.</summary>
    public static double Double(JsonElement root, string name, string path) => ParseDouble(String(root, name, path, nullable: false)!, $"\"{name}\"", path);

    /// <summary>A round-trip string as a double; <paramref name="what"/> names it in the error.</summary>
    public static double ParseDouble(string text, string what, string path) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new InputException($"{what} is not a number: '{text}'", path);

    /// <summary>An array field.</summary>
    public static JsonElement Array(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var e)) throw new InputException($"missing \"{name}\"", path);
        if (e.ValueKind != JsonValueKind.Array) throw new InputException($"\"{name}\" must be an array", path);
        return e;
    }

    /// <summary>An array of strings.</summary>
    public static List<string> Strings(JsonElement root, string name, string path)
    {
        var list = new List<string>();
        int i = 0;
        foreach (var e in Array(root, name, path).EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String) throw new InputException($"\"{name}\"[{i}] must be a string, got {e.GetRawText()}", path);
            list.Add(e.GetString()!);
            i++;
        }
        return list;
    }
}
