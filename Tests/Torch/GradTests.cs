using Coevo.Torch;
using F = Coevo.Torch.torch.nn.functional;

namespace Coevo.Tests.Torch;

/// <summary>Autograd gradients of the ops Coevo uses, against central finite differences in float64.</summary>
[TestClass]
public class GradTests
{
    private static Tensor Input(int seed, params long[] shape)
    {
        var rng = new Random(seed);
        long n = shape.Aggregate(1L, (a, b) => a * b);
        // values in ±[0.2, 1.2], away from the kinks of relu/abs at 0
        var data = Enumerable.Range(0, (int)n).Select(_ => (rng.NextDouble() + 0.2) * (rng.Next(2) == 0 ? -1 : 1)).ToArray();
        return torch.tensor(data, shape, requires_grad: true);
    }

    /// <summary>Checks d(sum(f(x)·w))/dx for a fixed random weight w against central differences.</summary>
    private static void CheckGrad(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        using var scope = torch.NewDisposeScope();
        var outShape = f(inputs).shape;
        var rng = new Random(7);
        long outN = outShape.Aggregate(1L, (a, b) => a * b);
        var w = torch.tensor(Enumerable.Range(0, (int)outN).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), outShape);
        Func<Tensor[], double> loss = xs => (f(xs) * w).sum().item<double>();

