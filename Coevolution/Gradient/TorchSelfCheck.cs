using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Proves that TorchSharp's native libraries load and compute: a forward and backward pass whose gradient is known in
/// closed form. <c>coevo info</c> runs it, so a user (and a test, in a fresh process) can see that the build's
/// patched libtorch works on this machine.
/// </summary>
public static class TorchSelfCheck
{
    /// <summary>y = Σ (W x)², so ∂y/∂x = 2 Wᵀ W x; for the W and x below that is [13.5, -9, 16.5].</summary>
    public static (bool Ok, string Detail) Run(Device device)
    {
        using var scope = NewDisposeScope();
        var w = torch.tensor(new float[] { 0.5f, -1f, 2f, 3f, 0f, -0.5f }, [2, 3], device: device);
        var x = torch.tensor(new float[] { 1f, 2f, 3f }, [3, 1], device: device).requires_grad_(true);
        var y = w.matmul(x).pow(2).sum();
        y.backward();
        float[] grad = x.grad!.cpu().data<float>().ToArray();
        float[] expected = [13.5f, -9f, 16.5f];
        bool ok = Math.Abs(y.cpu().item<float>() - 22.5f) < 1e-5 && grad.Zip(expected).All(p => Math.Abs(p.First - p.Second) < 1e-5);
        return (ok, $"y = {y.cpu().item<float>()} (expected 22.5), dy/dx = [{string.Join(", ", grad)}] (expected [13.5, -9, 16.5])");
    }
}
