using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>
/// The components a config names, built in memory. Building is the last check of a config: <c>validate</c> and
/// <c>run</c> both build, so whatever <c>run</c> would reject, <c>validate</c> rejects too, and a run folder is only
/// created once this succeeded.
/// </summary>
public sealed class Experiment
{
    /// <summary>The config it was built from.</summary>
    public required ExperimentConfig Config { get; init; }
    /// <summary>The image maker.</summary>
    public required IArtist Artist { get; init; }
    /// <summary>The judge.</summary>
    public required ICritic Critic { get; init; }
    /// <summary>Who learns when.</summary>
    public required ISchedule Schedule { get; init; }
    /// <summary>The real images, when the config has a data section (loaded, so checked).</summary>
    public IImageDataset? Data { get; init; }

    /// <summary>
    /// Checks the memory estimate against <paramref name="availableMemory"/> (default: this machine's), then loads the
    /// data and creates artist, critic and schedule. Every failure is an <see cref="InputException"/> naming the config.
    /// </summary>
    public static Experiment Build(ExperimentConfig config, long? availableMemory = null)
    {
        MemoryEstimate.Check(config, availableMemory ?? MemoryEstimate.Available);
        var context = config.Context;
        var experiment = new Experiment
        {
            Config = config,
            Data = context.Data?.Value,
            Artist = (IArtist)config.Artist.Create(context),
            Critic = (ICritic)config.Critic.Create(context),
            Schedule = (ISchedule)config.Schedule.Create(context),
        };
        if (experiment.Schedule.Problem(experiment.Artist, experiment.Critic, experiment.Data) is { } problem)
            throw new InputException($"the {config.Schedule.Component.Name} schedule cannot pair the {config.Artist.Component.Name} artist with the {config.Critic.Component.Name} critic: {problem}", config.File);
        return experiment;
    }

    /// <summary>"gp artist, target critic (metric: ssim), evolve schedule".</summary>
    public string Describe() =>
        $"{Config.Artist.Summary} artist, {Config.Critic.Summary} critic, {Config.Schedule.Summary} schedule" +
        (Data is { } d ? $", data: {d.Name} ({d.Count} images of {d.Width}x{d.Height})" : "");
}
