using System.Text;
using System.Text.Json;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// CPPN genomes as JSON:
/// <code>
/// { "kind": "cppn", "color": "grey|hsv|rgb",
///   "nodes": [ { "id": 0, "kind": "input", "label": "x", "activation": "identity" }, ... ],
///   "links": [ { "innovation": 9, "from": 0, "to": 7, "weight": 0.5, "enabled": true }, ... ] }
/// </code>
/// Node kinds are input, bias, hidden and output; inputs are labelled x, y, d, bias and outputs by the colour mode.
/// </summary>
public sealed class CppnJsonFormat : IGenomeFormat<CppnGenome>
{
    /// <inheritdoc/>
    public string Extension => "json";

    /// <inheritdoc/>
    public string Write(CppnGenome genome)
    {
        var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("kind", "cppn");
            w.WriteString("color", genome.Color.ToString().ToLowerInvariant());
            w.WriteStartArray("nodes");
            var outLabels = CppnGenome.OutputLabels(genome.Color);
            for (int i = 0; i < genome.Nodes.Count; i++)
            {
                var n = genome.Nodes[i];
                w.WriteStartObject();
                w.WriteNumber("id", n.Id);
                w.WriteString("kind", n.Kind.ToString().ToLowerInvariant());
                if (i < CppnGenome.InputCount) w.WriteString("label", CppnGenome.InputLabels[i]);
                else if (n.Kind == NodeKind.Output) w.WriteString("label", outLabels[i - CppnGenome.InputCount]);
                w.WriteString("activation", ActivationNames.ToJson(n.Activation));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("links");
            foreach (var l in genome.Links)
            {
                w.WriteStartObject();
                w.WriteNumber("innovation", l.Innovation);
                w.WriteNumber("from", l.From);
                w.WriteNumber("to", l.To);
                w.WriteNumber("weight", l.Weight);
                w.WriteBoolean("enabled", l.Enabled);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <inheritdoc/>
    public CppnGenome Read(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException($"not valid JSON: {e.Message}", source, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException("a CPPN genome must be a JSON object", source);
            string kind = Str(root, "kind", "", source);
            if (kind != "cppn") throw new InputException($"\"kind\" is '{kind}', expected 'cppn'", source);
            string colorName = Str(root, "color", "", source);
            if (!Enum.TryParse<ColorMode>(colorName, ignoreCase: true, out var color) || !Enum.IsDefined(color))
                throw new InputException($"\"color\" is '{colorName}', expected grey, hsv or rgb", source);

            var raw = new List<GenomeParts.RawNode>();
            int idx = 0;
            foreach (var n in Array(root, "nodes", source))
            {
                string where = $"nodes[{idx++}]";
                int id = Int(n, "id", where, source);
                string kindName = Str(n, "kind", where, source);
                if (!Enum.TryParse<NodeKind>(kindName, ignoreCase: true, out var nk) || !Enum.IsDefined(nk))
                    throw new InputException($"{where}: \"kind\" is '{kindName}', expected input, bias, hidden or output", source);
                string label = n.TryGetProperty("label", out var lab) && lab.ValueKind == JsonValueKind.String ? lab.GetString()! : "";
                string actName = n.TryGetProperty("activation", out var act) && act.ValueKind == JsonValueKind.String ? act.GetString()! : "identity";
                if (!ActivationNames.TryParseJson(actName, out var activation))
                    throw new InputException($"{where}: unknown activation '{actName}'; known: {ActivationNames.JsonList}", source);
                if (nk != NodeKind.Hidden && label.Length == 0) throw new InputException($"{where}: a {kindName} node needs a \"label\"", source);
                raw.Add(new GenomeParts.RawNode(id, nk, label, activation, 0));
            }
            var links = new List<LinkGene>();
            idx = 0;
            foreach (var l in Array(root, "links", source))
            {
                string where = $"links[{idx++}]";
                bool enabled = !l.TryGetProperty("enabled", out var en) || en.ValueKind != JsonValueKind.False;
                if (l.TryGetProperty("enabled", out en) && en.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw new InputException($"{where}: \"enabled\" must be true or false", source);
                if (!l.TryGetProperty("weight", out var wt) || wt.ValueKind != JsonValueKind.Number)
                    throw new InputException($"{where}: missing number \"weight\"", source);
                links.Add(new LinkGene(Int(l, "innovation", where, source), Int(l, "from", where, source), Int(l, "to", where, source), wt.GetDouble(), enabled));
            }
            return GenomeParts.Build(color, raw, links, source);
        }
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement e, string name, string source)
    {
        if (!e.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array)
            throw new InputException($"missing array \"{name}\"", source);
        return a.EnumerateArray();
    }

    private static string Str(JsonElement e, string name, string where, string source)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String)
            throw new InputException($"{Prefix(where)}missing string \"{name}\"", source);
        return v.GetString()!;
    }

    private static int Int(JsonElement e, string name, string where, string source)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i))
            throw new InputException($"{Prefix(where)}missing integer \"{name}\"", source);
        return i;
    }

    private static string Prefix(string where) => where.Length == 0 ? "" : where + ": ";
}
