using Coevo.Torch;

namespace Coevo.Tests.Torch;

[TestClass]
public class TensorTests
{
    private static void AssertClose(double[] expected, float[] actual, double tol = 1e-6)
    {
        Assert.AreEqual(expected.Length, actual.Length, "length");
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], tol, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [TestMethod]
    public void Factories_HaveShapeDtypeAndValues()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros(2, 3);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, z.shape);
        Assert.AreEqual(ScalarType.Float32, z.dtype);
        Assert.IsTrue(z.data<float>().All(v => v == 0));
        Assert.IsTrue(torch.ones(4).data<float>().All(v => v == 1));
        Assert.IsTrue(torch.full([2, 2], 2.5).data<float>().All(v => v == 2.5f));
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 3, 4 }, torch.arange(5).data<long>());
        AssertClose([1, 1.5, 2, 2.5], torch.arange(1, 3, 0.5, ScalarType.Float32).data<float>());
        var labels = torch.tensor(new long[] { 3, 1, 4 });
        Assert.AreEqual(ScalarType.Int64, labels.dtype);
        CollectionAssert.AreEqual(new long[] { 3, 1, 4 }, labels.data<long>());
        var t = torch.tensor([1f, 2, 3, 4, 5, 6], [2, 3]);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, t.shape);
        Assert.AreEqual(6f, t[1, 2].item<float>());
        Assert.AreEqual(Device.CPU, t.device);
        var r = torch.rand(1000).data<float>();
        Assert.IsTrue(r.All(v => v >= 0 && v < 1));
        var n = torch.randn(10000);
        Assert.AreEqual(0, n.mean().item<float>(), 0.05);
        Assert.AreEqual(1, n.std().item<float>(), 0.05);
    }

    [TestMethod]
    public void ElementwiseOps_MatchHandComputedValues()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor([1f, -2, 3, 0.5f]);
        var b = torch.tensor([2f, 4, -1, 0.25f]);
        AssertClose([3, 2, 2, 0.75], (a + b).data<float>());
        AssertClose([-1, -6, 4, 0.25], (a - b).data<float>());
        AssertClose([2, -8, -3, 0.125], (a * b).data<float>());
        AssertClose([0.5, -0.5, -3, 2], (a / b).data<float>());
        AssertClose([3, 0, 5, 2.5], (a + 2).data<float>());
        AssertClose([1, 4, -1, 1.5], (2 - a).data<float>());
        AssertClose([1, 4, 9, 0.25], a.pow(2).data<float>());
        AssertClose([1, 0, 3, 0.5], a.relu().data<float>());
        AssertClose([1, -0.4, 3, 0.5], a.leaky_relu(0.2).data<float>());
        AssertClose([Math.Exp(1), Math.Exp(-2), Math.Exp(3), Math.Exp(0.5)], a.exp().data<float>(), 1e-5);
        AssertClose([Math.Tanh(1), Math.Tanh(-2), Math.Tanh(3), Math.Tanh(0.5)], a.tanh().data<float>());
        AssertClose([1 / (1 + Math.Exp(-1)), 1 / (1 + Math.Exp(2)), 1 / (1 + Math.Exp(-3)), 1 / (1 + Math.Exp(-0.5))], a.sigmoid().data<float>());
        AssertClose([1, 2, 3, 0.5], a.abs().data<float>());
        AssertClose([1, Math.Sqrt(2), Math.Sqrt(3)], torch.tensor([1f, 2, 3]).sqrt().data<float>());
        AssertClose([0, Math.Log(2)], torch.tensor([1f, 2]).log().data<float>());
        AssertClose([1, -1, 1, 0.5], a.clamp(-1, 1).data<float>());
        // broadcasting [2,1] + [3]
        var col = torch.tensor([10f, 20], [2, 1]);
        AssertClose([11, 12, 13, 21, 22, 23], (col + torch.tensor([1f, 2, 3])).data<float>());
    }

    [TestMethod]
    public void Reductions_AndComparisons()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor([1f, 5, 3, 4, 2, 6], [2, 3]);
        Assert.AreEqual(21f, t.sum().item<float>());
        Assert.AreEqual(3.5f, t.mean().item<float>());
        AssertClose([5, 7, 9], t.sum(0).data<float>());
        AssertClose([3, 4], t.mean(1).data<float>());
        CollectionAssert.AreEqual(new long[] { 2, 1 }, t.sum(1, keepdim: true).shape);
        Assert.AreEqual(6f, t.max().item<float>());
        Assert.AreEqual(1f, t.min().item<float>());
        AssertClose([5, 6], t.max(1).data<float>());
        CollectionAssert.AreEqual(new long[] { 1, 2 }, t.argmax(1).data<long>());
        Assert.AreEqual(5L, t.argmax().item<long>());
        // unbiased variance of 1..6 is 3.5
        Assert.AreEqual(3.5f, t.var().item<float>(), 1e-6);
        CollectionAssert.AreEqual(new[] { false, true, false, true, false, true }, t.gt(3.5).data<bool>());
        CollectionAssert.AreEqual(new[] { true, false, true, false, true, false }, t.le(3).data<bool>());
        var u = torch.tensor([1f, 0, 3, 4, 0, 6], [2, 3]);
        CollectionAssert.AreEqual(new[] { true, false, true, true, false, true }, t.eq(u).data<bool>());
        CollectionAssert.AreEqual(new[] { false, true, false, false, true, false }, t.ne(u).data<bool>());
        AssertClose([1, 5, 3, 4, 2, 6], torch.where(t.gt(u), t, u).data<float>());
    }

    [TestMethod]
    public void Matmul_MatchesHandProduct()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor([1f, 2, 3, 4, 5, 6], [2, 3]);
        var b = torch.tensor([7f, 8, 9, 10, 11, 12], [3, 2]);
        var c = a.matmul(b);
        CollectionAssert.AreEqual(new long[] { 2, 2 }, c.shape);
        AssertClose([58, 64, 139, 154], c.data<float>());
    }

    [TestMethod]
    public void ShapeOps_ReshapePermuteCatStackSliceIndexSelect()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(0, 6, 1, ScalarType.Float32).reshape(2, 3);
        AssertClose([0, 3, 1, 4, 2, 5], t.permute(1, 0).contiguous().data<float>());
        AssertClose([0, 3, 1, 4, 2, 5], t.t().contiguous().data<float>());
        CollectionAssert.AreEqual(new long[] { 3, 2 }, t.view(3, 2).shape);
        CollectionAssert.AreEqual(new long[] { 6 }, t.flatten().shape);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, t.unsqueeze(0).shape);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, t.unsqueeze(0).squeeze(0).shape);
        var c = torch.cat([t, t], 0);
        CollectionAssert.AreEqual(new long[] { 4, 3 }, c.shape);
        AssertClose([0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5], torch.cat([t, t], 1).data<float>());
        var s = torch.stack([t, t], 0);
        CollectionAssert.AreEqual(new long[] { 2, 2, 3 }, s.shape);
        AssertClose([1, 2, 4, 5], t[TensorIndex.Colon, 1..].contiguous().data<float>());
        AssertClose([3, 4, 5], t[1].data<float>());
        AssertClose([0, 2, 3, 5], t.slice(1, 0, 3, 2).contiguous().data<float>());
        AssertClose([2, 5], t[TensorIndex.Colon, ^1].data<float>());
        AssertClose([2, 0, 5, 3], t.index_select(1, torch.tensor(new long[] { 2, 0 })).data<float>());
        AssertClose([3, 4, 5, 0, 1, 2], t.index_select(0, torch.tensor(new long[] { 1, 0 })).data<float>());
        // a view shares storage with its base
        var row = t[0];
        row.fill_(9);
        AssertClose([9, 9, 9, 3, 4, 5], t.data<float>());
    }

    [TestMethod]
    public void BadShape_ThrowsWithLibtorchMessage_AndTheProcessLives()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(2, 3);
        var b = torch.ones(4, 5);
        var e = Assert.ThrowsException<TorchException>(() => a.matmul(b));
        StringAssert.Contains(e.Message, "cannot be multiplied");
        StringAssert.Contains(e.Message, "2x3");
        Assert.IsFalse(e.Message.Contains("frame #"), "backtrace should be trimmed");
        var e2 = Assert.ThrowsException<TorchException>(() => a.view(7));
        StringAssert.Contains(e2.Message, "invalid for input of size 6");
        Assert.ThrowsException<TorchException>(() => torch.cat([a, b], 0));
        Assert.ThrowsException<TorchException>(() => torch.nn.functional.conv2d(torch.ones(1, 3, 8, 8), torch.ones(4, 2, 3, 3)));
        // still alive and working
        Assert.AreEqual(6f, a.sum().item<float>());
    }

    [TestMethod]
    public void UseAfterDispose_ThrowsObjectDisposed()
    {
        var t = torch.ones(3);
        var u = torch.ones(3);
        t.Dispose();
        Assert.IsTrue(t.IsDisposed);
        Assert.ThrowsException<ObjectDisposedException>(() => t.sum());
        Assert.ThrowsException<ObjectDisposedException>(() => t.data<float>());
        Assert.ThrowsException<ObjectDisposedException>(() => u + t);
        t.Dispose(); // twice is fine
        u.Dispose();
    }

    [TestMethod]
    public void DisposeScope_FreesIntermediates_AndKeepsMovedResults()
    {
        var keep = torch.ones(2);
        Tensor inner, kept;
        using (var scope = torch.NewDisposeScope())
        {
            inner = keep + 1;
            kept = (inner * 2).MoveToOuterDisposeScope();
            Assert.AreEqual(1, scope.Count, "inner only; the moved result left the scope");
        }
        Assert.IsTrue(inner.IsDisposed);
        Assert.IsFalse(kept.IsDisposed);
        Assert.IsFalse(keep.IsDisposed);
        CollectionAssert.AreEqual(new[] { 4f, 4f }, kept.data<float>());
        Tensor outerOwned;
        using (var outer = torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope()) outerOwned = (keep * 3).MoveToOuterDisposeScope();
            Assert.IsFalse(outerOwned.IsDisposed);
            Assert.AreEqual(1, outer.Count);
        }
        Assert.IsTrue(outerOwned.IsDisposed);
        keep.Dispose();
        kept.Dispose();
    }

    [TestMethod]
    public void Cuda_FromCpuOnlyLibtorch_NamesTheFix()
    {
        if (torch.cuda.is_available()) Assert.IsTrue(torch.cuda.device_count() > 0);
        else
        {
            var e = Assert.ThrowsException<TorchException>(() => torch.zeros([2], device: torch.device("cuda")));
            StringAssert.Contains(e.Message, "LIBTORCH");
            StringAssert.Contains(e.Message, "Torch/README.md");
        }
        Assert.AreEqual(new Device(DeviceType.CUDA, 1), torch.device("cuda:1"));
        Assert.AreEqual("cpu", torch.device("cpu").ToString());
        Assert.ThrowsException<ArgumentException>(() => torch.device("tpu"));
    }

    [TestMethod]
    public void Threads_CanBeSet()
    {
        int before = torch.get_num_threads();
        torch.set_num_threads(1);
        Assert.AreEqual(1, torch.get_num_threads());
        torch.set_num_threads(before);
    }
}
