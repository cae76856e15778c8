using Coevo.Artists.Biomorph;
using Coevo.Artists.Cppn;
using Coevo.Artists.Gp;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using System.Text.Json;

namespace Coevo.Breeding.Kinds;

/// <summary>
/// The evolutionary artists' genome kinds in one explicit list: what a person can breed, and what genome files Coevo
/// reads (<c>coevo render</c> and the breeder's import both tell a genome's kind here).
/// </summary>
public static class BreedKinds
{
    /// <summary>Every kind, the default (cppn) first.</summary>
    public static IReadOnlyList<IBreedKind> All { get; } = [new CppnKind(), new GpKind(), new BiomorphKind()];

    /// <summary>Every genome format (file extension without the dot): json first, then each kind's own.</summary>
    public static IReadOnlyList<string> Formats { get; } = All.SelectMany(k => k.Formats).Distinct().ToArray();

    /// <summary>The kind called <paramref name="name"/>; an unknown name is an <see cref="InputException"/> listing the known ones.</summary>
    public static IBreedKind Get(string name) =>
        All.FirstOrDefault(k => k.Name == name)
        ?? throw new InputException($"unknown artist '{name}'; known: {string.Join(", ", All.Select(k => k.Name))}");

    /// <summary>
    /// The kind of a genome text in <paramref name="format"/>: a JSON genome names it in its top-level <c>"kind"</c>;
    /// other formats belong to one kind each (sexp to gp, xml to cppn). Problems name <paramref name="source"/>.
    /// </summary>
    public static IBreedKind OfText(string text, string format, string source)
    {
        if (format != "json")
            return All.FirstOrDefault(k => k.Formats.Contains(format))
                   ?? throw new InputException($"unknown genome format '{format}'; known: {string.Join(", ", Formats)}", source);
        string name;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String)
                throw new InputException($"a genome JSON file needs a top-level \"kind\" ({string.Join(", ", All.Select(x => x.Name))})", source);
            name = k.GetString()!;
        }
        catch (JsonException e)
        {
            throw new InputException($"not valid JSON: {e.Message}", source, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1, e);
        }
        return All.FirstOrDefault(k => k.Name == name)
               ?? throw new InputException($"unknown genome kind '{name}'; known kinds: {string.Join(", ", All.Select(k => k.Name))}", source);
    }
}

/// <summary>Picbreeder: CPPNs grown by NEAT mutations; crossover aligns genes by innovation number.</summary>
public sealed class CppnKind : BreedKind<CppnGenome>
{
    private static readonly CppnArtistOptions Defaults = new();

    /// <inheritdoc/>
    public override string Name => "cppn";
    /// <inheritdoc/>
    public override string Title => "CPPN (Picbreeder): networks of x, y, d and bias grown by NEAT";
    /// <inheritdoc/>
    protected override IViewportRenderer<CppnGenome> Renderer { get; } = new CppnRenderer();
    /// <inheritdoc/>
    protected override IReadOnlyList<IGenomeFormat<CppnGenome>> GenomeFormats { get; } = [new CppnJsonFormat(), new CppnXmlFormat()];

    /// <inheritdoc/>
    public override void Check(BreedSettings settings)
    {
        Color(settings);
        Activations(settings);
    }

    /// <inheritdoc/>
    protected override BreedOperators<CppnGenome> Operators(BreedSettings settings, IReadOnlyList<CppnGenome> members)
    {
        var activations = Activations(settings);
        // A fresh tracker per step, above every marking of the generation: the step needs no state from earlier steps.
        var tracker = new InnovationTracker();
        foreach (var g in members) tracker.EnsureAbove(g.MaxMarking);
        var (mutation, weights) = Defaults.Mutations(tracker, activations);
        var factory = new CppnGenomeFactory(Color(settings), tracker, activations, Defaults.WeightLimit, initialHidden: 2, seedMutation: weights);
        return new(factory, mutation, new CppnCrossover());
    }

    /// <inheritdoc/>
    protected override int GeneCount(CppnGenome genome) => genome.Nodes.Count + genome.Links.Count;

