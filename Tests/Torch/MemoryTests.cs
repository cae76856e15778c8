using Coevo.Torch;

namespace Coevo.Tests.Torch;

[TestClass]
[DoNotParallelize]
public class MemoryTests
{
    private static double RssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:")) return double.Parse(line[6..].Trim().Split(' ')[0]) / 1024.0;
        throw new InvalidOperationException("no VmRSS");
    }

    private static void Ops(Tensor w, int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.randn(16, 16);                  // 1
            var y = (x.matmul(w) + 1).relu();             // 3
            var z = y.sum(0).mean();                      // 2
            var g = torch.cat([x, y], 0).tanh();          // 2
            _ = (g * z).sub(0.5);                         // 2 -> 10 ops per iteration
        }
    }

    [TestMethod]
    public void HundredThousandSmallOpsInScopes_LeaveMemoryFlat()
    {
        using var w = torch.randn(16, 16);
        Ops(w, 2_000); // warm-up: allocator caches, JIT
        GC.Collect();
        double before = RssMiB();
        Ops(w, 10_000); // 100,000 ops
        GC.Collect();
        double after = RssMiB();
        Assert.IsTrue(after - before < 16, $"RSS grew from {before:F1} to {after:F1} MiB");
    }

    [TestMethod]
    public void ScopeDisposesEveryTensorItSaw()
    {
        var seen = new List<Tensor>();
        using (torch.NewDisposeScope())
        {
            var a = torch.ones(3);
            seen.Add(a);
            seen.Add(a + 1);
            seen.Add(a.view(1, 3));
            seen.Add(a.sum());
        }
        Assert.IsTrue(seen.All(t => t.IsDisposed));
    }
}
