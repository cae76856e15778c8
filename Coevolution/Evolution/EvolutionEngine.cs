namespace Coevo.Coevolution.Evolution;

/// <summary>
/// Makes the next generation from an evaluated one (fitness: higher is better, NaN is worst).
/// <para>
/// Reinsertion policy: generational replacement with elitism. The next population has exactly
/// <see cref="EvolutionOptions.Population"/> members: first the elites (unchanged, best first), then children.
/// Parents are replaced, except that a child neither crossed nor mutated is its parent again (genomes are immutable).
/// </para>
/// <para>
/// A child is bred from parents chosen by the configured <see cref="ISelection"/>: with probability
/// <see cref="EvolutionOptions.CrossoverRate"/> (if there is a crossover) two parents are crossed, the fitter as mother,
/// otherwise the child is a copy of one parent; then with probability <see cref="EvolutionOptions.MutationRate"/> it is mutated.
/// </para>
/// <para>
/// With an <see cref="ISpeciation{T}"/> (NEAT): elites are the global best <see cref="EvolutionOptions.Elitism"/> plus the
/// champion of every species with at least <see cref="SpeciesEliteMinSize"/> members. Fitness is shared explicitly
/// (each member's non-negative weight divided by its species' size), the remaining children are allotted to species in
/// proportion to their summed shared fitness (largest remainder, ties to the lower species id), and both parents come from
/// within the species.
/// </para>
/// All randomness is drawn from the given <see cref="Random"/> on the calling thread in a fixed order, so a seed
/// fixes the result.
/// </summary>
public sealed class EvolutionEngine<T> where T : class
{
    /// <summary>Species with at least this many members keep their champion (NEAT's rule).</summary>
    public const int SpeciesEliteMinSize = 5;

    private readonly EvolutionOptions _options;
    private readonly IMutation<T> _mutation;
    private readonly ICrossover<T>? _crossover;
    private readonly ISpeciation<T>? _speciation;
    private readonly ISelection _selection;

    /// <summary>An engine; <paramref name="selection"/> defaults to the one <paramref name="options"/> names.</summary>
    public EvolutionEngine(EvolutionOptions options, IMutation<T> mutation, ICrossover<T>? crossover = null,
                           ISpeciation<T>? speciation = null, ISelection? selection = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _mutation = mutation ?? throw new ArgumentNullException(nameof(mutation));
        _crossover = crossover;
        _speciation = speciation;
        _selection = selection ?? Selections.FromOptions(options);
        if (options.Population < 1) throw new ArgumentOutOfRangeException(nameof(options), $"population must be at least 1, got {options.Population}");
        if (options.Elitism < 0) throw new ArgumentOutOfRangeException(nameof(options), $"elitism must not be negative, got {options.Elitism}");
    }

    /// <summary>The selection in use.</summary>
    public ISelection Selection => _selection;

    /// <summary>The species ids of the population passed to the last <see cref="Next"/> (null without speciation).</summary>
    public int[]? LastSpecies { get; private set; }

