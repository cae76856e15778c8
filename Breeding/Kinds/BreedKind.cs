using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Breeding.Kinds;

/// <summary>The operators of one breeding step (made per step, so a step's randomness depends only on its seed).</summary>
public sealed record BreedOperators<T>(IGenomeFactory<T> Factory, IMutation<T> Mutation, ICrossover<T> Crossover);

/// <summary>
/// <see cref="IBreedKind"/> for genomes of type <typeparamref name="T"/>. A generation is bred by the evolution engine
/// (<see cref="EvolutionEngine{T}.Next"/>), with the person's choice as the fitness: chosen members score 1, the others 0,
/// the first chosen one is kept as the elite (the parent in the centre), every child is mutated
/// <see cref="BreedSettings.Mutations"/> times, and with two or more chosen every child is a cross of two of them.
/// </summary>
public abstract class BreedKind<T> : IBreedKind where T : class
{
    /// <inheritdoc/>
    public abstract string Name { get; }
    /// <inheritdoc/>
    public abstract string Title { get; }
    /// <summary>The renderer.</summary>
    protected abstract IViewportRenderer<T> Renderer { get; }
    /// <summary>The formats; the first is JSON, in which genomes are stored.</summary>
    protected abstract IReadOnlyList<IGenomeFormat<T>> GenomeFormats { get; }
    /// <summary>The operators for one step, given the generation they start from (empty for a random one).</summary>
    protected abstract BreedOperators<T> Operators(BreedSettings settings, IReadOnlyList<T> members);
    /// <summary>Genes of one genome.</summary>
    protected abstract int GeneCount(T genome);
    /// <summary>Hover text of one genome.</summary>
    protected abstract string Describe(T genome);

    /// <inheritdoc/>
    public IReadOnlyList<string> Formats => GenomeFormats.Select(f => f.Extension).ToArray();

    /// <inheritdoc/>
    public virtual void Check(BreedSettings settings) { }

    /// <inheritdoc/>
    public IReadOnlyList<object> Random(BreedSettings settings, Random rng)
    {
        var factory = Operators(settings, []).Factory;
        var members = new object[settings.Children + 1];
        for (int i = 0; i < members.Length; i++)
        {
            // A blank square is a poor start to breed from: draw again (a few times) when a genome paints one colour.
            var g = factory.Create(rng);
            for (int attempt = 0; attempt < FlatRetries && IsFlat(g); attempt++) g = factory.Create(rng);
            members[i] = g;
        }
        return members;
    }

    /// <summary>How often <see cref="Random(BreedSettings, System.Random)"/> redraws a genome whose picture is one flat colour.</summary>
    public const int FlatRetries = 20;

    /// <summary>True when the genome's small picture is (nearly) one colour.</summary>
    public bool IsFlat(T genome)
    {
        var data = Renderer.Render(genome, 24, 24, Viewport.Whole).Data;
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in data) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return max - min < 0.05f;
    }

    /// <inheritdoc/>
    public IReadOnlyList<object> Breed(IReadOnlyList<object> members, IReadOnlyList<int> chosen, BreedSettings settings, Random rng)
    {
        var population = members.Cast<T>().ToArray();
        var fitness = new double[population.Length];
        foreach (int i in chosen) fitness[i] = 1;
        var ops = Operators(settings, population);
        var options = new EvolutionOptions
        {
            Population = settings.Children + 1,
            Elitism = 1,
            CrossoverRate = chosen.Distinct().Count() > 1 ? 1 : 0,
            MutationRate = 1,
        };
        var engine = new EvolutionEngine<T>(options, new RepeatedMutation<T>(ops.Mutation, settings.Mutations), ops.Crossover,
                                            selection: new ChosenParents());
        return engine.Next(population, fitness, rng);
    }

    /// <inheritdoc/>
    public string Write(object genome, string format) => Format(format).Write((T)genome);

    /// <inheritdoc/>
    public object Read(string text, string format, string source)
    {
        var f = Format(format);
        try { return f.Read(text, source); }
        catch (InputException) { throw; }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
                                      or OverflowException or System.Text.Json.JsonException or System.Xml.XmlException)
        { throw new InputException($"unreadable {format} genome: {e.Message}", source, inner: e); }
    }

    /// <inheritdoc/>
    public Image Render(object genome, int width, int height, Viewport view) => Renderer.Render((T)genome, width, height, view);

    /// <inheritdoc/>
    public int GeneCount(object genome) => GeneCount((T)genome);

    /// <inheritdoc/>
    public string Describe(object genome) => Describe((T)genome);

    /// <inheritdoc/>
    public virtual int[]? Species(IReadOnlyList<object> members) => null;

    private IGenomeFormat<T> Format(string format) =>
        GenomeFormats.FirstOrDefault(f => f.Extension == format)
        ?? throw new InputException($"{Name} genomes have no '{format}' format; known: {string.Join(", ", Formats)}");
}
