using Coevo.Artists.Dcgan;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Tests.Artists.Dcgan;

[TestClass]
public class SubPixelConvTranspose2dTests
{
    [TestMethod]
    public void MatchesConvTranspose2dForwardAndBackward()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        using var layer = new SubPixelConvTranspose2d(5, 3);
        using (no_grad()) layer.weight.normal_(0, 0.5, g);
        var x = randn([2, 5, 4, 6], generator: g).requires_grad_(true);
        var x2 = x.detach().clone().requires_grad_(true);
        var w2 = layer.weight.detach().clone().requires_grad_(true);

        var y = layer.call(x);
        var reference = F.conv_transpose2d(x2, w2, strides: [2, 2], padding: [1, 1]);
        CollectionAssert.AreEqual(new long[] { 2, 3, 8, 12 }, y.shape);
        Assert.IsTrue(y.allclose(reference, rtol: 1e-5, atol: 1e-5), $"max diff {(y - reference).abs().max().item<float>()}");

        var upstream = randn(y.shape, generator: g);
        (y * upstream).sum().backward();
        (reference * upstream).sum().backward();
        Assert.IsTrue(x.grad!.allclose(x2.grad!, rtol: 1e-5, atol: 1e-5), "input gradient");
        Assert.IsTrue(layer.weight.grad!.allclose(w2.grad!, rtol: 1e-5, atol: 1e-5), "weight gradient");
    }

    [TestMethod]
    public void GradientMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        using var layer = new SubPixelConvTranspose2d(2, 2);
        layer.to(float64);
        using (no_grad()) layer.weight.normal_(0, 1, g);
        var x = randn([1, 2, 3, 3], generator: g, dtype: float64).requires_grad_(true);
        var upstream = randn([1, 2, 6, 6], generator: g, dtype: float64);
        Tensor Loss() => (layer.call(x) * upstream).sum();
        Loss().backward();
        double[] analytic = layer.weight.grad!.data<double>().ToArray();
        var flat = layer.weight.detach().view(-1);
        const double h = 1e-6;
        for (int i = 0; i < flat.shape[0]; i += 5)
        {
            double old = flat[i].item<double>();
            using (no_grad()) flat[i] = old + h;
            double plus = Loss().item<double>();
            using (no_grad()) flat[i] = old - h;
            double minus = Loss().item<double>();
            using (no_grad()) flat[i] = old;
            Assert.AreEqual((plus - minus) / (2 * h), analytic[i], 1e-6, $"weight {i}");
        }
    }
}
