using Coevo.Torch;
using Coevo.Torch.Optim;

namespace Coevo.Tests.Torch;

/// <summary>Optimiser steps against the update formulas of torch.optim, computed here in double precision.</summary>
[TestClass]
public class OptimTests
{
    private static readonly double[] P0 = [0.5, -1.0, 2.0];
    private static readonly double[] C = [0.3, -0.7, 1.1]; // loss = sum(c * p^2)/2 -> grad = c * p

    private static void Backward(Tensor p)
    {
        using var scope = torch.NewDisposeScope();
        (torch.tensor(C.Select(x => (float)x).ToArray()) * p.square()).sum().div(2).backward();
    }

    private static Tensor Param() => torch.tensor(P0.Select(x => (float)x).ToArray(), requires_grad: true);

    [TestMethod]
    public void Adam_FollowsItsFormula()
    {
        using var p = Param();
        double lr = 0.1, b1 = 0.5, b2 = 0.999, eps = 1e-8, wd = 0.01;
        using var opt = new Adam([p], lr, b1, b2, eps, wd);
        var x = (double[])P0.Clone();
        var m = new double[3];
        var v = new double[3];
        for (int t = 1; t <= 4; t++)
        {
            opt.zero_grad();
            Backward(p);
            opt.step();
            for (int i = 0; i < 3; i++)
            {
                double g = C[i] * x[i] + wd * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mhat = m[i] / (1 - Math.Pow(b1, t));
                double denom = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps;
                x[i] -= lr * mhat / denom * 1.0;
            }
            var actual = p.data<float>();
            for (int i = 0; i < 3; i++) Assert.AreEqual(x[i], actual[i], 1e-5, $"step {t} element {i}");
        }
        Assert.AreEqual(4L, opt.step_count);
    }

    [TestMethod]
    public void Sgd_WithMomentumAndDampening_FollowsItsFormula()
    {
        foreach (bool nesterov in new[] { false, true })
        {
            using var p = Param();
            double lr = 0.1, mu = 0.9, damp = nesterov ? 0 : 0.2, wd = 0.05;
            using var opt = new SGD([p], lr, mu, damp, wd, nesterov);
            var x = (double[])P0.Clone();
            var buf = new double[3];
            for (int t = 1; t <= 4; t++)
            {
                opt.zero_grad();
                Backward(p);
                opt.step();
                for (int i = 0; i < 3; i++)
                {
                    double g = C[i] * x[i] + wd * x[i];
                    buf[i] = t == 1 ? g : mu * buf[i] + (1 - damp) * g;
                    double d = nesterov ? g + mu * buf[i] : buf[i];
                    x[i] -= lr * d;
                }
                var actual = p.data<float>();
                for (int i = 0; i < 3; i++) Assert.AreEqual(x[i], actual[i], 1e-5, $"nesterov={nesterov} step {t} element {i}");
            }
        }
    }

    [TestMethod]
    public void PlainSgd_IsGradientDescent()
    {
        using var p = Param();
        using var opt = new SGD([p], 0.5);
        Backward(p);
        opt.step();
        var a = p.data<float>();
        for (int i = 0; i < 3; i++) Assert.AreEqual(P0[i] - 0.5 * C[i] * P0[i], a[i], 1e-6);
    }

    [TestMethod]
    public void ParametersWithoutGradients_AreLeftAlone()
    {
        using var p = Param();
        using var q = Param();
        using var opt = new Adam([p, q], 0.1);
        Backward(p);
        opt.step();
        CollectionAssert.AreEqual(P0.Select(x => (float)x).ToArray(), q.data<float>());
        CollectionAssert.AreNotEqual(P0.Select(x => (float)x).ToArray(), p.data<float>());
    }
}
