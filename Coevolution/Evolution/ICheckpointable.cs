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

/// <summary>
/// State that breeding carries from one generation to the next besides the population (NEAT's innovation numbers).
/// It has one owner, the <see cref="EvolvingArtist{T}"/>: the artist tells it when each generation starts breeding and
/// saves it with the population, so a resumed run continues exactly as an uninterrupted one.
/// </summary>
public interface IBreedingState<in T> : ICheckpointable
{
    /// <summary>The key its state is saved under in <c>population.json</c>.</summary>
    string Name { get; }

    /// <summary>A new generation is about to be bred from <paramref name="parents"/>.</summary>
    void NextGeneration(IReadOnlyList<T> parents);
}
