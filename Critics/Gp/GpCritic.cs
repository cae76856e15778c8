using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;
using Coevo.Coevolution.Schedules;
using Coevo.Critics.Features;

namespace Coevo.Critics.Gp;

/// <summary>Options of the <c>gp_critic</c>.</summary>
[Description("an evolved program over image features that tells real images from artists' images (HERCL-style)")]
public sealed class GpCriticOptions : IValidatableObject
{
    [Description("programs per generation")]
    [Range(2, 100000)]
    public int Population { get; set; } = 64;

    [Description("generations bred per unit of learning (each call of learn)")]
    [Range(1, 100000)]
    public int GenerationsPerLearn { get; set; } = 1;

    [Description("programs per tournament when choosing parents")]
    [Range(1, 1000)]
    public int TournamentSize { get; set; } = 3;

    [Description("best programs copied unchanged into the next generation")]
    [Range(0, 100000)]
    public int Elitism { get; set; } = 2;

    [Description("probability that a child is made by subtree crossover")]
    [Range(0.0, 1.0)]
    public double CrossoverRate { get; set; } = 0.5;

    [Description("probability that a child is mutated")]
    [Range(0.0, 1.0)]
    public double MutationRate { get; set; } = 0.9;

    [Description("deepest program (a lone feature has depth 1)")]
    [Range(2, 64)]
    public int MaxDepth { get; set; } = 7;

    [Description("most nodes a program may have")]
    [Range(5, 10000)]
    public int MaxSize { get; set; } = 40;

    [Description("deepest random program in the first generation (at most max_depth)")]
    [Range(2, 64)]
    public int InitialDepth { get; set; } = 4;

    [Description("deepest subtree that the replace-subtree mutation grows")]
    [Range(1, 64)]
    public int MutationDepth { get; set; } = 3;

    [Description("chance that a random terminal is a constant rather than a feature")]
    [Range(0.0, 1.0)]
    public double ConstantProbability { get; set; } = 0.3;

    [Description("random constants are uniform in [-constant_range, constant_range]")]
    [Range(0.0, 1000.0)]
    public double ConstantRange { get; set; } = 2;

    [Description("standard deviation of the perturb-constant mutation")]
    [Range(0.0, 1000.0)]
    public double ConstantSigma { get; set; } = 0.5;

    [Description("fitness penalty per program node (against bloat), added to the classification cost")]
    [Range(0.0, 1.0)]
    public double Parsimony { get; set; } = 0.001;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Problem() is { } problem) yield return new ValidationResult(problem);
    }

    /// <summary>The program settings; an <see cref="InputException"/> names an inconsistent option.</summary>
    public CriticProgramSettings ToSettings() =>
        Problem() is { } problem ? throw new InputException($"critic: {problem}") : Settings().Validated();

    /// <summary>A problem between keys (null when none).</summary>
    public string? Problem()
    {
        try { Settings().Validated(); return null; }
        catch (ArgumentException e) { return e.Message; }
    }

    private CriticProgramSettings Settings() => new()
    {
        MaxDepth = MaxDepth, MaxSize = MaxSize, InitialDepth = InitialDepth, MutationDepth = MutationDepth,
        ConstantProbability = ConstantProbability, ConstantRange = ConstantRange, ConstantSigma = ConstantSigma,
    };

    /// <summary>The engine settings (tournament selection).</summary>
    public EvolutionOptions ToEvolution() => new()
    {
        Population = Population, Selection = SelectionKind.Tournament, TournamentSize = TournamentSize,
        Elitism = Elitism, CrossoverRate = CrossoverRate, MutationRate = MutationRate,
    };
}