    /// <summary>The next generation. Neither <paramref name="population"/> nor its genomes are changed.</summary>
    public IReadOnlyList<T> Next(IReadOnlyList<T> population, IReadOnlyList<double> fitness, Random rng)
    {
        if (population.Count == 0) throw new ArgumentException("the population is empty", nameof(population));
        if (fitness.Count != population.Count)
            throw new ArgumentException($"got {fitness.Count} fitness values for {population.Count} genomes", nameof(fitness));

        int size = _options.Population;
        int[] order = FitnessRanking.Order(fitness);
        var next = new List<T>(size);

        if (_speciation is null)
        {
            int elites = Math.Min(Math.Min(_options.Elitism, size), population.Count);
            for (int e = 0; e < elites; e++) next.Add(population[order[e]]);
            var all = new int[population.Count];
            for (int i = 0; i < all.Length; i++) all[i] = i;
            Breed(population, fitness, all, size - elites, rng, next);
            return next;
        }

        int[] species = _speciation.Speciate(population);
        if (species.Length != population.Count)
            throw new InvalidOperationException($"speciation returned {species.Length} ids for {population.Count} genomes");
        LastSpecies = (int[])species.Clone();

        var members = new SortedDictionary<int, List<int>>();
        foreach (int i in order) // best first within each species
        {
            if (!members.TryGetValue(species[i], out var list)) members[species[i]] = list = new List<int>();
            list.Add(i);
        }

        var isElite = new bool[population.Count];
        for (int e = 0; e < Math.Min(_options.Elitism, population.Count); e++) isElite[order[e]] = true;
        foreach (var list in members.Values)
            if (list.Count >= SpeciesEliteMinSize) isElite[list[0]] = true;
        foreach (int i in order)
            if (isElite[i] && next.Count < size) next.Add(population[i]);

        double[] w = FitnessRanking.PositiveWeights(fitness);
        var speciesWeights = new List<double>(members.Count);
        foreach (var list in members.Values)
        {
            double sum = 0;
            foreach (int i in list) sum += w[i] / list.Count;
            speciesWeights.Add(sum);
        }
        if (!(speciesWeights.Sum() > 0))
        {
            // Nothing to share (all fitness equal or NaN): keep the species' current sizes.
            speciesWeights.Clear();
            foreach (var list in members.Values) speciesWeights.Add(list.Count);
        }

        int[] allotment = Allot(speciesWeights, size - next.Count);
        int s = 0;
        foreach (var list in members.Values)
            Breed(population, fitness, list.ToArray(), allotment[s++], rng, next);
        return next;
    }

    /// <summary>
    /// Splits <paramref name="count"/> among entries in proportion to <paramref name="weights"/> by the largest-remainder
    /// method: each gets the floor of its quota, and the leftovers go to the largest fractional parts (ties to the lower index).
    /// All-zero weights split equally.
    /// </summary>
    public static int[] Allot(IReadOnlyList<double> weights, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"count must not be negative, got {count}");
        int k = weights.Count;
        var result = new int[k];
        if (k == 0)
        {
            if (count > 0) throw new ArgumentException("nothing to allot to", nameof(weights));
            return result;
        }
        double max = 0;
        foreach (double x in weights)
        {
            if (!double.IsFinite(x) || x < 0) throw new ArgumentOutOfRangeException(nameof(weights), $"weights must be finite and >= 0, got {x}");
            max = Math.Max(max, x);
        }
        // Scaled by the largest weight so the total cannot overflow.
        double total = 0;
        foreach (double x in weights) total += max > 0 ? x / max : 0;
        var remainder = new double[k];
        int given = 0;
        for (int i = 0; i < k; i++)
        {
            double quota = total > 0 ? count * (weights[i] / max / total) : (double)count / k;
            result[i] = (int)Math.Min(Math.Floor(quota), count);
            remainder[i] = quota - result[i];
            given += result[i];
        }
        var byRemainder = Enumerable.Range(0, k).OrderByDescending(i => remainder[i]).ThenBy(i => i).ToArray();
        for (int j = 0; given < count; j++, given++) result[byRemainder[j % k]]++;
        for (int i = k - 1; given > count; i = (i + k - 1) % k) // rounding guard: never expected in practice
            if (result[i] > 0) { result[i]--; given--; }
        return result;
    }

    private void Breed(IReadOnlyList<T> population, IReadOnlyList<double> fitness, int[] members, int count, Random rng, List<T> next)
    {
        if (count <= 0) return;
        var subFitness = new double[members.Length];
        for (int i = 0; i < members.Length; i++) subFitness[i] = fitness[members[i]];

        // Fixed draw order: crossover decisions, then all parents, then per child its crossover and mutation.
        var cross = new bool[count];
        int parents = count;
        if (_crossover is not null)
            for (int c = 0; c < count; c++)
                if (rng.NextDouble() < _options.CrossoverRate) { cross[c] = true; parents++; }
        int[] picks = _selection.Select(subFitness, parents, rng);

        int k = 0;
        for (int c = 0; c < count; c++)
        {
            int a = members[picks[k++]];
            T child;
            if (cross[c])
            {
                int b = members[picks[k++]];
                (int mother, int father) = FitnessRanking.IsBetter(fitness[b], fitness[a]) ? (b, a) : (a, b);
                child = _crossover!.Cross(population[mother], population[father], rng);
            }
            else child = population[a];
            if (rng.NextDouble() < _options.MutationRate) child = _mutation.Mutate(child, rng);
            next.Add(child);
        }
    }
}
