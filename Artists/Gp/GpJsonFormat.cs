using System.Globalization;
using System.Text;
using System.Text.Json;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>
/// JSON form of a GP tree: <c>{"kind": "gp", "version": 1, "tree": T}</c> where T is a number (scalar constant),
/// <c>"x"</c>, <c>"y"</c> or <c>"r"</c>, <c>["color", r, g, b]</c>, <c>["noise", seed, a, b]</c> /
/// <c>["color-noise", seed, a, b]</c>, or <c>[name, args...]</c> with the S-expression names.
/// </summary>
public sealed class GpJsonFormat : IGenomeFormat<GpTree>
{
    /// <summary>The format version written and understood.</summary>
    public const int Version = 1;

    /// <inheritdoc/>
    public string Extension => "json";

    /// <inheritdoc/>
    public string Write(GpTree genome)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { MaxDepth = 100_000 }))
        {
            w.WriteStartObject();
            w.WriteString("kind", "gp");
            w.WriteNumber("version", Version);
            w.WritePropertyName("tree");
            WriteNode(w, genome.Root);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteNode(Utf8JsonWriter w, GpNode n)
    {
        switch (n.Op)
        {
            case GpOp.Const: w.WriteNumberValue(n.Value.X); return;
            case GpOp.X or GpOp.Y or GpOp.R: w.WriteStringValue(GpOps.Name(n.Op)); return;
        }
        w.WriteStartArray();
        w.WriteStringValue(GpOps.Name(n.Op));
        if (n.Op == GpOp.Color)
        {
            w.WriteNumberValue(n.Value.X);
            w.WriteNumberValue(n.Value.Y);
            w.WriteNumberValue(n.Value.Z);
        }
        if (GpOps.HasSeed(n.Op)) w.WriteNumberValue(n.Seed);
        foreach (var c in n.Children) WriteNode(w, c);
        w.WriteEndArray();
    }

    /// <inheritdoc/>
    public GpTree Read(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = GpSExpressionFormat.MaxNesting, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? -1) + 1, col = (int)(e.BytePositionInLine ?? -1) + 1;
            throw new InputException($"invalid JSON: {FirstSentence(e.Message)}", source, line, Math.Max(col, 0), e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error("the top level must be an object {\"kind\": \"gp\", \"tree\": ...}", "$", source);
            JsonElement? tree = null;
            string? kind = null;
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "kind":
                        kind = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw Error("\"kind\" must be the string \"gp\"", "$.kind", source);
                        break;
                    case "version":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out int v) || v != Version)
                            throw Error($"unsupported version {p.Value.GetRawText()}; this reader understands version {Version}", "$.version", source);
                        break;
                    case "tree": tree = p.Value; break;
                    default: throw Error($"unknown key \"{p.Name}\"; expected kind, version, tree", "$." + p.Name, source);
                }
            }
            if (kind is null) throw Error("missing \"kind\": \"gp\"", "$", source);
            if (kind != "gp") throw Error($"\"kind\" is \"{kind}\", but this is the GP artist's format (\"gp\")", "$.kind", source);
            if (tree is null) throw Error("missing \"tree\"", "$", source);
            return new GpTree(ReadNode(tree.Value, "$.tree", source));
        }
    }

    private static string FirstSentence(string m)
    {
        int i = m.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (i > 0 ? m[..i] : m).Trim();
    }

    private static InputException Error(string problem, string path, string source) => new($"{path}: {problem}", source);

    private static GpNode ReadNode(JsonElement e, string path, string source)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return GpNode.Constant(Finite(e, path, source));
            case JsonValueKind.String:
                return e.GetString() switch
                {
                    "x" => GpNode.Variable(GpOp.X),
                    "y" => GpNode.Variable(GpOp.Y),
                    "r" => GpNode.Variable(GpOp.R),
                    var s => throw Error($"unknown variable \"{s}\"; expected \"x\", \"y\" or \"r\" (functions are arrays [name, args...])", path, source),
                };
            case JsonValueKind.Array:
                break;
            default:
                throw Error($"expected a number, \"x\", \"y\", \"r\" or an array [name, args...], got {e.ValueKind.ToString().ToLowerInvariant()}", path, source);
        }
        int len = e.GetArrayLength();
        if (len == 0 || e[0].ValueKind != JsonValueKind.String) throw Error("an array node must start with a function name, e.g. [\"sin\", \"x\"]", path, source);
        string name = e[0].GetString()!;
        if (!GpOps.TryParse(name, out var op) || op == GpOp.Const || GpOps.Variables.Contains(op))
            throw Error($"unknown function \"{name}\"; known: {GpOps.KnownNames}", path + "[0]", source);
        if (op == GpOp.Color)
        {
            if (len != 4) throw Error($"a colour constant is [\"color\", r, g, b], got {len - 1} value(s)", path, source);
            return GpNode.ColorConstant(Finite(e[1], path + "[1]", source), Finite(e[2], path + "[2]", source), Finite(e[3], path + "[3]", source));
        }
        int arity = GpOps.Arity(op), first = 1, seed = 0;
        if (GpOps.HasSeed(op))
        {
            if (len < 2 || e[1].ValueKind != JsonValueKind.Number || !e[1].TryGetInt32(out seed)) throw Error($"\"{name}\" takes an integer seed first: [\"{name}\", seed, a, b]", path + "[1]", source);
            first = 2;
        }
        if (len - first != arity) throw Error($"\"{name}\" takes {arity} argument(s), got {len - first}", path, source);
        var kids = new GpNode[arity];
        for (int i = 0; i < arity; i++) kids[i] = ReadNode(e[first + i], $"{path}[{first + i}]", source);
        return GpNode.Function(op, seed, kids);
    }

    private static float Finite(JsonElement e, string path, string source)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double d))
            throw Error($"expected a number, got {e.GetRawText()}", path, source);
        float f = (float)d;
        if (!float.IsFinite(f)) throw Error($"constant {e.GetRawText()} is out of float range", path, source);
        return f;
    }
}

/// <summary>Reads and writes GP genome files, choosing the format by content (JSON starts with '{') or extension.</summary>
public static class GpTreeFile
{
    /// <summary>Loads a GP tree from a .json or S-expression file; errors name the file.</summary>
    public static GpTree Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read GP genome: {e.Message}", path, inner: e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses text as JSON when it starts with '{', else as an S-expression.</summary>
    public static GpTree Parse(string text, string source) =>
        text.TrimStart().StartsWith('{') ? new GpJsonFormat().Read(text, source) : new GpSExpressionFormat().Read(text, source);

    /// <summary>Writes atomically: JSON for a .json path, else the S-expression form.</summary>
    public static void Save(string path, GpTree tree)
    {
        IGenomeFormat<GpTree> format = string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase) ? new GpJsonFormat() : new GpSExpressionFormat();
        Coevo.Coevolution.IO.AtomicFile.WriteAllText(path, format.Write(tree));
    }
}
