using System.Globalization;

namespace Coevo.Torch.Optim;

/// <summary>
/// Stochastic gradient descent as torch.optim.SGD: g ← g + wd·p; with momentum b ← μb + (1-dampening)g (b = g on the first step),
/// g ← b (or g + μb with Nesterov); p ← p - lr·g.
/// </summary>
public sealed unsafe class SGD : Optimizer
{
    private readonly IntPtr[] _bufs;   // native momentum buffers, created on the first step
    private readonly Tensor?[] _bufTensors;

    public double momentum { get; }
    public double dampening { get; }
    public double weight_decay { get; }
    public bool nesterov { get; }

    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
        : base(parameters, lr)
    {
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        this.momentum = momentum;
        this.dampening = dampening;
        this.weight_decay = weight_decay;
        this.nesterov = nesterov;
        _bufs = new IntPtr[Params.Length];
        _bufTensors = new Tensor?[Params.Length];
    }

    public override void step()
    {
        var ps = Tensor.Raws(Params);
        for (int i = 0; i < _bufs.Length; i++) _bufs[i] = _bufTensors[i]?.Raw ?? IntPtr.Zero;
        fixed (IntPtr* pp = ps)
        fixed (IntPtr* pb = _bufs)
            Native.Check(Native.ct_sgd_step(pp, pb, ps.Length, lr, momentum, dampening, weight_decay, nesterov ? 1 : 0));
        for (int i = 0; i < _bufs.Length; i++)
            if (_bufTensors[i] is null && _bufs[i] != IntPtr.Zero)
                _bufTensors[i] = new Tensor(_bufs[i]).DetachFromDisposeScope();
        GC.KeepAlive(Params);
        GC.KeepAlive(_bufTensors);
    }

    public override (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) state_dict()
    {
        var t = new Dictionary<string, Tensor>();
        for (int i = 0; i < Params.Length; i++)
            if (_bufTensors[i] is { } b) t[$"state.{i}.momentum_buffer"] = b;
        var m = new Dictionary<string, string>
        {
            ["optimizer"] = "SGD",
            ["lr"] = lr.ToString("R", CultureInfo.InvariantCulture),
        };
        return (t, m);
    }

    protected override void LoadState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue("optimizer", out var kind) || kind != "SGD") throw new TorchFileException(path, "not an SGD optimizer state");
        for (int i = 0; i < Params.Length; i++)
        {
            string name = $"state.{i}.momentum_buffer";
            if (!tensors.ContainsKey(name))
            {
                _bufTensors[i]?.Dispose();
                _bufTensors[i] = null;
                continue;
            }
            _bufTensors[i] ??= torch.zeros(Params[i].shape, Params[i].dtype, Params[i].device).DetachFromDisposeScope();
            CopyInto(_bufTensors[i]!, tensors, name, path);
        }
    }

    public override void Dispose()
    {
        foreach (var t in _bufTensors) t?.Dispose();
        base.Dispose();
    }
}
