using Coevo.Torch;
using Coevo.Torch.Modules;

namespace Coevo.Bench.Torch;

/// <summary>
/// The DCGAN for 1x28x28 Fashion-MNIST of /work/shared/bench/pytorch_dcgan.py (--arch dcgan28), written as
/// pytorch/examples dcgan/main.py writes its networks. All convolutions are bias-free.
/// </summary>
public static class Dcgan28
{
    public const int Nz = 100;

    /// <summary>z [N, 100, 1, 1] -> image [N, 1, 28, 28] in (-1, 1).</summary>
    public static Sequential Generator() => torch.nn.Sequential(
        // input is Z, going into a convolution
        torch.nn.ConvTranspose2d(Nz, 256, 7, 1, 0, bias: false),
        torch.nn.BatchNorm2d(256),
        torch.nn.ReLU(),
        // state size. 256 x 7 x 7
        torch.nn.ConvTranspose2d(256, 128, 4, 2, 1, bias: false),
        torch.nn.BatchNorm2d(128),
        torch.nn.ReLU(),
        // state size. 128 x 14 x 14
        torch.nn.ConvTranspose2d(128, 1, 4, 2, 1, bias: false),
        torch.nn.Tanh()
        // state size. 1 x 28 x 28
    );

    /// <summary>image [N, 1, 28, 28] -> logit [N].</summary>
    public static Sequential Discriminator() => torch.nn.Sequential(
        // input is 1 x 28 x 28
        torch.nn.Conv2d(1, 64, 4, 2, 1, bias: false),
        torch.nn.LeakyReLU(0.2),
        // state size. 64 x 14 x 14
        torch.nn.Conv2d(64, 128, 4, 2, 1, bias: false),
        torch.nn.BatchNorm2d(128),
        torch.nn.LeakyReLU(0.2),
        // state size. 128 x 7 x 7
        torch.nn.Conv2d(128, 1, 7, 1, 0, bias: false),
        // state size. 1 x 1 x 1
        torch.nn.Flatten(0)
    );

    /// <summary>pytorch/examples weights_init: conv weights N(0, 0.02); batch-norm gamma N(1, 0.02), beta 0.</summary>
    public static void WeightsInit(Module net)
    {
        using var _ = torch.no_grad();
        foreach (var (_, m) in net.named_children())
            switch (m)
            {
                case Conv2d c: c.weight.normal_(0, 0.02); break;
                case ConvTranspose2d c: c.weight.normal_(0, 0.02); break;
                case BatchNorm2d b:
                    b.weight.normal_(1, 0.02);
                    b.bias.zero_();
                    break;
            }
    }

    /// <summary>Analytic multiply-accumulates per image of every (transposed) convolution, as the reference counts them.</summary>
    public static long ConvMacs(Sequential net, long c, long h, long w)
    {
        long total = 0;
        foreach (var (_, m) in net.named_children())
        {
            if (m is Conv2d conv)
            {
                var s = conv.weight.shape; // [Cout, Cin, k, k]
                long k = s[2];
                long ho = (h + 2 * conv.padding - k) / conv.stride + 1, wo = (w + 2 * conv.padding - k) / conv.stride + 1;
                total += ho * wo * s[1] * s[0] * k * k;
                (c, h, w) = (s[0], ho, wo);
            }
            else if (m is ConvTranspose2d ct)
            {
                var s = ct.weight.shape; // [Cin, Cout, k, k]
                long k = s[2];
                total += h * w * s[0] * s[1] * k * k;
                (c, h, w) = (s[1], (h - 1) * ct.stride - 2 * ct.padding + k + ct.output_padding, (w - 1) * ct.stride - 2 * ct.padding + k + ct.output_padding);
            }
        }
        return total;
    }
}
