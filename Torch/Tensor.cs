using System.Globalization;
using System.Runtime.InteropServices;

namespace Coevo.Torch;

/// <summary>
/// A libtorch tensor. The native memory is owned by a SafeHandle: dispose it (or let a <see cref="DisposeScope"/> do it);
/// the finalizer is only a safety net. Method names follow PyTorch/TorchSharp.
/// </summary>
public sealed unsafe partial class Tensor : IDisposable
{
    private readonly TensorHandle _handle;

    internal DisposeScope? Scope;

    internal Tensor(IntPtr p)
    {
        _handle = new TensorHandle(Native.Check(p));
        DisposeScope.Current?.Register(this);
    }

    internal TensorHandle Handle => !_handle.IsClosed ? _handle : throw new ObjectDisposedException(nameof(Tensor), "this tensor has been disposed");

    internal static TensorHandle HandleOrNull(Tensor? t) => t is null ? TensorHandle.Null : t.Handle;

    /// <summary>The raw handle value, for passing arrays of tensors to native code (keep the tensors alive meanwhile).</summary>
    internal IntPtr Raw => Handle.DangerousGetHandle();

    public bool IsDisposed => _handle.IsClosed;

    public void Dispose()
    {
        if (_handle.IsClosed) return;
        Scope?.Forget(this);
        Scope = null;
        _handle.Dispose();
    }

    // ------------------------------------------------------------------ metadata
    public long dim() => Native.Check(Native.ct_ndim(Handle));
    public long ndim => dim();

    public long[] shape
    {
        get
        {
            int nd = Native.Check(Native.ct_ndim(Handle));
            var s = new long[nd];
            fixed (long* p = s) Native.Check(Native.ct_shape(Handle, p));
            return s;
        }
    }

    public long size(int dim)
    {
        var s = shape;
        return s[dim < 0 ? dim + s.Length : dim];
    }

    public long numel() => Native.Check(Native.ct_numel(Handle));
    public ScalarType dtype => (ScalarType)Native.Check(Native.ct_dtype(Handle));

    public Device device
    {
        get
        {
            Native.Check(Native.ct_device(Handle, out int type, out int index));
            return new Device((DeviceType)type, index);
        }
    }

    public bool is_contiguous() => Native.Check(Native.ct_is_contiguous(Handle)) != 0;

    // ------------------------------------------------------------------ data out
    /// <summary>Copies the elements out, row-major, converted to <typeparamref name="T"/> (float, double, long, int, bool or byte).</summary>
    public T[] data<T>() where T : unmanaged
    {
        var result = new T[numel()];
        fixed (T* p = result) Native.Check(Native.ct_copy_out(Handle, p, (long)result.Length * sizeof(T), (int)TypeCode<T>()));
        return result;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(long))
        {
            Native.Check(Native.ct_item_long(Handle, out long l));
            return (T)(object)l;
        }
        Native.Check(Native.ct_item(Handle, out double d));
        object o = typeof(T) == typeof(float) ? (float)d
            : typeof(T) == typeof(double) ? d
            : typeof(T) == typeof(int) ? (int)d
            : typeof(T) == typeof(bool) ? d != 0
            : typeof(T) == typeof(byte) ? (byte)d
            : throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
        return (T)o;
    }

    internal static ScalarType TypeCode<T>() =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(byte) ? ScalarType.Byte
        : throw new NotSupportedException($"element type {typeof(T).Name} is not supported");

    // ------------------------------------------------------------------ devices and types
    public Tensor to(Device d) => new(Native.ct_to(Handle, (int)d.type, d.index, -1, 0));
    public Tensor to(string d) => to(Device.Parse(d));
    public Tensor to(ScalarType t) => new(Native.ct_to(Handle, (int)device.type, device.index, (int)t, 0));
    public Tensor cpu() => to(Device.CPU);
    public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));

    // ------------------------------------------------------------------ autograd
    public bool requires_grad
    {
        get => Native.Check(Native.ct_requires_grad(Handle)) != 0;
        set => Native.Check(Native.ct_inplace(12, Handle, TensorHandle.Null, value ? 1 : 0, 0));
    }

    public Tensor requires_grad_(bool on = true)
    {
        requires_grad = on;
        return this;
    }

    /// <summary>The accumulated gradient (a new handle on it each time), or null when there is none.</summary>
    public Tensor? grad
    {
        get
        {
            Native.Check(Native.ct_grad(Handle, out IntPtr g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
    }

    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false) =>
        Native.Check(Native.ct_backward(Handle, HandleOrNull(gradient), retain_graph ? 1 : 0, create_graph ? 1 : 0));

    /// <summary>Drops (or zeroes) the accumulated gradient.</summary>
    public void zero_grad(bool set_to_none = true) => Native.Check(Native.ct_zero_grad(Handle, set_to_none ? 1 : 0));

    public Tensor detach() => Unary(18);

    public Tensor detach_()
    {
        Native.Check(Native.ct_inplace(13, Handle, TensorHandle.Null, 0, 0));
        return this;
    }

    // ------------------------------------------------------------------ dispose-scope helpers (TorchSharp names)
    /// <summary>Moves this tensor from its dispose scope to the enclosing one (or to none).</summary>
    public Tensor MoveToOuterDisposeScope() => Scope?.MoveToOuter(this) ?? this;

    /// <summary>Takes this tensor out of every dispose scope; the caller must dispose it.</summary>
    public Tensor DetachFromDisposeScope() => DisposeScope.Detach(this);

    // ------------------------------------------------------------------ printing
    public override string ToString()
    {
        if (IsDisposed) return "tensor(<disposed>)";
        var s = shape;
        string head = $"tensor([{string.Join(", ", s)}], dtype={dtype}, device={device}";
        if (numel() > 16) return head + ")";
        var v = to(ScalarType.Float64);
        try
        {
            return head + ", values=[" + string.Join(", ", v.data<double>().Select(x => x.ToString("G6", CultureInfo.InvariantCulture))) + "])";
        }
        finally { v.Dispose(); }
    }

    internal Tensor Unary(int op) => new(Native.ct_unary(op, Handle));
    internal Tensor Binary(int op, Tensor b) => new(Native.ct_binary(op, Handle, b.Handle));
    internal Tensor Scalar(int op, double s) => new(Native.ct_scalar(op, Handle, s));

    internal static IntPtr[] Raws(IReadOnlyList<Tensor> ts)
    {
        var r = new IntPtr[ts.Count];
        for (int i = 0; i < r.Length; i++) r[i] = ts[i].Raw;
        return r;
    }
}

/// <summary>One index in <c>tensor[...]</c>: a single position (drops the dimension), a range/slice, or every element.</summary>
public readonly struct TensorIndex
{
    internal readonly long? Single;
    internal readonly long? Start, Stop;
    internal readonly long Step;

    private TensorIndex(long? single, long? start, long? stop, long step)
    {
        Single = single;
        Start = start;
        Stop = stop;
        Step = step;
    }

    public static TensorIndex Colon => new(null, null, null, 1);
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) => new(null, start, stop, step);
    public static TensorIndex Index(long i) => new(i, null, null, 1);

    public static implicit operator TensorIndex(long i) => Index(i);
    public static implicit operator TensorIndex(int i) => Index(i);

    public static implicit operator TensorIndex(Index i) => Index(i.IsFromEnd ? -i.Value : i.Value);

    public static implicit operator TensorIndex(Range r) => new(null,
        r.Start.IsFromEnd ? -r.Start.Value : r.Start.Value,
        r.End.IsFromEnd ? (r.End.Value == 0 ? null : -r.End.Value) : r.End.Value, 1);
}
