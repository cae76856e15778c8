using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Coevo.Coevolution.Gradient;

/// <summary>Settings of <see cref="Inpainting"/>.</summary>
/// <param name="Lambda">Weight of the prior loss log(1 − D(G(z))) against the contextual L1 loss (Yeh et al. used 0.003).</param>
/// <param name="Steps">Adam steps on z.</param>
/// <param name="Restarts">Independent starting z optimised together; the one with the lowest loss wins.</param>
/// <param name="LearningRate">Adam's step size on z.</param>
/// <param name="Seed">Seeds the starting z.</param>
/// <param name="RecordEvery">Keep G(z) of the winner every this many steps, for the progress sheet.</param>
public sealed record InpaintingOptions(double Lambda = 0.003, int Steps = 1000, int Restarts = 16, double LearningRate = 0.01, int Seed = 1, int RecordEvery = 100);

/// <summary>What inpainting produced.</summary>
/// <param name="Blend">M ⊙ x + (1 − M) ⊙ G(ẑ): the known pixels kept, the hole filled, [1, C, H, W] in [-1, 1].</param>
/// <param name="Generated">G(ẑ), [1, C, H, W].</param>
/// <param name="Progress">G(z) of the winning restart at step 0, every <see cref="InpaintingOptions.RecordEvery"/> steps and at the end.</param>
/// <param name="ContextualLoss">The winner's contextual loss (mean |M ⊙ (G(z) − x)|) at the same steps as <paramref name="Progress"/>.</param>
public sealed record InpaintingResult(Tensor Blend, Tensor Generated, IReadOnlyList<Tensor> Progress, IReadOnlyList<double> ContextualLoss);

/// <summary>
/// Semantic inpainting by optimising z (Yeh et al. 2016): find ẑ whose image G(ẑ) matches the known pixels of x
/// (contextual loss ‖M ⊙ (G(z) − x)‖₁) while looking real to D (prior loss λ·log(1 − D(G(z)))), then paste the known
/// pixels back. The networks stay fixed (eval mode); only z moves.
/// </summary>
public static class Inpainting
{
    /// <summary>Fills the holes of <paramref name="image"/> [1, C, H, W] in [-1, 1] where <paramref name="mask"/> [1, 1|C, H, W] is 0.</summary>
    public static InpaintingResult Run(IDifferentiableArtist g, IDifferentiableCritic d, Tensor image, Tensor mask, InpaintingOptions o)
    {
        g.Network.eval();
        d.Network.eval();
        var x = image.to(g.Device);
        var m = mask.to(g.Device).expand_as(x);
        var z = new TorchSharp.Modules.Parameter(LatentSpace.Draw(o.Restarts, g.LatentSize, o.Seed).to(g.Device));
        using var adam = torch.optim.Adam([z], o.LearningRate);
        var progress = new List<Tensor>();
        var contextual = new List<double>();
        foreach (var p in g.Network.parameters()) p.requires_grad_(false);
        foreach (var p in d.Network.parameters()) p.requires_grad_(false);
        try
        {
            for (int step = 0; ; step++)
            {
                using var scope = NewDisposeScope();
                adam.zero_grad();
                var generated = g.Generate(z);                                              // [R, C, H, W]
                var context = (m * (generated - x)).abs().flatten(1).sum(1) / m.flatten(1).sum(1).clamp_min(1); // [R]
                var prior = F.logsigmoid(-d.Logits(generated));                              // log(1 - D(G(z))), [R]
                var loss = context + o.Lambda * prior;
                bool record = step % o.RecordEvery == 0 || step == o.Steps;
                if (record)
                {
                    int best = (int)loss.argmin().item<long>();
                    progress.Add(generated[best].unsqueeze(0).detach().cpu().DetachFromDisposeScope());
                    contextual.Add(context[best].item<float>());
                }
                if (step == o.Steps)
                {
                    int best = (int)loss.argmin().item<long>();
                    var fill = generated[best].unsqueeze(0).detach();
                    var blend = m * x + (1 - m) * fill;
                    return new InpaintingResult(blend.cpu().DetachFromDisposeScope(), fill.cpu().DetachFromDisposeScope(), progress, contextual);
                }
                loss.sum().backward();
                adam.step();
            }
        }
        finally
        {
            foreach (var p in g.Network.parameters()) p.requires_grad_(true);
            foreach (var p in d.Network.parameters()) p.requires_grad_(true);
        }
    }
}
