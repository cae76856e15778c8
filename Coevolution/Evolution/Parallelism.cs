namespace Coevo.Coevolution.Evolution;

/// <summary>Deterministic parallel map: results land at their input's index, whatever the thread count.</summary>
public static class Parallelism
{
    /// <summary><paramref name="f"/> applied to every item on up to <paramref name="threads"/> threads (&lt;= 1: the calling thread).</summary>
    public static TOut[] Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> f, int threads)
    {
        var results = new TOut[items.Count];
        if (threads <= 1 || items.Count <= 1)
        {
            for (int i = 0; i < results.Length; i++) results[i] = f(items[i]);
            return results;
        }
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => results[i] = f(items[i]));
        return results;
    }
}
