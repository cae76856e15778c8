using Coevo.Torch;

namespace Coevo.Tests.Torch;

/// <summary>Determinism under torch.manual_seed. Not run in parallel: other tests draw from the same global generator.</summary>
[TestClass]
[DoNotParallelize]
public class SeedTests
{
    [TestMethod]
    public void ManualSeed_GivesTheSameNumbers()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        var a = torch.randn(100).data<float>();
        var a2 = torch.rand(10).data<float>();
        torch.manual_seed(42);
        var b = torch.randn(100).data<float>();
        var b2 = torch.rand(10).data<float>();
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreEqual(a2, b2);
        torch.manual_seed(43);
        CollectionAssert.AreNotEqual(a, torch.randn(100).data<float>());
    }

    [TestMethod]
    public void SameSeed_GivesTheSameInitAndTrainingStep()
    {
        float[] Run()
        {
            torch.manual_seed(11);
            using var net = torch.nn.Sequential(torch.nn.ConvTranspose2d(4, 2, 4, 2, 1), torch.nn.BatchNorm2d(2), torch.nn.Dropout(0.3), torch.nn.Conv2d(2, 1, 3));
            using var opt = new Coevo.Torch.Optim.Adam(net.parameters(), 0.01);
            using var scope = torch.NewDisposeScope();
            net.call(torch.randn(2, 4, 3, 3)).square().mean().backward();
            opt.step();
            return net.parameters().SelectMany(p => p.data<float>()).ToArray();
        }
        CollectionAssert.AreEqual(Run(), Run());
    }
}
