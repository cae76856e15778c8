using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Biomorph;

/// <summary>Options of the biomorph artist (plus the shared evolution settings).</summary>
[Description("Dawkins' biomorphs: a nine-gene recursive tree drawn as lines, mutated one gene by ±1 (The Blind Watchmaker)")]
public sealed class BiomorphArtistOptions : EvolutionOptions
{
    [Description("vector genes g1..g8 stay in [-gene_limit, gene_limit] (Dawkins used 9)")]
    [Range(1, BiomorphGenome.MaxAbsGene)]
    public int GeneLimit { get; set; } = 9;

    [Description("largest recursion depth (a tree of depth d has 2^d - 1 lines)")]
    [Range(1, BiomorphGenome.MaxDepth)]
    public int MaxDepth { get; set; } = 8;

    [Description("largest number of stacked segments; 1 turns segmentation off")]
    [Range(1, BiomorphGenome.MaxSegments)]
    public int MaxSegments { get; set; } = 1;

    [Description("largest segment distance (in units of the depth)")]
    [Range(1, BiomorphGenome.MaxSegmentDistance)]
    public int MaxSegmentDistance { get; set; } = 10;

    [Description("gradient genes stay in [-gradient_limit, gradient_limit]: segment s uses g_i + s * gradient_i; 0 turns gradients off")]
    [Range(0, BiomorphGenome.MaxAbsGene)]
    public int GradientLimit { get; set; }

    [Description("line width as a fraction of the image's shorter side (at least one pixel)")]
    [Range(0.0, 0.25)]
    public double LineWidth { get; set; } = 1.0 / 48;

    /// <summary>The operator limits these options describe.</summary>
    public BiomorphLimits Limits => new(GeneLimit, MaxDepth, MaxSegments, GradientLimit, MaxSegmentDistance);
}

/// <summary>Wires the biomorph genome, operators, renderer and JSON format into an <see cref="EvolvingArtist{T}"/>.</summary>
public static class BiomorphArtist
{
    /// <summary>An evolving biomorph artist.</summary>
    public static EvolvingArtist<BiomorphGenome> Create(BiomorphArtistOptions options, ComponentContext context)
    {
        var limits = options.Limits;
        return new EvolvingArtist<BiomorphGenome>(options, new BiomorphFactory(limits), new BiomorphMutation(limits),
            new BiomorphCrossover(), new BiomorphRenderer(options.LineWidth), new BiomorphFormat(), context);
    }
}
