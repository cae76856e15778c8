using Coevo.Coevolution.Gradient;

namespace Coevo.Coevolution.Schedules;

/// <summary>A GAN: a differentiable artist and critic trained by alternating SGD on real images, step after step (one <see cref="GanPhase"/>).</summary>
public sealed class GanSchedule(GanOptions options) : PhasedSchedule("step", [new GanPhase(options)])
{
    /// <summary>The options this schedule was made with.</summary>
    public GanOptions Options { get; } = options;
}