    /// <inheritdoc/>
    protected override string Describe(CppnGenome g) =>
        $"{g.Nodes.Count} nodes ({g.HiddenCount} hidden), {g.Links.Count(l => l.Enabled)} links";

    /// <inheritdoc/>
    public override int[]? Species(IReadOnlyList<object> members) =>
        new CppnSpeciation { TargetSpecies = Defaults.TargetSpecies, Threshold = Defaults.CompatibilityThreshold }
            .Speciate(members.Cast<CppnGenome>().ToArray());

    private static ColorMode Color(BreedSettings s) => s.Color switch
    {
        "grey" => ColorMode.Grey,
        "hsv" => ColorMode.Hsv,
        "rgb" => ColorMode.Rgb,
        _ => throw new InputException($"unknown colour mode '{s.Color}'; known: grey, hsv, rgb"),
    };

    private static IReadOnlyList<Activation> Activations(BreedSettings s)
    {
        if (s.Activations.Count == 0) throw new InputException("choose at least one activation");
        if (s.Activations.Any(a => a.Trim().Length == 0 || a.Trim() == "all")) throw new InputException($"activations are named one by one from {ActivationNames.JsonList}");
        try { return new CppnArtistOptions { Activations = string.Join(' ', s.Activations) }.ParseActivations(); }
        catch (ArgumentException e) { throw new InputException(e.Message); }
    }
}

/// <summary>Karl Sims' expression trees over x, y and r (1991).</summary>
public sealed class GpKind : BreedKind<GpTree>
{
    private static readonly GpSettings Settings = new GpArtistOptions().ToSettings();

    /// <inheritdoc/>
    public override string Name => "gp";
    /// <inheritdoc/>
    public override string Title => "GP expression trees (Karl Sims 1991) over x, y and r";
    /// <inheritdoc/>
    protected override IViewportRenderer<GpTree> Renderer { get; } = new GpRenderer();
    /// <inheritdoc/>
    protected override IReadOnlyList<IGenomeFormat<GpTree>> GenomeFormats { get; } = [new GpJsonFormat(), new GpSExpressionFormat()];

    /// <inheritdoc/>
    protected override BreedOperators<GpTree> Operators(BreedSettings settings, IReadOnlyList<GpTree> members) =>
        new(new GpGenerator(Settings), new GpMutation(Settings), new GpCrossover(Settings));

    /// <inheritdoc/>
    protected override int GeneCount(GpTree genome) => genome.Size;

    /// <inheritdoc/>
    protected override string Describe(GpTree g) => $"depth {g.Depth}, {g.Size} nodes";
}

/// <summary>Dawkins' biomorphs (The Blind Watchmaker): nine genes, each mutation moves one gene by one.</summary>
public sealed class BiomorphKind : BreedKind<BiomorphGenome>
{
    private static readonly BiomorphLimits Limits = new BiomorphArtistOptions().Limits;

    /// <inheritdoc/>
    public override string Name => "biomorph";
    /// <inheritdoc/>
    public override string Title => "Biomorphs (Dawkins' Blind Watchmaker): nine genes draw a recursive tree";
    /// <inheritdoc/>
    protected override IViewportRenderer<BiomorphGenome> Renderer { get; } = new BiomorphRenderer(1.0 / 64);
    /// <inheritdoc/>
    protected override IReadOnlyList<IGenomeFormat<BiomorphGenome>> GenomeFormats { get; } = [new BiomorphFormat()];

    /// <inheritdoc/>
    protected override BreedOperators<BiomorphGenome> Operators(BreedSettings settings, IReadOnlyList<BiomorphGenome> members) =>
        new(new BiomorphFactory(Limits), new BiomorphMutation(Limits), new BiomorphCrossover());

    /// <inheritdoc/>
    protected override int GeneCount(BiomorphGenome genome) => BiomorphGenome.FlatLength;

    /// <inheritdoc/>
    protected override string Describe(BiomorphGenome g) =>
        $"depth {g.Depth}, {g.Segments * ((1 << g.Depth) - 1)} lines" + (g.Segments > 1 ? $", {g.Segments} segments" : "");
}
