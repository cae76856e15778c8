using Coevo.Coevolution.Imaging;
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

/// <summary>Rendering a whole population.</summary>
public static class RendererExtensions
{
    /// <summary>Renders every genome at <paramref name="width"/> x <paramref name="height"/>, <paramref name="threads"/> at a time, in input order.</summary>
    public static Image[] RenderAll<T>(this IRenderer<T> renderer, IReadOnlyList<T> genomes, int width, int height, int threads) =>
        Parallelism.Map(genomes, g => renderer.Render(g, width, height), threads);
}
