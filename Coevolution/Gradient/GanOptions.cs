using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Coevo.Coevolution.Gradient;

/// <summary>The generator's loss.</summary>
public enum GanLoss
{
    /// <summary>Maximise log D(G(z)) (Goodfellow et al. 2014, §3): strong gradients early, when D rejects every fake.</summary>
    NonSaturating,
    /// <summary>Minimise log(1 − D(G(z))), the minimax game as written; saturates when D wins.</summary>
    Minimax,
}

/// <summary>
/// How a GAN trains (Goodfellow et al. 2014, Algorithm 1, with the stabilisers the GAN lectures teach). Each
/// stabiliser is off by default and switched on from YAML.
/// </summary>
public sealed class GanOptions
{
    [Description("images per SGD step (real and fake each)")]
    [Range(2, 4096)]
    public int BatchSize { get; set; } = 64;

    [Description("discriminator steps per generator step (k in Algorithm 1)")]
    [Range(1, 100)]
    public int DSteps { get; set; } = 1;

    [Description("generator loss: non_saturating (-log D(G(z))) or minimax (log(1 - D(G(z))))")]
    public GanLoss Loss { get; set; } = GanLoss.NonSaturating;

    [Description("one-sided label smoothing: D's real targets become 1 - this (Salimans et al. 2016)")]
    [Range(0.0, 0.5)]
    public double LabelSmoothing { get; set; }

    [Description("probability that each of D's labels is flipped (real <-> fake)")]
    [Range(0.0, 0.5)]
    public double LabelFlip { get; set; }

    [Description("sigma of Gaussian noise added to every image D sees (instance noise, Sønderby et al. 2017)")]
    [Range(0.0, 2.0)]
    public double InstanceNoise { get; set; }

    [Description("anneal the instance noise linearly to 0 over this many steps (0: keep it constant)")]
    [Range(0, 100_000_000)]
    public int InstanceNoiseSteps { get; set; }

    [Description("old fakes kept for experience replay (0: off; Shrivastava et al. 2017)")]
    [Range(0, 1_000_000)]
    public int ReplaySize { get; set; }

    [Description("share of each of D's fake batches drawn from the replay buffer")]
    [Range(0.0, 1.0)]
    public double ReplayFraction { get; set; } = 0.5;

    [Description("images drawn from one fixed z for the sample sheets and the collapse check, the same all run")]
    [Range(1, 1024)]
    public int Samples { get; set; } = 64;

    [Description("check the fixed-z samples' diversity (mode collapse) every this many steps")]
    [Range(1, 1_000_000)]
    public int CheckEvery { get; set; } = 50;

    [Description("warn of mode collapse when the fixed-z samples' diversity falls below this share of its highest value")]
    [Range(0.0, 1.0)]
    public double CollapseWarning { get; set; } = 0.35;

    [Description("warn that D overpowers G when D's mean loss over the last 100 steps falls below this")]
    [Range(0.0, 10.0)]
    public double DominanceWarning { get; set; } = 0.05;
}
