using Coevo.Coevolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Assembles a <see cref="CppnGenome"/> from nodes named by label, as both file formats read them: puts the inputs and
/// outputs in canonical order, infers the colour mode from the output labels and turns every problem into an
/// <see cref="InputException"/> naming the file.
/// </summary>
internal static class GenomeParts
{
    /// <summary>A node as read from a file: <paramref name="Label"/> names an input or output ("" for hidden).</summary>
    public readonly record struct RawNode(int Id, NodeKind Kind, string Label, Activation Activation, int Line);

    private static readonly string[] RgbShort = ["r", "g", "b"];

    public static ColorMode InferColor(IReadOnlyList<RawNode> outputs, string source)
    {
        var labels = outputs.Select(o => o.Label.ToLowerInvariant()).ToHashSet();
        if (labels.SetEquals(["ink"]) || labels.SetEquals(["brightness"])) return ColorMode.Grey;
        if (labels.SetEquals(["hue", "saturation", "brightness"])) return ColorMode.Hsv;
        if (labels.SetEquals(["red", "green", "blue"]) || labels.SetEquals(RgbShort)) return ColorMode.Rgb;
        throw new InputException(
            $"output nodes labelled [{string.Join(", ", outputs.Select(o => $"'{o.Label}'"))}] are not a known colour mode; " +
            "expected 'ink' (grey), 'hue'+'saturation'+'brightness' (hsv) or 'red'+'green'+'blue' (rgb)", source);
    }

    public static CppnGenome Build(ColorMode color, IReadOnlyList<RawNode> raw, IEnumerable<LinkGene> links, string source)
    {
        var byLabel = new Dictionary<string, RawNode>(StringComparer.OrdinalIgnoreCase);
        var hidden = new List<NodeGene>();
        foreach (var n in raw)
        {
            if (n.Kind == NodeKind.Hidden) { hidden.Add(new NodeGene(n.Id, NodeKind.Hidden, n.Activation)); continue; }
            string label = NormaliseLabel(n.Label);
            if (!byLabel.TryAdd(label, n))
                throw new InputException($"two nodes are labelled '{n.Label}' (ids {byLabel[label].Id} and {n.Id})", source, n.Line);
        }
        var ordered = new List<NodeGene>();
        foreach (var label in CppnGenome.InputLabels)
        {
            if (!byLabel.Remove(label, out var n)) throw new InputException($"missing input node '{label}'", source);
            if (n.Kind is not (NodeKind.Input or NodeKind.Bias))
                throw new InputException($"node {n.Id} labelled '{n.Label}' must be an input", source, n.Line);
            ordered.Add(new NodeGene(n.Id, label == "bias" ? NodeKind.Bias : NodeKind.Input, n.Activation));
        }
        foreach (var label in CppnGenome.OutputLabels(color))
        {
            if (!byLabel.Remove(label, out var n))
            {
                if (color == ColorMode.Grey && byLabel.Remove("brightness", out var b)) n = b;
                else throw new InputException($"missing output node '{label}' for colour mode {color.ToString().ToLowerInvariant()}", source);
            }
            if (n.Kind != NodeKind.Output) throw new InputException($"node {n.Id} labelled '{n.Label}' must be an output", source, n.Line);
            ordered.Add(new NodeGene(n.Id, NodeKind.Output, n.Activation));
        }
        if (byLabel.Count > 0)
        {
            var extra = byLabel.Values.First();
            throw new InputException($"node {extra.Id} has unexpected label '{extra.Label}' for colour mode {color.ToString().ToLowerInvariant()}", source, extra.Line);
        }
        ordered.AddRange(hidden);
        try
        {
            return new CppnGenome(color, ordered, links);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"invalid CPPN genome: {e.Message}", source, inner: e);
        }
    }

    private static string NormaliseLabel(string label) => label.ToLowerInvariant() switch
    {
        "r" => "red",
        "g" => "green",
        "b" => "blue",
        var l => l,
    };
}