        foreach (var x in inputs) x.zero_grad();
        (f(inputs) * w).sum().backward();
        const double eps = 1e-6;
        for (int k = 0; k < inputs.Length; k++)
        {
            var analytic = inputs[k].grad!.data<double>();
            var baseData = inputs[k].data<double>();
            for (int i = 0; i < baseData.Length; i++)
            {
                double Eval(double delta)
                {
                    var d = (double[])baseData.Clone();
                    d[i] += delta;
                    var xs = (Tensor[])inputs.Clone();
                    xs[k] = torch.tensor(d, inputs[k].shape);
                    using (torch.no_grad()) return loss(xs);
                }
                double numeric = (Eval(eps) - Eval(-eps)) / (2 * eps);
                Assert.AreEqual(numeric, analytic[i], 1e-5 + 1e-5 * Math.Abs(numeric), $"input {k} element {i}: numeric {numeric}, autograd {analytic[i]}");
            }
        }
    }

    [TestMethod] public void Add_Sub_Mul_Div() => CheckGrad(x => (x[0] + x[1]) * x[0] - x[1] / x[0], Input(1, 2, 3), Input(2, 2, 3));
    [TestMethod] public void Pow_Exp_Log_Sqrt() => CheckGrad(x => x[0].pow(3) + x[0].exp() + x[0].abs().log() + x[0].abs().sqrt(), Input(3, 5));
    [TestMethod] public void Activations() => CheckGrad(x => x[0].tanh() + x[0].sigmoid() + x[0].relu() + x[0].leaky_relu(0.2) + x[0].softplus(), Input(4, 6));
    [TestMethod] public void Matmul() => CheckGrad(x => x[0].matmul(x[1]), Input(5, 2, 3), Input(6, 3, 4));
    [TestMethod] public void Reductions() => CheckGrad(x => x[0].sum(1) + x[0].mean(1) * 3 + x[0].max(1) + x[0].logsumexp(1), Input(7, 3, 4));
    [TestMethod] public void Softmax() => CheckGrad(x => x[0].log_softmax(1) + x[0].softmax(1), Input(8, 2, 4));

    [TestMethod]
    public void ShapeAndIndexing() => CheckGrad(
        x => torch.cat([x[0].reshape(3, 2).permute(1, 0), x[0][TensorIndex.Colon, 1..]], 1).index_select(1, torch.tensor(new long[] { 4, 0, 2 }))
            + torch.stack([x[0][0], x[0][1]], 0).narrow(1, 0, 3).transpose(0, 1).t(),
        Input(9, 2, 3));

    [TestMethod] public void Linear() => CheckGrad(x => F.linear(x[0], x[1], x[2]), Input(10, 3, 4), Input(11, 2, 4), Input(12, 2));
    [TestMethod] public void Conv2d() => CheckGrad(x => F.conv2d(x[0], x[1], x[2], stride: 2, padding: 1), Input(13, 2, 2, 5, 5), Input(14, 3, 2, 3, 3), Input(15, 3));
    [TestMethod] public void ConvTranspose2d_General() => CheckGrad(x => F.conv_transpose2d(x[0], x[1], x[2], stride: 2, padding: 0, output_padding: 1), Input(16, 1, 2, 3, 3), Input(17, 2, 3, 3, 3), Input(18, 3));
    [TestMethod] public void ConvTranspose2d_SubPixelPath() => CheckGrad(x => F.conv_transpose2d(x[0], x[1], null, stride: 2, padding: 1), Input(19, 2, 3, 3, 3), Input(20, 3, 2, 4, 4));
    [TestMethod] public void ConvTranspose2d_From1x1Path() => CheckGrad(x => F.conv_transpose2d(x[0], x[1], x[2], stride: 1, padding: 1), Input(21, 2, 3, 1, 1), Input(22, 3, 2, 4, 4), Input(23, 2));
    [TestMethod] public void BatchNormTraining() => CheckGrad(x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), Input(24, 3, 2, 2, 2), Input(25, 2), Input(26, 2));
    [TestMethod] public void AvgPoolAndInterpolate() => CheckGrad(x => F.interpolate(F.avg_pool2d(x[0], 2), [3, 3], "bilinear"), Input(27, 1, 2, 4, 4));
    [TestMethod] public void PixelShuffleAndPad() => CheckGrad(x => F.pad(F.pixel_shuffle(x[0], 2), [1, 0, 0, 1]), Input(28, 1, 4, 2, 2));

    [TestMethod]
    public void Losses()
    {
        using var scope = torch.NewDisposeScope();
        var target01 = torch.tensor(new double[] { 1, 0, 1, 0.3 });
        CheckGrad(x => F.binary_cross_entropy_with_logits(x[0], target01) + F.mse_loss(x[0], target01), Input(29, 4));
        var labels = torch.tensor(new long[] { 2, 0 });
        CheckGrad(x => F.cross_entropy(x[0], labels), Input(30, 2, 3));
    }

    [TestMethod]
    public void AutogradGrad_CreateGraph_GivesSecondDerivatives()
    {
        using var scope = torch.NewDisposeScope();
        // f = sum(x^3); g = df/dx = 3x^2; penalty = sum(g^2) = 9 sum(x^4); d penalty/dx = 36 x^3
        var x = torch.tensor([0.5, -1.0, 2.0], requires_grad: true);
        var f = x.pow(3).sum();
        var g = torch.autograd.grad([f], [x], create_graph: true)[0]!;
        CollectionAssert.AreEqual(new[] { 0.75, 3.0, 12.0 }, g.data<double>());
        Assert.IsTrue(g.requires_grad);
        g.square().sum().backward();
        var expected = new[] { 36 * 0.125, -36.0, 36 * 8.0 };
        var actual = x.grad!.data<double>();
        for (int i = 0; i < 3; i++) Assert.AreEqual(expected[i], actual[i], 1e-12);
    }

    [TestMethod]
    public void GradientPenalty_ThroughConvNet_MatchesFiniteDifferences()
    {
        // WGAN-GP style: || d D(x) / dx ||^2 where D is conv + leaky relu + linear; differentiated w.r.t. the weights
        using var scope = torch.NewDisposeScope();
        var x = Input(31, 2, 1, 4, 4);
        CheckGrad(w =>
        {
            using var grad = torch.enable_grad(); // the finite-difference evaluations run under no_grad
            var xi = x.detach().requires_grad_();
            var d = F.linear(F.conv2d(xi, w[0], stride: 2, padding: 1).leaky_relu(0.2).flatten(1), w[1]).sum();
            var gx = torch.autograd.grad([d], [xi], create_graph: true)[0]!;
            return gx.square().sum();
        }, Input(32, 3, 1, 3, 3), Input(33, 1, 12));
    }

    [TestMethod]
    public void Backward_Detach_NoGrad()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor([1f, 2, 3], requires_grad: true);
        (x * x).sum().backward();
        CollectionAssert.AreEqual(new[] { 2f, 4f, 6f }, x.grad!.data<float>());
        (x * 2).sum().backward();   // accumulates
        CollectionAssert.AreEqual(new[] { 4f, 6f, 8f }, x.grad!.data<float>());
        x.zero_grad();
        Assert.IsNull(x.grad);
        Assert.IsFalse(x.detach().requires_grad);
        using (torch.no_grad())
        {
            Assert.IsFalse(torch.is_grad_enabled());
            Assert.IsFalse((x * 2).requires_grad);
        }
        Assert.IsTrue(torch.is_grad_enabled());
        Assert.IsTrue((x * 2).requires_grad);
        var e = Assert.ThrowsException<TorchException>(() => torch.ones(2).sum().backward());
        StringAssert.Contains(e.Message, "does not require grad");
    }

    [TestMethod]
    public void SubPixelConvTranspose_EqualsThePlainOp()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        foreach (var (cin, cout, h) in new[] { (5, 3, 4), (8, 1, 7), (2, 6, 1) })
        {
            var x = torch.randn(2, cin, h, h + 1);
            var w = torch.randn(cin, cout, 4, 4);
            var b = torch.randn(cout);
            var fast = F.conv_transpose2d(x, w, b, stride: 2, padding: 1);
            torch.set_fast_conv_transpose(false);
            Tensor plain;
            try { plain = F.conv_transpose2d(x, w, b, stride: 2, padding: 1); }
            finally { torch.set_fast_conv_transpose(true); }
            CollectionAssert.AreEqual(plain.shape, fast.shape);
            var diff = (fast - plain).abs().max().item<float>();
            Assert.IsTrue(diff < 1e-4, $"max difference {diff}");
        }
        // the 7x7 projection from a 1x1 input
        var z = torch.randn(3, 10, 1, 1);
        var wz = torch.randn(10, 4, 7, 7);
        var f1 = F.conv_transpose2d(z, wz);
        torch.set_fast_conv_transpose(false);
        Tensor p1;
        try { p1 = F.conv_transpose2d(z, wz); }
        finally { torch.set_fast_conv_transpose(true); }
        Assert.IsTrue((f1 - p1).abs().max().item<float>() < 1e-4);
    }
}
