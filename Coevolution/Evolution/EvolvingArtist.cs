using System.Globalization;
using System.Text.Json;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Evolution;

/// <summary>
/// Adapts an <see cref="EvolutionEngine{T}"/> to <see cref="IEvolvingArtist"/>: the images are the rendered population and the
/// critic's scores are its fitness. The initial population is drawn from <c>new Random(context.Seed)</c>.
/// Checkpoints are <c>population.json</c> (genome texts, generation, best, speciation and breeding state) and <c>best.&lt;ext&gt;</c>.
/// </summary>
public sealed class EvolvingArtist<T> : IEvolvingArtist where T : class
{
    /// <summary>The checkpoint file inside the checkpoint folder.</summary>
    public const string PopulationFile = "population.json";
    private const string FormatTag = "coevo.population";
    private const int FormatVersion = 2; // 2: adds the breeding state (version 1 files still load)

    private readonly EvolutionOptions _options;
    private readonly IRenderer<T> _renderer;
    private readonly IGenomeFormat<T> _format;
    private readonly ComponentContext _context;
    private readonly ISpeciation<T>? _speciation;
    private readonly IBreedingState<T>? _breeding;
    private readonly EvolutionEngine<T> _engine;
    private readonly IMutation<T> _mutation;
    private IReadOnlyList<T> _population;
    private IReadOnlyList<Image>? _images;

    /// <summary>An artist evolving genomes of type <typeparamref name="T"/>.</summary>
    public EvolvingArtist(EvolutionOptions options, IGenomeFactory<T> factory, IMutation<T> mutation, ICrossover<T>? crossover,
                          IRenderer<T> renderer, IGenomeFormat<T> format, ComponentContext context, ISpeciation<T>? speciation = null,
                          IBreedingState<T>? breedingState = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(factory);
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _format = format ?? throw new ArgumentNullException(nameof(format));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _speciation = speciation;
        _breeding = breedingState;
        _mutation = mutation ?? throw new ArgumentNullException(nameof(mutation));
        _engine = new EvolutionEngine<T>(options, mutation, crossover, speciation);
        var rng = new Random(context.Seed);
        var initial = new T[options.Population];
        for (int i = 0; i < initial.Length; i++) initial[i] = factory.Create(rng);
        _population = initial;
    }

    /// <summary>The current (not yet judged) population.</summary>
    public IReadOnlyList<T> Population => _population;

    /// <summary>The best genome judged so far (null before the first <see cref="Learn"/>).</summary>
    public T? Best { get; private set; }

    /// <summary>The fitness of <see cref="Best"/> when it was judged; -infinity before any.</summary>
    public double BestFitness { get; private set; } = double.NegativeInfinity;

    /// <summary>Generations bred so far (calls to <see cref="Learn"/>).</summary>
    public int Generation { get; private set; }

    /// <summary>Generations since <see cref="BestFitness"/> last improved.</summary>
    public int GenerationsWithoutImprovement { get; private set; }

    /// <summary>The scores given to the last <see cref="Learn"/> (empty before it).</summary>
    public IReadOnlyList<double> LastFitness { get; private set; } = Array.Empty<double>();

    /// <summary>Species ids of the last judged population (null without speciation).</summary>
    public IReadOnlyList<int>? Species => _engine.LastSpecies;

    /// <summary>The renderer (for rendering genomes at other sizes, e.g. <c>coevo render</c>).</summary>
    public IRenderer<T> Renderer => _renderer;

    /// <summary>The genome text format.</summary>
    public IGenomeFormat<T> Format => _format;

    /// <summary>
    /// Starts again from chosen genomes (e.g. <c>best.&lt;ext&gt;</c> files): the population becomes <paramref name="genomes"/>
    /// followed by mutants of them, in turn, up to <see cref="EvolutionOptions.Population"/>. Generation and best are kept.
    /// </summary>
    public void Seed(IReadOnlyList<T> genomes, Random rng)
    {
        if (genomes.Count == 0) throw new ArgumentException("no genomes to seed from", nameof(genomes));
        var population = new List<T>(Math.Max(_options.Population, genomes.Count));
        population.AddRange(genomes);
        for (int i = 0; population.Count < _options.Population; i++)
            population.Add(_mutation.Mutate(genomes[i % genomes.Count], rng));
        _population = population;
        _images = null;
    }

    /// <summary>
    /// Forgets the best fitness (not the genome), so the next judged generation sets a new best. Use it when the critic
    /// changes (a new co-evolution phase) and old scores are no longer comparable.
    /// </summary>
    public void ResetBest()
    {
        BestFitness = double.NegativeInfinity;
        GenerationsWithoutImprovement = 0;
    }

    /// <summary>Where the run stands after the last <see cref="Learn"/>, for terminations.</summary>
    public EvolutionProgress Progress(TimeSpan elapsed)
    {
        double best = LastFitness.Count > 0 ? LastFitness[FitnessRanking.BestIndex(LastFitness)] : double.NaN;
        double mean = LastFitness.Count > 0 ? LastFitness.Average() : double.NaN;
        return new EvolutionProgress(Generation, best, mean, GenerationsWithoutImprovement, elapsed);
    }

    /// <summary>The population rendered at <see cref="EvolutionOptions.ImageSize"/> on <see cref="ComponentContext.Threads"/> threads.
    /// Draws nothing from <paramref name="rng"/>. The images are cached until the population changes: do not modify them.</summary>
    public IReadOnlyList<Image> Produce(Random rng)
    {
        int side = _options.ImageSize;
        return _images ??= _renderer.RenderAll(_population, side, side, _context.Threads);
    }

