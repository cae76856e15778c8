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
/// <param name="Steps">SGD steps completed so far (gradient schedules).</param>
/// <param name="ImagesJudged">Artist images judged by a critic so far (the fair budget).</param>
/// <param name="GenerationsWithoutImprovement">Generations since the best-ever fitness last improved.</param>
/// <param name="Elapsed">Wall-clock time since the run (or the resumed part of it) started.</param>
public sealed record EvolutionProgress(int Generation, double BestFitness, double MeanFitness, int GenerationsWithoutImprovement, TimeSpan Elapsed,
    int Steps = 0, long ImagesJudged = 0);

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

/// <summary>
/// The part of a genome's coordinate plane an image shows. The whole picture (<see cref="Whole"/>) spans [-1, 1] on both
/// axes (x to the right, y down); a view centred on (<see cref="CentreX"/>, <see cref="CentreY"/>) with zoom z spans
/// centre ± 1/z, so z = 2 shows the middle half enlarged.
/// </summary>
public readonly record struct Viewport(double CentreX, double CentreY, double Zoom)
{
    /// <summary>The whole picture: centre (0, 0), zoom 1.</summary>
    public static Viewport Whole => new(0, 0, 1);

    /// <summary>True for <see cref="Whole"/>.</summary>
    public bool IsWhole => CentreX == 0 && CentreY == 0 && Zoom == 1;

    /// <summary>The plane's x for a whole-picture coordinate <paramref name="u"/> in [-1, 1].</summary>
    public double X(double u) => CentreX + u / Zoom;

    /// <summary>The plane's y for a whole-picture coordinate <paramref name="v"/> in [-1, 1].</summary>
    public double Y(double v) => CentreY + v / Zoom;
}

/// <summary>A renderer that can also show part of the plane, enlarged (zoom and pan), at any resolution.</summary>
public interface IViewportRenderer<T> : IRenderer<T>
{
    /// <summary>The genome's image of <paramref name="view"/> at <paramref name="width"/> x <paramref name="height"/>.</summary>
    Image Render(T genome, int width, int height, Viewport view);
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
