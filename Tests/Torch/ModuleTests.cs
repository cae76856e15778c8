using Coevo.Torch;
using Coevo.Torch.Modules;
using F = Coevo.Torch.torch.nn.functional;

namespace Coevo.Tests.Torch;

[TestClass]
public class ModuleTests
{
    [TestMethod]
    public void Linear_ComputesXWtPlusB()
    {
        using var scope = torch.NewDisposeScope();
        using var lin = torch.nn.Linear(3, 2);
        using (torch.no_grad())
        {
            lin.weight.copy_(torch.tensor([1f, 2, 3, -1, 0, 1], [2, 3]));
            lin.bias!.copy_(torch.tensor([0.5f, -0.5f]));
        }
        var y = lin.call(torch.tensor([1f, 1, 1, 2, 0, -1], [2, 3]));
        CollectionAssert.AreEqual(new[] { 6.5f, -0.5f, -0.5f, -3.5f }, y.data<float>());
        // PyTorch's default init bound 1/sqrt(fan_in)
        using var big = torch.nn.Linear(100, 50);
        Assert.IsTrue(big.weight.abs().max().item<float>() <= 0.1f);
        Assert.IsTrue(big.weight.requires_grad);
    }

    [TestMethod]
    public void Sequential_NamesParametersAndBuffersAsPyTorch()
    {
        using var net = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, bias: false), torch.nn.BatchNorm2d(4), torch.nn.LeakyReLU(0.2), torch.nn.Flatten(), torch.nn.Linear(4 * 6 * 6, 1));
        CollectionAssert.AreEqual(new[] { "0.weight", "1.weight", "1.bias", "4.weight", "4.bias" }, net.named_parameters().Select(p => p.name).ToArray());
        CollectionAssert.AreEqual(new[] { "1.running_mean", "1.running_var", "1.num_batches_tracked" }, net.named_buffers().Select(p => p.name).ToArray());
        Assert.AreEqual(8, net.state_dict().Count);
        using var scope = torch.NewDisposeScope();
        var y = net.call(torch.randn(2, 1, 8, 8));
        CollectionAssert.AreEqual(new long[] { 2, 1 }, y.shape);
        y.sum().backward();
        Assert.IsTrue(net.parameters().All(p => p.grad is not null));
        net.zero_grad();
        Assert.IsTrue(net.parameters().All(p => p.grad is null));
    }

    [TestMethod]
    public void ConvLayers_ProduceDcganShapes()
    {
        using var scope = torch.NewDisposeScope();
        using var g = torch.nn.Sequential(torch.nn.ConvTranspose2d(100, 8, 7, 1, 0, bias: false), torch.nn.ConvTranspose2d(8, 4, 4, 2, 1), torch.nn.ConvTranspose2d(4, 1, 4, 2, 1), torch.nn.Tanh());
        var img = g.call(torch.randn(3, 100, 1, 1));
        CollectionAssert.AreEqual(new long[] { 3, 1, 28, 28 }, img.shape);
        using var d = torch.nn.Conv2d(1, 2, 4, 2, 1);
        CollectionAssert.AreEqual(new long[] { 3, 2, 14, 14 }, d.call(img).shape);
    }

    [TestMethod]
    public void BatchNorm_TrainUpdatesRunningStats_EvalUsesThem()
    {
        using var scope = torch.NewDisposeScope();
        using var bn = torch.nn.BatchNorm2d(1);
        // one channel, values 1..4: mean 2.5, biased var 1.25, unbiased var 5/3
        var x = torch.tensor([1f, 2, 3, 4], [4, 1, 1, 1]);
        var y = bn.call(x).data<float>();
        double sd = Math.Sqrt(1.25 + 1e-5);
        for (int i = 0; i < 4; i++) Assert.AreEqual((i + 1 - 2.5) / sd, y[i], 1e-5);
        Assert.AreEqual(0.25f, bn.running_mean.item<float>(), 1e-6);
        Assert.AreEqual(0.9 + 0.1 * 5.0 / 3.0, bn.running_var.item<float>(), 1e-6);
        Assert.AreEqual(1L, bn.num_batches_tracked.item<long>());
        bn.eval();
        Assert.IsFalse(bn.training);
        var ye = bn.call(x).data<float>();
        double rv = Math.Sqrt(0.9 + 0.1 * 5.0 / 3.0 + 1e-5);
        for (int i = 0; i < 4; i++) Assert.AreEqual((i + 1 - 0.25) / rv, ye[i], 1e-5);
        Assert.AreEqual(1L, bn.num_batches_tracked.item<long>());
    }

    [TestMethod]
    public void Dropout_OnlyInTraining()
    {
        using var scope = torch.NewDisposeScope();
        using var net = torch.nn.Sequential(torch.nn.Dropout(0.5));
        var x = torch.ones(10000);
        var y = net.call(x).data<float>();
        Assert.IsTrue(y.All(v => v == 0 || v == 2));
        Assert.AreEqual(5000, y.Count(v => v == 0), 300);
        net.eval();
        Assert.IsTrue(net.call(x).data<float>().All(v => v == 1));
    }

    [TestMethod]
    public void Activations_AsModules()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor([-2f, 0.5f]);
        CollectionAssert.AreEqual(new[] { 0f, 0.5f }, torch.nn.ReLU().call(x).data<float>());
        CollectionAssert.AreEqual(new[] { -0.2f, 0.5f }, torch.nn.LeakyReLU(0.1).call(x).data<float>());
        Assert.AreEqual(MathF.Tanh(-2f), torch.nn.Tanh().call(x).data<float>()[0], 1e-6);
        Assert.AreEqual(1 / (1 + Math.Exp(-0.5)), torch.nn.Sigmoid().call(x).data<float>()[1], 1e-6);
    }

    [TestMethod]
    public void Functional_MatchesHandValues()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor([1f, 2, 3], [1, 3]);
        double ce = -Math.Log(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        Assert.AreEqual(ce, F.cross_entropy(logits, torch.tensor(new long[] { 2 })).item<float>(), 1e-6);
        var z = torch.tensor([0.5f, -1f]);
        var t = torch.tensor([1f, 0f]);
        double bce = (Math.Log(1 + Math.Exp(-0.5)) + Math.Log(1 + Math.Exp(-1))) / 2;
        Assert.AreEqual(bce, F.binary_cross_entropy_with_logits(z, t).item<float>(), 1e-6);
        Assert.AreEqual((0.25 + 1) / 2, F.mse_loss(z, t).item<float>(), 1e-6);
        Assert.AreEqual(1.25, F.mse_loss(z, t, Reduction.Sum).item<float>(), 1e-6);
        var img = torch.arange(0, 16, 1, ScalarType.Float32).reshape(1, 1, 4, 4);
        CollectionAssert.AreEqual(new[] { 2.5f, 4.5f, 10.5f, 12.5f }, F.avg_pool2d(img, 2).data<float>());
        var small = torch.tensor([1f, 2, 3, 4], [1, 1, 2, 2]);
        CollectionAssert.AreEqual(new[] { 1f, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, F.interpolate(small, [4, 4]).data<float>());
        // bilinear, align_corners=false, 2x2 -> 4x4: first row 1, 1.25, 1.75, 2
        var bl = F.interpolate(small, [4, 4], "bilinear").data<float>();
        CollectionAssert.AreEqual(new[] { 1f, 1.25f, 1.75f, 2f }, bl[..4]);
    }

    [TestMethod]
    public void To_KeepsParameterIdentity()
    {
        using var lin = torch.nn.Linear(2, 2);
        var w = lin.weight;
        var before = w.data<float>();
        lin.to(torch.CPU);
        Assert.AreSame(w, lin.parameters().First());
        CollectionAssert.AreEqual(before, lin.weight.data<float>());
        Assert.IsTrue(lin.weight.requires_grad);
    }
}
