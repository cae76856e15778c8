using Coevo.Torch.Serialization;

namespace Coevo.Torch.Modules;

/// <summary>
/// A network part with named parameters, buffers and sub-modules, as torch.nn.Module. Sub-classes register what they own
/// explicitly in their constructor (no reflection). Parameters and buffers live outside dispose scopes; dispose the module to free them.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Value)> _parameters = new();
    private readonly List<(string Name, Tensor Value)> _buffers = new();
    private readonly List<(string Name, Module Value)> _modules = new();

    public bool training { get; private set; } = true;

    protected Tensor register_parameter(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        value.requires_grad = true;
        _parameters.Add((name, value));
        return value;
    }

    protected Tensor register_buffer(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        _buffers.Add((name, value));
        return value;
    }

    protected TModule register_module<TModule>(string name, TModule module) where TModule : Module
    {
        CheckName(name);
        _modules.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"bad member name '{name}'");
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _modules.Any(m => m.Name == name))
            throw new ArgumentException($"'{name}' is already registered");
    }

    /// <summary>Parameters with dotted names (e.g. <c>0.weight</c>), in registration order, sub-modules after own ones.</summary>
    public IEnumerable<(string name, Tensor parameter)> named_parameters()
    {
        foreach (var (n, p) in _parameters) yield return (n, p);
        foreach (var (mn, m) in _modules)
            foreach (var (n, p) in m.named_parameters()) yield return ($"{mn}.{n}", p);
    }

    public IEnumerable<Tensor> parameters() => named_parameters().Select(p => p.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers()
    {
        foreach (var (n, b) in _buffers) yield return (n, b);
        foreach (var (mn, m) in _modules)
            foreach (var (n, b) in m.named_buffers()) yield return ($"{mn}.{n}", b);
    }

    public IEnumerable<(string name, Module module)> named_children() => _modules.Select(m => (m.Name, m.Value));

    /// <summary>Switches training behaviour (dropout, batch-norm statistics) on or off, recursively.</summary>
    public Module train(bool on = true)
    {
        training = on;
        foreach (var (_, m) in _modules) m.train(on);
        return this;
    }

    public Module eval() => train(false);

    /// <summary>Drops every parameter's gradient.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (var p in parameters()) p.zero_grad(set_to_none);
    }

    /// <summary>Moves parameters and buffers to a device in place (the Tensor objects stay the same, as in PyTorch).</summary>
    public Module to(Device device)
    {
        foreach (var (_, t) in named_parameters().Concat(named_buffers()))
        {
            using var moved = t.detach().to(device);
            using (torch.no_grad()) t.set_data(moved);
        }
        return this;
    }

    /// <summary>Parameters then buffers by dotted name; the values are the module's own tensors (not copies).</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var (n, p) in named_parameters()) d[n] = p;
        foreach (var (n, b) in named_buffers()) d[n] = b;
        return d;
    }

    /// <summary>Copies values in; with strict, missing or unexpected names are errors. Shapes must match.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        var own = state_dict();
        if (strict)
        {
            var missing = own.Keys.Where(k => !source.ContainsKey(k)).ToList();
            var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new ArgumentException($"load_state_dict: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        using var _ = torch.no_grad();
        foreach (var (name, t) in own)
        {
            if (!source.TryGetValue(name, out var src)) continue;
            if (!src.shape.SequenceEqual(t.shape))
                throw new ArgumentException($"load_state_dict: '{name}' has shape [{string.Join(", ", src.shape)}], expected [{string.Join(", ", t.shape)}]");
            t.copy_(src);
        }
    }

    /// <summary>Writes the state dict as a safetensors file (readable by Python's safetensors).</summary>
    public void save(string path) => Safetensors.Save(path, state_dict());

    /// <summary>Loads a safetensors file written by <see cref="save"/> (or by Python); bad files throw <see cref="TorchFileException"/>.</summary>
    public void load(string path, bool strict = true)
    {
        var loaded = Safetensors.Load(path);
        try
        {
            load_state_dict(loaded, strict);
        }
        catch (ArgumentException e)
        {
            throw new TorchFileException(path, e.Message);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    public virtual void Dispose()
    {
        foreach (var (_, p) in _parameters) p.Dispose();
        foreach (var (_, b) in _buffers) b.Dispose();
        foreach (var (_, m) in _modules) m.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A module with a typed forward pass; call it with <see cref="call"/> (or <see cref="forward"/>).</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut forward(TIn input);
    public TOut call(TIn input) => forward(input);
}
