namespace Coevo.Coevolution.Schedules;

/// <summary>
/// One kind of work a schedule repeats: a generation of evolution against the critic, a GAN step, a unit of critic
/// learning. A <see cref="PhasedSchedule"/> runs phases in turn; cancellation, reporters and checkpoints live there,
/// once, not in the phases.
/// </summary>
public interface IPhase
{
    /// <summary>The phase's name in logs and <c>metrics.csv</c>: "evolve", "gan", "critic".</summary>
    string Name { get; }

    /// <summary>The figures it reports per unit (the schedule's columns are the union over its phases).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Why this phase cannot work with these components, or null.</summary>
    string? Problem(IArtist artist, ICritic critic, Datasets.IImageDataset? data);

    /// <summary>
    /// Does one unit of work. <paramref name="next"/> is a copy of the state to bring past the unit: the phase counts
    /// the unit in its own counter (<see cref="RunState.Generation"/>, <see cref="RunState.Steps"/> or
    /// <see cref="RunState.CriticUnits"/>, which add up to <see cref="RunState.Units"/>) and the images judged. Around
    /// any change to the artist or critic it sets <see cref="RunSession.Learning"/>.
    /// </summary>
    UnitReport Step(RunSession session, RunState next);

    /// <summary>Whether the phase has done its part of the current cycle (a threshold or its own budget reached).</summary>
    bool Finished(RunState state, UnitReport last);

    /// <summary>Writes the phase's own state into a checkpoint folder (nothing for a phase without state).</summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote.</summary>
    void LoadCheckpoint(string directory);
}
