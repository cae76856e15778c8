using System.Globalization;
using System.Text.Json;
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

    private static readonly HashSet<string> Fields = ["kind", "genes", "depth", "segments", "segment_distance", "gradients"];

    /// <inheritdoc />
    public string Extension => "json";

    /// <inheritdoc />
    public string Write(BiomorphGenome genome)
    {
        // Written by hand: the format is tiny, and this runs for every child in checkpoints and operator checks.
        static string Ints(IEnumerable<int> v) => string.Join(", ", v.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return "{\n" +
               $"  \"kind\": \"{Kind}\",\n" +
               $"  \"genes\": [{Ints(genome.Genes)}],\n" +
               $"  \"depth\": {genome.Depth.ToString(CultureInfo.InvariantCulture)},\n" +
               $"  \"segments\": {genome.Segments.ToString(CultureInfo.InvariantCulture)},\n" +
               $"  \"segment_distance\": {genome.SegmentDistance.ToString(CultureInfo.InvariantCulture)},\n" +
               $"  \"gradients\": [{Ints(genome.Gradients)}]\n" +
               "}\n";
    }

    /// <inheritdoc />
    public BiomorphGenome Read(string text, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? -1) + 1, col = (int)(e.BytePositionInLine ?? -1) + 1;
            throw new InputException($"not valid JSON: {e.Message}", source, Math.Max(line, 0), Math.Max(col, 0), e);
        }
        using (doc)
        {
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) throw new InputException("a biomorph genome must be a JSON object", source);
            foreach (var p in o.EnumerateObject())
                if (!Fields.Contains(p.Name)) throw new InputException($"unknown field \"{p.Name}\" in a biomorph genome", source);
            bool hasKind = o.TryGetProperty("kind", out var kind);
            if (!hasKind || kind.ValueKind != JsonValueKind.String || kind.GetString() != Kind)
                throw new InputException($"\"kind\" must be \"{Kind}\", found {(hasKind ? kind.GetRawText() : "nothing")}", source);

            int[] genes = IntArray(o, "genes", source, required: true)!;
            int depth = Int(o, "depth", source, null);
            int segments = Int(o, "segments", source, 1);
            int distance = Int(o, "segment_distance", source, 1);
            int[]? gradients = IntArray(o, "gradients", source, required: false);
            try { return new BiomorphGenome(genes, depth, segments, distance, gradients); }
            catch (ArgumentException e) { throw new InputException($"invalid biomorph: {e.Message.Split(" (Parameter")[0]}", source, inner: e); }
        }
    }

    private static int Int(JsonElement o, string key, string source, int? fallback)
    {
        if (!o.TryGetProperty(key, out var v))
            return fallback ?? throw new InputException($"missing field \"{key}\"", source);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)) return i;
        throw new InputException($"\"{key}\" must be an integer, found {v.GetRawText()}", source);
    }

    private static int[]? IntArray(JsonElement o, string key, string source, bool required)
    {
        if (!o.TryGetProperty(key, out var a))
            return required ? throw new InputException($"missing field \"{key}\"", source) : null;
        if (a.ValueKind != JsonValueKind.Array) throw new InputException($"\"{key}\" must be an array of {BiomorphGenome.VectorGenes} integers", source);
        int n = a.GetArrayLength();
        if (n != BiomorphGenome.VectorGenes)
            throw new InputException($"\"{key}\" must have {BiomorphGenome.VectorGenes} integers, found {n}", source);
        var result = new int[n];
        int k = 0;
        foreach (var e in a.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v)) result[k++] = v;
            else throw new InputException($"\"{key}\"[{k}] must be an integer, found {e.GetRawText()}", source);
        }
        return result;
    }
}
