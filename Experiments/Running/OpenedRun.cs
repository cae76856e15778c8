using Coevo.Coevolution;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;

namespace Coevo.Experiments.Running;

/// <summary>
/// A run folder opened for tools (<c>coevo sample</c>, <c>latent</c>, <c>inpaint</c>, <c>metrics</c>): its components
/// rebuilt from its <c>config.yaml</c> and restored from its newest complete checkpoint. Opening reads, never writes.
/// </summary>
public sealed class OpenedRun
{
    /// <summary>The run folder.</summary>
    public required string Directory { get; init; }
    /// <summary>The components, restored.</summary>
    public required Experiment Experiment { get; init; }
    /// <summary>Where the run stood at its newest checkpoint.</summary>
    public required RunState State { get; init; }
    /// <summary>"generation 40", "step 5000".</summary>
    public string Position => $"{Experiment.Schedule.UnitName} {State.Units}";

    /// <summary>Opens <paramref name="runDir"/>; anything missing or corrupt is an <see cref="InputException"/> naming it.</summary>
    public static OpenedRun Open(string runDir)
    {
        string dir = Path.GetFullPath(runDir);
        if (!System.IO.Directory.Exists(dir)) throw new InputException("run folder not found", runDir);
        string config = Path.Combine(dir, RunFolder.ConfigFile);
        if (!File.Exists(config)) throw new InputException($"not a run folder: {RunFolder.ConfigFile} is missing", runDir);
        var experiment = Experiment.Build(ExperimentConfig.Load(config));
        var checkpoints = new Checkpointer(Path.Combine(dir, RunFolder.Checkpoints))
        {
            Prefix = SampleSheetReporter.Prefix(experiment.Schedule.UnitName) + "-",
        };
        var loaded = checkpoints.Load((d, _) => RunSession.LoadParts(d, experiment.Artist, experiment.Critic, experiment.Schedule), cleanUp: false)
            ?? throw new InputException("has no checkpoint yet", runDir);
        return new OpenedRun { Directory = dir, Experiment = experiment, State = loaded.State };
    }
}
