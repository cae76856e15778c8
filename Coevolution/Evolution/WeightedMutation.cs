namespace Coevo.Coevolution.Evolution;

/// <summary>Applies one of several mutations, chosen at random in proportion to its weight.</summary>
public sealed class WeightedMutation<T> : IMutation<T>
{
    private readonly IMutation<T>[] _mutations;
    private readonly double[] _cumulative;

    /// <summary>Mutations with their relative weights (non-negative, finite, not all zero).</summary>
    public WeightedMutation(params (IMutation<T> Mutation, double Weight)[] choices)
    {
        if (choices.Length == 0) throw new ArgumentException("at least one mutation is needed", nameof(choices));
        _mutations = new IMutation<T>[choices.Length];
        _cumulative = new double[choices.Length];
        double total = 0;
        for (int i = 0; i < choices.Length; i++)
        {
            var (m, w) = choices[i];
            if (!double.IsFinite(w) || w < 0) throw new ArgumentOutOfRangeException(nameof(choices), $"mutation weight {i} must be finite and >= 0, got {w}");
            _mutations[i] = m ?? throw new ArgumentNullException(nameof(choices), $"mutation {i} is null");
            total += w;
            _cumulative[i] = total;
        }
        if (!(total > 0)) throw new ArgumentException("mutation weights must not all be zero", nameof(choices));
    }

    /// <summary>The mutations, in the order given.</summary>
    public IReadOnlyList<IMutation<T>> Mutations => _mutations;

    /// <summary>Index of the mutation a uniform draw <paramref name="u"/> in [0,1) chooses.</summary>
    public int Choose(double u)
    {
        double r = u * _cumulative[^1];
        for (int i = 0; i < _cumulative.Length; i++)
            if (r < _cumulative[i]) return i;
        return LastPositive();
    }

    private int LastPositive()
    {
        // Guard for rounding at u -> 1: the last mutation with a positive weight.
        for (int i = _cumulative.Length - 1; i >= 0; i--)
            if (i == 0 || _cumulative[i] > _cumulative[i - 1]) return i;
        return 0;
    }

    /// <inheritdoc/>
    public T Mutate(T parent, Random rng) => _mutations[Choose(rng.NextDouble())].Mutate(parent, rng);
}
