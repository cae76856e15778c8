using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution.Metrics.Features;

namespace Coevo.Experiments.Config;

/// <summary>The optional <c>metrics:</c> section: measure the run's images against the <c>data:</c> section as it goes.</summary>
public sealed class MetricsOptions
{
    [Description("measure FID, KID, precision/recall and feature diversity every N generations (and at the first and last)")]
    [Range(1, 1_000_000)]
    public int Every { get; set; } = 10;

    [Description("real images in the reference set, and most generated images per measurement")]
    [Range(4, 100_000)]
    public int Samples { get; set; } = 1000;

    [Description("feature network: a shipped name or a .safetensors from 'coevo features train'")]
    public string Features { get; set; } = FeatureExtractor.DefaultName;
}
