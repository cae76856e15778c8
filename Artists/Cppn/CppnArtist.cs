using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>Options of the CPPN-NEAT artist (YAML <c>artist: cppn</c>), on top of the shared evolution settings.</summary>
[Description("CPPN-NEAT artist (Picbreeder): networks over x, y, d and bias, grey or HSV, rendered as cppn-x does")]
public sealed class CppnArtistOptions : EvolutionOptions
{
    [Description("output: grey (one 'ink' output) or hsv (hue, saturation, brightness); ignored with a seed_genome")]
    public ColorMode Color { get; set; } = ColorMode.Grey;

    [Description("start from this genome (Picbreeder cppn-x .xml or Coevo .json) instead of random networks")]
    [ExistingPath]
    public string? SeedGenome { get; set; }

    [Description("hidden nodes added to each random initial network")]
    [Range(0, 100)]
    public int InitialHidden { get; set; } = 1;

    [Description("activations that new nodes and activation changes draw from: 'all', or names separated by spaces or commas from identity sin cos gaussian sigmoid tanh abs step usigmoid ugaussian")]
    public string Activations { get; set; } = "sin cos gaussian sigmoid tanh identity abs step";

    [Description("weights stay within ±this (Picbreeder: 3)")]
    [Range(0.01, 100.0)]
    public double WeightLimit { get; set; } = 3.0;

    [Description("weight of the add-node mutation")]
    [Range(0.0, 1000.0)]
    public double AddNodeWeight { get; set; } = 1;

    [Description("weight of the add-link mutation")]
    [Range(0.0, 1000.0)]
    public double AddLinkWeight { get; set; } = 2;

    [Description("weight of the weight-perturbation mutation")]
    [Range(0.0, 1000.0)]
    public double WeightPerturbWeight { get; set; } = 6;

    [Description("weight of the activation-change mutation")]
    [Range(0.0, 1000.0)]
    public double ActivationChangeWeight { get; set; } = 1;

    [Description("chance that each further link's weight is perturbed by a weight mutation (one link always is)")]
    [Range(0.0, 1.0)]
    public double WeightMutationRate { get; set; } = 0.2;

    [Description("standard deviation of a weight perturbation")]
    [Range(0.0, 100.0)]
    public double WeightPower { get; set; } = 0.5;

    [Description("number of species the dynamic compatibility threshold steers toward (0: no speciation)")]
    [Range(0, 10000)]
    public int TargetSpecies { get; set; } = 5;

    [Description("initial compatibility threshold")]
    [Range(0.0, 1000.0)]
    public double CompatibilityThreshold { get; set; } = 1.0;

    [Description("compatibility distance: coefficient of excess genes (c1)")]
    [Range(0.0, 1000.0)]
    public double ExcessCoefficient { get; set; } = 1.0;

    [Description("compatibility distance: coefficient of disjoint genes (c2)")]
    [Range(0.0, 1000.0)]
    public double DisjointCoefficient { get; set; } = 1.0;

    [Description("compatibility distance: coefficient of the mean weight difference (c3)")]
    [Range(0.0, 1000.0)]
    public double WeightCoefficient { get; set; } = 0.4;

    /// <summary>
    /// The NEAT mutation mix these options weigh (add node, add link, perturb weights, change activation), numbering new
    /// structure with <paramref name="tracker"/>, and its weight mutation alone (for seeding from a genome).
    /// </summary>
    public (IMutation<CppnGenome> Mutation, WeightMutation Weights) Mutations(InnovationTracker tracker, IReadOnlyList<Activation> activations)
    {
        var weights = new WeightMutation(WeightMutationRate, WeightPower, limit: WeightLimit);
        var mutation = new WeightedMutation<CppnGenome>(
            (new AddNodeMutation(tracker, activations), AddNodeWeight),
            (new AddLinkMutation(tracker, WeightLimit), AddLinkWeight),
            (weights, WeightPerturbWeight),
            (new ActivationMutation(activations), ActivationChangeWeight));
        return (mutation, weights);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var r in base.Validate(validationContext)) yield return r;
        string? activations = null;
        try { ParseActivations(); }
        catch (ArgumentException e) { activations = e.Message; }
        if (activations != null) yield return new ValidationResult(activations, [nameof(Activations)]);
        if (AddNodeWeight + AddLinkWeight + WeightPerturbWeight + ActivationChangeWeight <= 0)
            yield return new ValidationResult("at least one mutation weight must be above 0", [nameof(AddNodeWeight)]);
    }

    /// <summary>Parses <see cref="Activations"/>; <see cref="ArgumentException"/> names a bad entry.</summary>
    public IReadOnlyList<Activation> ParseActivations()
    {
        var names = Activations.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 1 && names[0] == "all") return ActivationNames.All;
        var list = new List<Activation>();
        foreach (var n in names)
        {
            if (!ActivationNames.TryParseJson(n, out var a))
                throw new ArgumentException($"activations: unknown activation '{n}'; known: all, or some of {ActivationNames.JsonList}");
            if (!list.Contains(a)) list.Add(a);
        }
        if (list.Count == 0) throw new ArgumentException("activations: name at least one activation, or 'all'");
        return list;
    }
}

/// <summary>The CPPN-NEAT artist: an <see cref="EvolvingArtist{T}"/> over <see cref="CppnGenome"/> with NEAT speciation.</summary>
public static class CppnArtist
{
    /// <summary>Reads a genome file: cppn-x XML (by the .xml extension) or Coevo JSON.</summary>
    public static CppnGenome ReadGenome(string path) =>
        Path.GetExtension(path).Equals(".xml", StringComparison.OrdinalIgnoreCase)
            ? GenomeFile.Read(new CppnXmlFormat(), path)
            : GenomeFile.Read(new CppnJsonFormat(), path);

    /// <summary>The registry factory: options and context to a ready artist (initial population drawn from the context's seed).</summary>
    public static EvolvingArtist<CppnGenome> Create(CppnArtistOptions options, ComponentContext context)
    {
        var activations = options.ParseActivations();
        CppnGenome? seed = null;
        if (!string.IsNullOrEmpty(options.SeedGenome))
            seed = ReadGenome(Path.IsPathRooted(options.SeedGenome) ? options.SeedGenome : Path.Combine(context.BaseDirectory, options.SeedGenome));
        var tracker = new InnovationTracker();
        var (mutation, weights) = options.Mutations(tracker, activations);
        var factory = new CppnGenomeFactory(options.Color, tracker, activations, options.WeightLimit, options.InitialHidden, seed, weights);
        var speciation = options.TargetSpecies == 0 ? null : new CppnSpeciation
        {
            C1 = options.ExcessCoefficient,
            C2 = options.DisjointCoefficient,
            C3 = options.WeightCoefficient,
            TargetSpecies = options.TargetSpecies,
            Threshold = options.CompatibilityThreshold,
        };
        return new EvolvingArtist<CppnGenome>(options, factory, mutation, new CppnCrossover(), new CppnRenderer(), new CppnJsonFormat(), context,
            speciation, breedingState: tracker);
    }
}