/// <summary>
/// A GP critic after the HERCL artist–critic co-evolution (Vickers, Soderlund &amp; Blair 2017; Soderlund &amp; Blair
/// 2018): a population of <see cref="CriticProgram"/>s over <see cref="ImageFeatures"/> evolves, by Coevo's
/// <see cref="EvolutionEngine{T}"/>, to tell real images (label 1) from artists' images (label 0).
/// <para>
/// Fitness is minus the classification cost on a balanced set, minus <see cref="GpCriticOptions.Parsimony"/> per node.
/// The cost is the mean log loss of the realness p = σ(program output): −log p for a real image, −log(1 − p) for an
/// artist's image. As in HERCL the smaller class is repeated until both classes count equally: with n items and N in
/// the larger class, item i of the smaller class counts ⌊N/n⌋ times, plus once more when i &lt; N mod n.
/// </para>
/// <para>
/// <see cref="Learn"/> is <see cref="GpCriticOptions.GenerationsPerLearn"/> generations: judge the population, keep the
/// best program, breed the next. <see cref="Score"/> is the best program's realness; before any learning every image
/// scores 0.5. The first population is drawn from the run's seed; breeding uses the <see cref="Random"/> passed to
/// Learn, and programs are judged in parallel with results in input order, so the thread count never changes a result.
/// </para>
/// </summary>
public sealed class GpCritic : ILearningCritic
{
    /// <summary>The checkpoint file inside a checkpoint folder.</summary>
    public const string CheckpointFile = "gp-critic.json";
    private const string FormatTag = "coevo.gp_critic";
    private const int FormatVersion = 1;
    private const int InitStream = 401;

    private readonly GpCriticOptions _options;
    private readonly EvolutionEngine<CriticProgram> _engine;
    private readonly CriticProgramFormat _format = new();
    private readonly int _threads;
    private IReadOnlyList<CriticProgram> _population;

    /// <summary>A critic whose first population is drawn from <paramref name="seed"/>; judging uses up to <paramref name="threads"/> threads.</summary>
    public GpCritic(GpCriticOptions options, int seed, int threads = 1)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var settings = options.ToSettings();
        _engine = new EvolutionEngine<CriticProgram>(options.ToEvolution(), new CriticProgramMutation(settings), new CriticProgramCrossover(settings));
        _threads = Math.Max(1, threads);
        var generator = new CriticProgramGenerator(settings);
        var rng = SeedSequence.For(seed, 0, InitStream);
        var initial = new CriticProgram[options.Population];
        for (int i = 0; i < initial.Length; i++) initial[i] = generator.Create(rng);
        _population = initial;
    }

    /// <summary>The registry factory.</summary>
    public static GpCritic Create(GpCriticOptions options, ComponentContext context) => new(options, context.Seed, context.Threads);

    /// <summary>The population not yet judged.</summary>
    public IReadOnlyList<CriticProgram> Population => _population;

    /// <summary>The best program of the last judged generation (null before any learning).</summary>
    public CriticProgram? Best { get; private set; }

    /// <summary>The fitness of <see cref="Best"/> when judged (−infinity before any).</summary>
    public double BestFitness { get; private set; } = double.NegativeInfinity;

    /// <summary>Generations bred so far.</summary>
    public int Generation { get; private set; }

    /// <summary>The best program's realness for each image (0.5 each before any learning).</summary>
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => Realness(Best, ImageFeatures.OfAll(images, _threads));

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<Image> real, IReadOnlyList<Image> fake, Random rng)
    {
        if (real.Count == 0 || fake.Count == 0)
            throw new ArgumentException($"the GP critic learns from both classes; got {real.Count} real and {fake.Count} artist images");
        var set = LabelledSet.Balanced(ImageFeatures.OfAll(real, _threads), ImageFeatures.OfAll(fake, _threads));
        for (int g = 0; g < _options.GenerationsPerLearn; g++)
        {
            var fitness = Parallelism.Map(_population, p => -set.Cost(p) - _options.Parsimony * p.Size, _threads);
            int best = FitnessRanking.BestIndex(fitness);
            Best = _population[best];
            BestFitness = fitness[best];
            _population = _engine.Next(_population, fitness, rng);
            Generation++;
        }
        return new Dictionary<string, double>
        {
            ["accuracy"] = set.BalancedAccuracy(Best!),
            ["cost"] = set.Cost(Best!),
            ["best_size"] = Best!.Size,
            ["generation"] = Generation,
        };
    }

    /// <inheritdoc />
    public ICritic Freeze() => new GpCriticSnapshot(Best, _threads);

    /// <inheritdoc />
    public void SaveCheckpoint(string directory) =>
        CheckpointJson.Write(Path.Combine(directory, CheckpointFile), FormatTag, FormatVersion, w =>
        {
            ImageFeatures.WriteNames(w);
            w.WriteNumber("generation", Generation);
            CheckpointJson.WriteDouble(w, "best_fitness", BestFitness);
            if (Best is null) w.WriteNull("best"); else w.WriteString("best", _format.Write(Best));
            w.WriteStartArray("population");
            foreach (var p in _population) w.WriteStringValue(_format.Write(p));
            w.WriteEndArray();
        });

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote; nothing changes unless the whole file reads correctly.</summary>
    public void LoadCheckpoint(string directory)
    {
        string path = Path.Combine(directory, CheckpointFile);
        using var doc = CheckpointJson.Read(path, FormatTag, FormatVersion, "GP critic");
        var root = doc.RootElement;
        ImageFeatures.CheckNames(root, path);
        int generation = CheckpointJson.Int(root, "generation", path);
        double bestFitness = CheckpointJson.Double(root, "best_fitness", path);
        string? bestText = CheckpointJson.String(root, "best", path, nullable: true);
        var best = bestText is null ? null : _format.Read(bestText, $"{path} (best)");
        var texts = CheckpointJson.Strings(root, "population", path);
        if (texts.Count == 0) throw new InputException("\"population\" is empty", path);
        var population = texts.Select((t, i) => _format.Read(t, $"{path} (program {i})")).ToArray();

        _population = population;
        Best = best;
        BestFitness = bestFitness;
        Generation = generation;
    }

    /// <summary>Realness of each feature vector under <paramref name="program"/> (0.5 each without one).</summary>
    internal static double[] Realness(CriticProgram? program, double[][] features)
    {
        var scores = new double[features.Length];
        for (int i = 0; i < scores.Length; i++) scores[i] = program is null ? 0.5 : program.Realness(features[i]);
        return scores;
    }
}

