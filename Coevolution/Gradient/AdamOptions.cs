using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Adam's settings, shared by every component that trains by SGD (its options class derives from this, so the keys
/// below are valid in its YAML section). The defaults are Radford et al.'s DCGAN choice: 2e-4, β₁ 0.5.
/// </summary>
public class AdamOptions : IValidatableObject
{
    [Description("Adam learning rate")]
    [Range(1e-7, 1.0)]
    public double Lr { get; set; } = 2e-4;

    [Description("Adam beta1")]
    [Range(0.0, 0.9999)]
    public double Beta1 { get; set; } = 0.5;

    [Description("Adam beta2")]
    [Range(0.0, 0.99999)]
    public double Beta2 { get; set; } = 0.999;

    /// <summary>A problem between keys that no single key shows (null when none); a subclass adds its own.</summary>
    public virtual string? Problem() => null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Problem() is { } problem) yield return new ValidationResult(problem);
    }

    /// <summary>An Adam optimiser over <paramref name="parameters"/> with these settings.</summary>
    public Adam CreateAdam(IEnumerable<Parameter> parameters) => TorchSharp.torch.optim.Adam(parameters, Lr, Beta1, Beta2);
}
