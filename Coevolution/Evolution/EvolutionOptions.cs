using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Coevo.Coevolution.Evolution;

/// <summary>How parents are chosen.</summary>
public enum SelectionKind
{
    /// <summary>Best of <c>tournament_size</c> random individuals.</summary>
    Tournament,
    /// <summary>Uniformly from the best <c>truncation</c> fraction.</summary>
    Truncation,
    /// <summary>Roulette wheel on fitness shifted to be positive.</summary>
    FitnessProportional,
}

/// <summary>
/// Settings shared by every artist that learns by evolution. Each artist's options class derives from this,
/// so the YAML keys below are valid in any evolutionary <c>artist:</c> section.
/// </summary>
public class EvolutionOptions : IValidatableObject
{
    [Description("individuals per generation")]
    [Range(2, 100000)]
    public int Population { get; set; } = 32;

    [Description("parent selection: tournament, truncation or fitness_proportional")]
    public SelectionKind Selection { get; set; } = SelectionKind.Tournament;

    [Description("individuals per tournament (selection: tournament)")]
    [Range(1, 1000)]
    public int TournamentSize { get; set; } = 3;

    [Description("fraction of the population parents are drawn from (selection: truncation)")]
    [Range(0.01, 1.0)]
    public double Truncation { get; set; } = 0.5;

    [Description("best individuals copied unchanged into the next generation")]
    [Range(0, 100000)]
    public int Elitism { get; set; } = 1;

    [Description("probability that a child is made by crossover (otherwise it copies one parent)")]
    [Range(0.0, 1.0)]
    public double CrossoverRate { get; set; } = 0.3;

    [Description("probability that a child is mutated")]
    [Range(0.0, 1.0)]
    public double MutationRate { get; set; } = 0.9;

    [Description("side in pixels of the images shown to the critic")]
    [Range(4, 4096)]
    public int ImageSize { get; set; } = 64;

    /// <summary>Constraints between options (each option's own range is checked by its attribute).</summary>
    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Elitism >= Population)
            yield return new ValidationResult($"elitism ({Elitism}) must be below the population ({Population}), or nothing new is ever bred", [nameof(Elitism)]);
    }
}