/// <summary>A frozen GP critic for the hall of fame: one program's realness, never learning.</summary>
public sealed class GpCriticSnapshot(CriticProgram? program, int threads = 1) : ICritic
{
    /// <summary>The program (null: a critic that had not learned yet, which scores 0.5).</summary>
    public CriticProgram? Program { get; } = program;

    /// <inheritdoc />
    public IReadOnlyList<double> Score(IReadOnlyList<Image> images) => GpCritic.Realness(Program, ImageFeatures.OfAll(images, threads));
}

/// <summary>
/// Real (label 1) and artist (label 0) feature vectors with HERCL's balancing weights: the smaller class is repeated
/// (item i of n counts ⌊N/n⌋ times, plus one when i &lt; N mod n) so that both classes weigh N.
/// </summary>
internal sealed class LabelledSet
{
    private readonly double[][] _real, _fake;
    private readonly int[] _realWeight, _fakeWeight;
    private readonly int _perClass;

    private LabelledSet(double[][] real, double[][] fake)
    {
        _real = real;
        _fake = fake;
        _perClass = Math.Max(real.Length, fake.Length);
        _realWeight = Weights(real.Length, _perClass);
        _fakeWeight = Weights(fake.Length, _perClass);
    }

    /// <summary>The balanced set of both classes.</summary>
    public static LabelledSet Balanced(double[][] real, double[][] fake) => new(real, fake);

    /// <summary>How often each of <paramref name="n"/> items is counted so that they count <paramref name="total"/> times.</summary>
    public static int[] Weights(int n, int total)
    {
        var w = new int[n];
        for (int i = 0; i < n; i++) w[i] = total / n + (i < total % n ? 1 : 0);
        return w;
    }

    /// <summary>Mean log loss over the balanced set: softplus(−z) for real images, softplus(z) for artists', z the output.</summary>
    public double Cost(CriticProgram p)
    {
        double sum = 0;
        for (int i = 0; i < _real.Length; i++) sum += _realWeight[i] * Softplus(-p.Evaluate(_real[i]));
        for (int i = 0; i < _fake.Length; i++) sum += _fakeWeight[i] * Softplus(p.Evaluate(_fake[i]));
        return sum / (2.0 * _perClass);
    }

    /// <summary>The mean of the two classes' accuracies (what the balanced set rewards).</summary>
    public double BalancedAccuracy(CriticProgram p)
    {
        var (r, f) = Correct(p);
        return 0.5 * ((double)r / _real.Length + (double)f / _fake.Length);
    }

    private (int Real, int Fake) Correct(CriticProgram p)
    {
        int r = 0, f = 0;
        foreach (var x in _real) if (p.Evaluate(x) >= 0) r++;
        foreach (var x in _fake) if (p.Evaluate(x) < 0) f++;
        return (r, f);
    }

    /// <summary>log(1 + e^x), without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
