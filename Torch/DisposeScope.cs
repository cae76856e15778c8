namespace Coevo.Torch;

/// <summary>
/// Collects the tensors created on this thread while it is the innermost open scope and disposes them when it ends,
/// as TorchSharp's <c>torch.NewDisposeScope()</c> does. Keep a result with <see cref="MoveToOuter"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static List<DisposeScope>? _stack;

    private readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    internal DisposeScope()
    {
        (_stack ??= new List<DisposeScope>()).Add(this);
    }

    internal static DisposeScope? Current => _stack is { Count: > 0 } s ? s[^1] : null;

    /// <summary>How many live tensors this scope will dispose.</summary>
    public int Count => _tensors.Count;

    internal void Register(Tensor t)
    {
        _tensors.Add(t);
        t.Scope = this;
    }

    internal void Forget(Tensor t) => _tensors.Remove(t);

    /// <summary>Hands <paramref name="t"/> to the enclosing scope (or to no scope) and returns it.</summary>
    public Tensor MoveToOuter(Tensor t)
    {
        if (t.Scope != this) return t;
        _tensors.Remove(t);
        t.Scope = null;
        int i = _stack!.IndexOf(this);
        if (i > 0) _stack[i - 1].Register(t);
        return t;
    }

    /// <summary>Removes <paramref name="t"/> from every scope; the caller now owns it.</summary>
    public static Tensor Detach(Tensor t)
    {
        t.Scope?.Forget(t);
        t.Scope = null;
        return t;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stack?.Remove(this);
        foreach (var t in _tensors)
        {
            t.Scope = null;
            t.Dispose();
        }
        _tensors.Clear();
    }
}
