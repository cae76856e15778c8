using System.Text.Json;
using System.Text.Json.Nodes;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Biomorph;

/// <summary>
/// Biomorph genomes as JSON: <c>{"kind": "biomorph", "genes": [g1..g8], "depth": d, "segments": n,
/// "segment_distance": k, "gradients": [8 ints]}</c>. The last three are optional (1, 1, zeros). Errors name the source.
/// </summary>
public sealed class BiomorphFormat : IGenomeFormat<BiomorphGenome>
{
    /// <summary>The value of the top-level "kind" field (<c>coevo render</c> dispatches on it).</summary>
    public const string Kind = "biomorph";

    /// <inheritdoc />
    public string Extension => "json";

    /// <inheritdoc />
    public string Write(BiomorphGenome genome)
    {
        var o = new JsonObject
        {
            ["kind"] = Kind,
            ["genes"] = new JsonArray(genome.Genes.Select(g => (JsonNode)g).ToArray()),
            ["depth"] = genome.Depth,
            ["segments"] = genome.Segments,
            ["segment_distance"] = genome.SegmentDistance,
            ["gradients"] = new JsonArray(genome.Gradients.Select(g => (JsonNode)g).ToArray()),
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <inheritdoc />
    public BiomorphGenome Read(string text, string source)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? -1) + 1, col = (int)(e.BytePositionInLine ?? -1) + 1;
            throw new InputException($"not valid JSON: {e.Message}", source, Math.Max(line, 0), Math.Max(col, 0), e);
        }
        if (root is not JsonObject o) throw new InputException("a biomorph genome must be a JSON object", source);
        string? kind = o["kind"] is JsonValue kv && kv.TryGetValue(out string? k) ? k : null;
        if (kind != Kind) throw new InputException($"\"kind\" must be \"{Kind}\", found {(o["kind"] is null ? "nothing" : o["kind"]!.ToJsonString())}", source);
        foreach (var (key, _) in o)
            if (key is not ("kind" or "genes" or "depth" or "segments" or "segment_distance" or "gradients"))
                throw new InputException($"unknown field \"{key}\" in a biomorph genome", source);

        int[] genes = IntArray(o, "genes", source, required: true)!;
        int depth = Int(o, "depth", source, null);
        int segments = Int(o, "segments", source, 1);
        int distance = Int(o, "segment_distance", source, 1);
        int[]? gradients = IntArray(o, "gradients", source, required: false);
        try { return new BiomorphGenome(genes, depth, segments, distance, gradients); }
        catch (ArgumentException e) { throw new InputException($"invalid biomorph: {FirstLine(e.Message)}", source, inner: e); }
    }

    private static string FirstLine(string message) => message.Split(" (Parameter")[0];

    private static int Int(JsonObject o, string key, string source, int? fallback)
    {
        var node = o[key];
        if (node is null)
            return fallback ?? throw new InputException($"missing field \"{key}\"", source);
        if (node is JsonValue v && v.TryGetValue(out int i)) return i;
        if (node is JsonValue d && d.TryGetValue(out double x) && x == Math.Floor(x) && Math.Abs(x) < int.MaxValue) return (int)x;
        throw new InputException($"\"{key}\" must be an integer, found {node.ToJsonString()}", source);
    }

    private static int[]? IntArray(JsonObject o, string key, string source, bool required)
    {
        var node = o[key];
        if (node is null)
            return required ? throw new InputException($"missing field \"{key}\"", source) : null;
        if (node is not JsonArray a) throw new InputException($"\"{key}\" must be an array of {BiomorphGenome.VectorGenes} integers", source);
        if (a.Count != BiomorphGenome.VectorGenes)
            throw new InputException($"\"{key}\" must have {BiomorphGenome.VectorGenes} integers, found {a.Count}", source);
        var result = new int[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] is JsonValue v && v.TryGetValue(out int n)) result[i] = n;
            else throw new InputException($"\"{key}\"[{i}] must be an integer, found {a[i]?.ToJsonString() ?? "null"}", source);
        }
        return result;
    }
}
