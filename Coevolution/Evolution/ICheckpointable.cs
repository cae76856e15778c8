namespace Coevo.Coevolution.Evolution;

/// <summary>
/// Optional for a hook with state (e.g. a speciation's adaptive compatibility threshold) so that a resumed run
/// continues exactly as an uninterrupted one. <see cref="EvolvingArtist{T}"/> stores the text in its checkpoint.
/// </summary>
public interface ICheckpointable
{
    /// <summary>The state as text.</summary>
    string Save();

    /// <summary>Restores what <see cref="Save"/> wrote; throws (preferably <see cref="InputException"/>) on malformed text.</summary>
    void Load(string state);
}
