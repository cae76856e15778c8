using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Evolution;

/// <summary>Makes a random new genome (the initial population).</summary>
public interface IGenomeFactory<T>
{
    /// <summary>A new random genome.</summary>
    T Create(Random rng);
}

/// <summary>Returns a mutated copy; the parent is never changed (genomes are immutable).</summary>
public interface IMutation<T>
{
    /// <summary>A mutated child of <paramref name="parent"/>.</summary>
    T Mutate(T parent, Random rng);
}

/// <summary>Recombines two parents into a new child; the parents are never changed.</summary>
public interface ICrossover<T>
{
    /// <summary>A child of both parents. <paramref name="mother"/> is the fitter (or equal) parent where that matters (NEAT).</summary>
    T Cross(T mother, T father, Random rng);
}

/// <summary>Chooses parents by fitness (higher is better).</summary>
public interface ISelection
{
    /// <summary><paramref name="count"/> indices into <paramref name="fitness"/>, repeats allowed.</summary>
    int[] Select(IReadOnlyList<double> fitness, int count, Random rng);
}

/// <summary>Decides when a run stops. Compose with <c>Or</c>/<c>And</c>.</summary>
public interface ITermination
{
    /// <summary>True when the run should stop after the generation described by <paramref name="progress"/>.</summary>
    bool HasReached(EvolutionProgress progress);
}

/// <summary>Where a run stands after a generation, for terminations and reporters.</summary>
/// <param name="Generation">Generations completed so far (1 after the first).</param>
/// <param name="BestFitness">Best fitness seen in this generation.</param>
/// <param name="MeanFitness">Mean fitness of this generation.</param>
/// <param name="GenerationsWithoutImprovement">Generations since the best-ever fitness last improved.</param>
/// <param name="Elapsed">Wall-clock time since the run (or the resumed part of it) started.</param>
public sealed record EvolutionProgress(int Generation, double BestFitness, double MeanFitness, int GenerationsWithoutImprovement, TimeSpan Elapsed);

/// <summary>
/// Speciation hook (NEAT): groups the population into species. The engine then shares fitness within each species
/// and gives each species offspring in proportion to its shared fitness.
/// </summary>
public interface ISpeciation<T>
{
    /// <summary>One species id per genome. May adapt internal state (e.g. a dynamic compatibility threshold).</summary>
    int[] Speciate(IReadOnlyList<T> genomes);
}

/// <summary>Turns a genome into a picture at any resolution. Must be thread-safe and deterministic.</summary>
public interface IRenderer<T>
{
    /// <summary>The genome's image at <paramref name="width"/> x <paramref name="height"/>.</summary>
    Image Render(T genome, int width, int height);
}

/// <summary>Reads and writes genomes as text (JSON, S-expression, cppn-x XML ...).</summary>
public interface IGenomeFormat<T>
{
    /// <summary>File extension without the dot, e.g. "json".</summary>
    string Extension { get; }
    /// <summary>The genome as text.</summary>
    string Write(T genome);
    /// <summary>Parses text; throws <see cref="InputException"/> naming <paramref name="source"/> and the problem.</summary>
    T Read(string text, string source);
}
