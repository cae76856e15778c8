using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
[DoNotParallelize] // needs a second thread-pool thread within seconds: not while other classes keep the pool busy
public class ParallelismTests
{
    [TestMethod]
    public void ResultsKeepInputOrderWhateverTheThreadCount()
    {
        var items = Enumerable.Range(0, 200).ToArray();
        var expected = items.Select(i => i * i + 1L).ToArray();
        foreach (int threads in new[] { 0, 1, 2, 8 })
            CollectionAssert.AreEqual(expected, Parallelism.Map(items, i => i * i + 1L, threads), $"{threads} threads");
        Assert.AreEqual(0, Parallelism.Map(Array.Empty<int>(), i => i, 2).Length);
    }

    [TestMethod]
    public void UsesMoreThanOneThreadWhenAllowed()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        using var gate = new Barrier(2);
        // Two items that each wait for the other: only completes if they run at the same time.
        Parallelism.Map(new[] { 0, 1 }, i => { seen[Environment.CurrentManagedThreadId] = true; return gate.SignalAndWait(TimeSpan.FromSeconds(10)); }, 2)
            .ToList().ForEach(ok => Assert.IsTrue(ok, "both items ran concurrently"));
        Assert.AreEqual(2, seen.Count);
    }
}
