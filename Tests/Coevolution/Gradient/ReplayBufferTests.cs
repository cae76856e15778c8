using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Tests.Support;
using static TorchSharp.torch;

namespace Coevo.Tests.Coevolution.Gradient;

[TestClass]
public class ReplayBufferTests : TempFolders
{
    /// <summary>A batch [n, 1, 1, 1] whose images hold the numbers first, first+1, ...</summary>
    private static Tensor Numbered(int first, int n) => arange(first, first + n, dtype: float32).view(n, 1, 1, 1);

    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    [TestMethod]
    public void FillsUpToCapacityThenReplacesOldImages()
    {
        using var buffer = new ReplayBuffer(10);
        using var gen = new Generator(1);
        buffer.Push(Numbered(0, 4), gen);
        Assert.AreEqual(4, buffer.Count);
        CollectionAssert.AreEqual(new float[] { 0, 1, 2, 3 }, Values(buffer.Contents!));
        buffer.Push(Numbered(4, 4), gen);
        buffer.Push(Numbered(8, 4), gen); // 2 fit, 2 replace
        Assert.AreEqual(10, buffer.Count);
        var held = Values(buffer.Contents!);
        Assert.IsTrue(held.All(v => v is >= 0 and < 12), "holds only pushed images");
        Assert.IsTrue(held.Contains(10) || held.Contains(11), "the overflow replaced held images");
        Assert.IsTrue(held.Count(v => v < 10) >= 8, "at most two held images were replaced");
        for (int round = 0; round < 50; round++) buffer.Push(Numbered(100 + 4 * round, 4), gen);
        Assert.AreEqual(10, buffer.Count, "never above capacity");
        Assert.IsTrue(Values(buffer.Contents!).All(v => v is < 12 or >= 100), "holds only pushed images");
    }

    [TestMethod]
    public void MixSwapsTheGivenShareForReplayedImages()
    {
        using var buffer = new ReplayBuffer(5);
        using var gen = new Generator(2);
        var fresh = Numbered(1000, 8);
        CollectionAssert.AreEqual(Values(fresh), Values(buffer.Mix(fresh, 0.5, gen)), "an empty buffer replays nothing");

        buffer.Push(Numbered(0, 5), gen);
        var mixed = Values(buffer.Mix(fresh, 0.5, gen));
        Assert.AreEqual(8, mixed.Length);
        Assert.IsTrue(mixed[..4].All(v => v < 5), "the first half comes from the buffer");
        CollectionAssert.AreEqual(new float[] { 1004, 1005, 1006, 1007 }, mixed[4..], "the rest stays fresh");
        CollectionAssert.AreEqual(Values(fresh), Values(buffer.Mix(fresh, 0, gen)));
        Assert.IsTrue(Values(buffer.Mix(fresh, 1, gen)).All(v => v < 5));
        Assert.IsFalse(buffer.Mix(fresh.requires_grad_(true), 0.5, gen).requires_grad, "mixed images carry no gradient");
    }

    [TestMethod]
    public void SavesAndLoadsExactlyAndRejectsAMismatch()
    {
        string dir = TempDir();
        string file = Path.Combine(dir, "replay.safetensors");
        using var buffer = new ReplayBuffer(6);
        using var gen = new Generator(3);
        buffer.Push(Numbered(0, 4), gen);
        buffer.Save(file);
        using var copy = new ReplayBuffer(6);
        copy.Load(file);
        Assert.AreEqual(4, copy.Count);
        CollectionAssert.AreEqual(Values(buffer.Contents!), Values(copy.Contents!));

        using var smaller = new ReplayBuffer(3);
        var e = Assert.ThrowsExactly<InputException>(() => smaller.Load(file));
        Assert.AreEqual(file, e.File);
        File.WriteAllText(file, "not a tensor file");
        Assert.ThrowsExactly<InputException>(() => copy.Load(file));
    }
}
