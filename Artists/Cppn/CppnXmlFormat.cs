using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Picbreeder genomes in the cppn-x XML format (Evolving-AI-Lab/cppnx): <c>&lt;genome&gt;</c> with
/// <c>&lt;nodes&gt;</c> (type in/hidden/out, label x/y/d/bias/ink/hue/saturation/brightness, a
/// <c>&lt;marking branch id&gt;</c> and an <c>&lt;activation&gt;</c> such as <c>sin(x)</c>) and <c>&lt;links&gt;</c>
/// (marking, source, target, weight). Nodes and links are identified in cppn-x by branch and id together; imported genes
/// keep their id as node id or innovation number, and the rare id that repeats under another branch gets a fresh number
/// above every id in the file. Writing produces the same format (branch "0"), without layout or labels.
/// </summary>
public sealed class CppnXmlFormat : IGenomeFormat<CppnGenome>
{
    /// <inheritdoc/>
    public string Extension => "xml";

    /// <inheritdoc/>
    public CppnGenome Read(string text, string source)
    {
        XElement root = Parse(text, source);
        var genome = root.Descendants("genome").FirstOrDefault()
            ?? throw new InputException("no <genome> element; not a cppn-x genome file", source);
        var nodesEl = genome.Element("nodes") ?? throw Missing(genome, "<nodes>", source);
        var linksEl = genome.Element("links") ?? throw Missing(genome, "<links>", source);

        var nodeXml = nodesEl.Elements("node").ToList();
        var linkXml = linksEl.Elements("link").ToList();
        int maxId = 0;
        foreach (var m in genome.Descendants("marking")) if (int.TryParse((string?)m.Attribute("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) maxId = Math.Max(maxId, v);
        int fresh = maxId + 1;

        var nodeIds = new Dictionary<string, int>();
        var usedNodeIds = new HashSet<int>();
        var raw = new List<GenomeParts.RawNode>();
        foreach (var n in nodeXml)
        {
            int line = Line(n);
            var (key, xmlId) = Marking(n.Element("marking") ?? throw Missing(n, "<marking>", source), source);
            if (nodeIds.ContainsKey(key)) throw new InputException($"node {key} appears twice", source, line);
            int id = usedNodeIds.Add(xmlId) ? xmlId : fresh++;
            usedNodeIds.Add(id);
            nodeIds[key] = id;
            string type = (string?)n.Attribute("type") ?? throw new InputException("<node> has no type attribute", source, line);
            string label = (string?)n.Attribute("label") ?? "";
            string actName = (string?)n.Element("activation") ?? throw Missing(n, "<activation>", source);
            if (!ActivationNames.TryParseXml(actName, out var act))
                throw new InputException($"node {key}: unknown activation '{actName}'; known: {ActivationNames.XmlList}", source, Line(n.Element("activation")!));
            NodeKind kind = type switch
            {
                "in" => label.Equals("bias", StringComparison.OrdinalIgnoreCase) ? NodeKind.Bias : NodeKind.Input,
                "out" => NodeKind.Output,
                "hidden" => NodeKind.Hidden,
                _ => throw new InputException($"node {key}: unknown type '{type}', expected in, hidden or out", source, line),
            };
            raw.Add(new GenomeParts.RawNode(id, kind, label, act, line));
        }

        var links = new List<LinkGene>();
        var usedInnovations = new HashSet<int>();
        foreach (var l in linkXml)
        {
            int line = Line(l);
            var (key, xmlId) = Marking(l.Element("marking") ?? throw Missing(l, "<marking>", source), source);
            var (fromKey, _) = Marking(l.Element("source") ?? throw Missing(l, "<source>", source), source);
            var (toKey, _) = Marking(l.Element("target") ?? throw Missing(l, "<target>", source), source);
            if (!nodeIds.TryGetValue(fromKey, out int from)) throw new InputException($"link {key} comes from node {fromKey}, which is not in <nodes>", source, line);
            if (!nodeIds.TryGetValue(toKey, out int to)) throw new InputException($"link {key} goes to node {toKey}, which is not in <nodes>", source, line);
            string weightText = (string?)l.Element("weight") ?? throw Missing(l, "<weight>", source);
            if (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || !double.IsFinite(weight))
                throw new InputException($"link {key}: weight '{weightText}' is not a finite number", source, Line(l.Element("weight")!));
            int innovation = usedInnovations.Add(xmlId) ? xmlId : fresh++;
            usedInnovations.Add(innovation);
            links.Add(new LinkGene(innovation, from, to, weight, true));
        }

        var outputs = raw.Where(r => r.Kind == NodeKind.Output).ToList();
        if (outputs.Count == 0) throw new InputException("the genome has no output node (type=\"out\")", source);
        var color = GenomeParts.InferColor(outputs, source);
        return GenomeParts.Build(color, raw, links, source);
    }

    /// <inheritdoc/>
    public string Write(CppnGenome genome)
    {
        var outLabels = CppnGenome.OutputLabels(genome.Color);
        var nodes = new XElement("nodes", new XAttribute("count", genome.Nodes.Count));
        for (int i = 0; i < genome.Nodes.Count; i++)
        {
            var n = genome.Nodes[i];
            string label = i < CppnGenome.InputCount ? CppnGenome.InputLabels[i] : n.Kind == NodeKind.Output ? outLabels[i - CppnGenome.InputCount] : "";
            string type = n.Kind switch { NodeKind.Input or NodeKind.Bias => "in", NodeKind.Output => "out", _ => "hidden" };
            nodes.Add(new XElement("node",
                new XAttribute("affinity", genome.Color == ColorMode.Grey ? "grey" : "color"), new XAttribute("bias", "0.0"),
                new XAttribute("label", label), new XAttribute("type", type),
                Mark("marking", n.Id), new XElement("activation", ActivationNames.ToXml(n.Activation))));
        }
        var links = new XElement("links", new XAttribute("count", genome.Links.Count(l => l.Enabled)));
        foreach (var l in genome.Links.Where(l => l.Enabled))
            links.Add(new XElement("link", Mark("marking", l.Innovation), Mark("source", l.From), Mark("target", l.To),
                new XElement("weight", l.Weight.ToString("R", CultureInfo.InvariantCulture))));
        var data = new XElement("data", new XAttribute("version", "1.0"),
            new XElement("genome", new XAttribute("age", "unknown"), new XAttribute("phenotype", genome.Color == ColorMode.Grey ? "grey" : "color"), nodes, links));
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<cppn-data version=\"1.2\"/>\n");
        sb.Append(data.ToString());
        sb.Append('\n');
        return sb.ToString();

        static XElement Mark(string name, int id) => new(name, new XAttribute("branch", "0"), new XAttribute("id", id.ToString(CultureInfo.InvariantCulture)));
    }

    private static XElement Parse(string text, string source)
    {
        // cppn-x files have two top-level elements (<cppn-data/> and <data>), so wrap them in one root. The XML declaration
        // is blanked rather than removed so that line and column numbers stay those of the file.
        string body = text.TrimStart('\uFEFF');
        if (body.TrimStart().StartsWith("<?xml", StringComparison.Ordinal))
        {
            int start = body.IndexOf("<?xml", StringComparison.Ordinal);
            int end = body.IndexOf("?>", start, StringComparison.Ordinal);
            if (end < 0) throw new InputException("unterminated XML declaration", source, 1, 1);
            body = body[..start] + new string(' ', end + 2 - start) + body[(end + 2)..];
        }
        try
        {
            var doc = XDocument.Parse("<cppnx-file>" + body + "</cppnx-file>", LoadOptions.SetLineInfo);
            return doc.Root!;
        }
        catch (XmlException e)
        {
            int column = e.LineNumber == 1 ? Math.Max(1, e.LinePosition - "<cppnx-file>".Length) : e.LinePosition;
            string message = e.Message.Replace("cppnx-file", "(file)");
            throw new InputException($"not valid XML: {message}", source, e.LineNumber, column, e);
        }
    }

    private static (string Key, int Id) Marking(XElement e, string source)
    {
        string branch = (string?)e.Attribute("branch") ?? "";
        string idText = (string?)e.Attribute("id") ?? throw new InputException($"<{e.Name}> has no id attribute", source, Line(e));
        if (!int.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || id < 0)
            throw new InputException($"<{e.Name}> id '{idText}' is not a non-negative integer", source, Line(e));
        return ($"{branch}_{idText}", id);
    }

    private static int Line(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber : 0;

    private static InputException Missing(XElement parent, string what, string source) =>
        new($"<{parent.Name}> has no {what} element", source, Line(parent));
}
