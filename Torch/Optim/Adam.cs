using System.Globalization;

namespace Coevo.Torch.Optim;

/// <summary>
/// Adam (Kingma and Ba 2015) exactly as torch.optim.Adam (amsgrad off, L2 weight decay):
/// m ← β₁m + (1-β₁)g; v ← β₂v + (1-β₂)g²; p ← p - lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + ε). Runs in place in one native call.
/// </summary>
public sealed unsafe class Adam : Optimizer
{
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;

    public double beta1 { get; }
    public double beta2 { get; }
    public double eps { get; }
    public double weight_decay { get; }
    /// <summary>Steps taken so far (shared by all parameters).</summary>
    public long step_count { get; private set; }

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
        : base(parameters, lr)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1) throw new ArgumentException($"invalid Adam betas ({beta1}, {beta2})");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weight_decay = weight_decay;
        _expAvg = Params.Select(ZerosLike).ToArray();
        _expAvgSq = Params.Select(ZerosLike).ToArray();
    }

    private static Tensor ZerosLike(Tensor p) => torch.zeros(p.shape, p.dtype, p.device).DetachFromDisposeScope();

    public override void step()
    {
        step_count++;
        var ps = Tensor.Raws(Params);
        var ms = Tensor.Raws(_expAvg);
        var vs = Tensor.Raws(_expAvgSq);
        fixed (IntPtr* pp = ps)
        fixed (IntPtr* pm = ms)
        fixed (IntPtr* pv = vs)
            Native.Check(Native.ct_adam_step(pp, pm, pv, ps.Length, lr, beta1, beta2, eps, weight_decay, step_count));
        GC.KeepAlive(Params);
        GC.KeepAlive(_expAvg);
        GC.KeepAlive(_expAvgSq);
    }

    public override (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) state_dict()
    {
        var t = new Dictionary<string, Tensor>();
        for (int i = 0; i < Params.Length; i++)
        {
            t[$"state.{i}.exp_avg"] = _expAvg[i];
            t[$"state.{i}.exp_avg_sq"] = _expAvgSq[i];
        }
        var m = new Dictionary<string, string>
        {
            ["optimizer"] = "Adam",
            ["step"] = step_count.ToString(CultureInfo.InvariantCulture),
            ["lr"] = lr.ToString("R", CultureInfo.InvariantCulture),
        };
        return (t, m);
    }

    protected override void LoadState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue("optimizer", out var kind) || kind != "Adam") throw new TorchFileException(path, "not an Adam optimizer state");
        long steps = ReadLong(metadata, "step", path);
        for (int i = 0; i < Params.Length; i++)
        {
            CopyInto(_expAvg[i], tensors, $"state.{i}.exp_avg", path);
            CopyInto(_expAvgSq[i], tensors, $"state.{i}.exp_avg_sq", path);
        }
        step_count = steps;
    }

    public override void Dispose()
    {
        foreach (var t in _expAvg.Concat(_expAvgSq)) t.Dispose();
        base.Dispose();
    }
}