    /// <summary>Records the scores as fitness, updates the best, and breeds the next generation.</summary>
    public void Learn(IReadOnlyList<double> scores, Random rng)
    {
        if (scores.Count != _population.Count)
            throw new ArgumentException($"got {scores.Count} scores for a population of {_population.Count}", nameof(scores));
        var fitness = scores.ToArray();
        int best = FitnessRanking.BestIndex(fitness);
        _breeding?.NextGeneration(_population);
        var next = _engine.Next(_population, fitness, rng);
        // Nothing else changes until the next generation is bred (an error there leaves best and counters as they were).
        if (!double.IsNaN(fitness[best]) && (Best is null || fitness[best] > BestFitness))
        {
            Best = _population[best];
            BestFitness = fitness[best];
            GenerationsWithoutImprovement = 0;
        }
        else GenerationsWithoutImprovement++;
        LastFitness = fitness;
        _population = next;
        _images = null;
        Generation++;
    }

    /// <summary>Writes <c>population.json</c> and, once there is one, <c>best.&lt;ext&gt;</c> into <paramref name="directory"/>.</summary>
    public void SaveCheckpoint(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, PopulationFile), stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", FormatTag);
            w.WriteNumber("version", FormatVersion);
            w.WriteString("extension", _format.Extension);
            w.WriteNumber("generation", Generation);
            w.WriteNumber("generations_without_improvement", GenerationsWithoutImprovement);
            // JSON has no infinities or NaN: they are written as strings.
            w.WriteString("best_fitness", BestFitness.ToString("R", CultureInfo.InvariantCulture));
            if (Best is null) w.WriteNull("best"); else w.WriteString("best", _format.Write(Best));
            if (_speciation is ICheckpointable c) w.WriteString("speciation", c.Save()); else w.WriteNull("speciation");
            if (_breeding is not null) w.WriteString(_breeding.Name, _breeding.Save());
            w.WriteStartArray("genomes");
            foreach (var g in _population) w.WriteStringValue(_format.Write(g));
            w.WriteEndArray();
            w.WriteEndObject();
        });
        if (Best is not null)
            GenomeFile.Write(_format, Best, Path.Combine(directory, "best." + _format.Extension));
    }

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote; a missing, corrupt or truncated file throws
    /// <see cref="InputException"/> naming it. Nothing changes unless the whole checkpoint reads correctly.</summary>
    public void LoadCheckpoint(string directory)
    {
        string path = Path.Combine(directory, PopulationFile);
        using (var doc = CheckpointJson.Read(path, FormatTag, FormatVersion, "population"))
        {
            var root = doc.RootElement;
            string ext = CheckpointJson.String(root, "extension", path, nullable: false)!;
            int version = CheckpointJson.Int(root, "version", path);
            if (ext != _format.Extension)
                throw new InputException($"checkpoint holds '{ext}' genomes but this artist uses '{_format.Extension}'", path);
            int generation = CheckpointJson.Int(root, "generation", path);
            int stagnant = CheckpointJson.Int(root, "generations_without_improvement", path);
            double bestFitness = CheckpointJson.Double(root, "best_fitness", path);
            string? bestText = CheckpointJson.String(root, "best", path, nullable: true);
            T? best = bestText is null ? null : ReadGenome(bestText, $"{path} (best)");
            string? speciationState = CheckpointJson.String(root, "speciation", path, nullable: true);
            // Version 1 had no breeding state: it is rebuilt from the population at the next generation instead.
            string? breedingState = _breeding is null || version < 2 ? null : CheckpointJson.String(root, _breeding.Name, path, nullable: false);

            if (!root.TryGetProperty("genomes", out var genomes) || genomes.ValueKind != JsonValueKind.Array)
                throw new InputException("\"genomes\" must be an array of genome texts", path);
            if (genomes.GetArrayLength() != _options.Population)
                throw new InputException($"holds {genomes.GetArrayLength()} genomes, but the config's population is {_options.Population}", path);
            var population = new List<T>(genomes.GetArrayLength());
            int i = 0;
            foreach (var g in genomes.EnumerateArray())
            {
                if (g.ValueKind != JsonValueKind.String) throw new InputException($"genome {i} is not a string", path);
                population.Add(ReadGenome(g.GetString()!, $"{path} (genome {i})"));
                i++;
            }

            if (_speciation is ICheckpointable c && speciationState is not null)
            {
                try { c.Load(speciationState); }
                catch (InputException ex) { throw new InputException($"bad speciation state: {ex.Problem}", path, inner: ex); }
                catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or JsonException)
                { throw new InputException($"bad speciation state: {ex.Message}", path, inner: ex); }
            }

            if (breedingState is not null)
            {
                try { _breeding!.Load(breedingState); }
                catch (InputException ex) { throw new InputException($"bad {_breeding!.Name} state: {ex.Problem}", path, inner: ex); }
                catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or JsonException or KeyNotFoundException)
                { throw new InputException($"bad {_breeding!.Name} state: {ex.Message}", path, inner: ex); }
            }

            _population = population;
            _images = null;
            Generation = generation;
            GenerationsWithoutImprovement = stagnant;
            Best = best;
            BestFitness = bestFitness;
            LastFitness = Array.Empty<double>();
        }
    }

    private T ReadGenome(string text, string source) => GenomeFile.Parse(_format, text, source);
}
