using Coevo.Coevolution.Metrics.Features;
using Coevo.Coevolution.Reporting;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>What a run's report says about it, from its config; the one place both <c>coevo run</c> and <c>coevo report</c> take it from.</summary>
public static class RunReports
{
    /// <summary>Name, one-line description and (when the run measures FID) the feature network's label.</summary>
    public static RunReportInfo Info(ExperimentConfig config)
    {
        string? label = config.Metrics is { } m ? FeatureNetCard.Read(FeatureExtractor.CardPath(FeatureExtractor.Resolve(m.Features))).Label : null;
        string data = config.Data is { } d ? $" · data {d.Component.Name}" : "";
        return new RunReportInfo(config.Name,
            $"{config.Artist.Component.Name} artist · {config.Critic.Component.Name} critic · {config.Schedule.Component.Name} schedule{data} · seed {config.Seed}",
            label);
    }
}
