#pragma warning disable CS8981 // lower-case type names, as in PyTorch and TorchSharp
namespace Coevo.Torch;

/// <summary>The entry point, named as in PyTorch/TorchSharp: <c>torch.zeros(...)</c>, <c>torch.nn.Linear(...)</c>, <c>torch.optim.Adam(...)</c>.</summary>
public static unsafe partial class torch
{
    public static readonly ScalarType float32 = ScalarType.Float32;
    public static readonly ScalarType int64 = ScalarType.Int64;
    public static readonly ScalarType @bool = ScalarType.Bool;
    public static readonly ScalarType float64 = ScalarType.Float64;

    public static readonly Device CPU = Device.CPU;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>.</summary>
    public static Device device(string spec) => Device.Parse(spec);

    // ------------------------------------------------------------------ factories
    public static Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false) => New(0, shape, 0, dtype, device, requires_grad);
    public static Tensor zeros(params long[] shape) => zeros(shape, ScalarType.Float32);
    public static Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false) => New(1, shape, 0, dtype, device, requires_grad);
    public static Tensor ones(params long[] shape) => ones(shape, ScalarType.Float32);
    public static Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false) => New(2, shape, value, dtype, device, requires_grad);
    /// <summary>Standard normal samples from libtorch's default generator (see <see cref="manual_seed"/>).</summary>
    public static Tensor randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false) => New(3, shape, 0, dtype, device, requires_grad);
    public static Tensor randn(params long[] shape) => randn(shape, ScalarType.Float32);
    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false) => New(4, shape, 0, dtype, device, requires_grad);
    public static Tensor rand(params long[] shape) => rand(shape, ScalarType.Float32);
    public static Tensor empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => New(5, shape, 0, dtype, device, false);

    public static Tensor arange(double end, ScalarType dtype = ScalarType.Int64, Device? device = null) => arange(0, end, 1, dtype, device);
    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(Native.ct_arange(start, end, step, (int)dtype, (int)d.type, d.index));
    }

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>, shaped <paramref name="shape"/> (1-D if omitted).</summary>
    public static Tensor tensor(float[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) => FromData(data, shape, device, requires_grad);
    /// <summary>An int64 tensor (labels, indices).</summary>
    public static Tensor tensor(long[] data, long[]? shape = null, Device? device = null) => FromData(data, shape, device, false);
    public static Tensor tensor(double[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) => FromData(data, shape, device, requires_grad);
    public static Tensor tensor(bool[] data, long[]? shape = null, Device? device = null) => FromData(data, shape, device, false);
    public static Tensor tensor(float value) => FromData(new[] { value }, [], null, false);

    /// <summary>Wraps raw bytes of the given element type (used by the safetensors reader).</summary>
    internal static Tensor FromBytes(ReadOnlySpan<byte> bytes, ScalarType dtype, long[] shape)
    {
        fixed (byte* p = bytes)
        fixed (long* s = shape)
            return new Tensor(Native.ct_from_data(p, s, shape.Length, (int)dtype, 0, 0, 0));
    }

    private static Tensor FromData<T>(T[] data, long[]? shape, Device? device, bool requires_grad) where T : unmanaged
    {
        shape ??= [data.LongLength];
        long n = 1;
        foreach (var s in shape) n *= s;
        if (n != data.LongLength) throw new ArgumentException($"tensor: {data.LongLength} values do not fill shape [{string.Join(", ", shape)}]");
        var d = device ?? Device.CPU;
        fixed (T* p = data)
        fixed (long* s = shape)
            return new Tensor(Native.ct_from_data(p, s, shape.Length, (int)Tensor.TypeCode<T>(), (int)d.type, d.index, requires_grad ? 1 : 0));
    }

    private static Tensor New(int kind, long[] shape, double value, ScalarType dtype, Device? device, bool requires_grad)
    {
        var d = device ?? Device.CPU;
        fixed (long* s = shape) return new Tensor(Native.ct_new(kind, s, shape.Length, value, (int)dtype, (int)d.type, d.index, requires_grad ? 1 : 0));
    }

    // ------------------------------------------------------------------ functions of several tensors
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var raws = Tensor.Raws(tensors);
        fixed (IntPtr* p = raws)
        {
            var r = new Tensor(Native.ct_cat(p, raws.Length, dim));
            GC.KeepAlive(tensors);
            return r;
        }
    }

    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var raws = Tensor.Raws(tensors);
        fixed (IntPtr* p = raws)
        {
            var r = new Tensor(Native.ct_stack(p, raws.Length, dim));
            GC.KeepAlive(tensors);
            return r;
        }
    }

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor where(Tensor condition, Tensor a, Tensor b) => new(Native.ct_where(condition.Handle, a.Handle, b.Handle));
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor exp(Tensor a) => a.exp();
    public static Tensor log(Tensor a) => a.log();
    public static Tensor tanh(Tensor a) => a.tanh();
    public static Tensor sigmoid(Tensor a) => a.sigmoid();

    // ------------------------------------------------------------------ global state
    /// <summary>Seeds libtorch's default CPU (and CUDA) generators.</summary>
    public static void manual_seed(ulong seed) => Native.Check(Native.ct_manual_seed(seed));

    /// <summary>libtorch's intra-op (OpenMP) thread count. OpenBLAS's pool is separate: see <see cref="set_blas_threads"/>.</summary>
    public static void set_num_threads(int n) => Native.Check(Native.ct_set_num_threads(n));
    public static int get_num_threads() => Native.Check(Native.ct_get_num_threads());

    /// <summary>Sets OpenBLAS's own pthread pool size (returns the new size, or 0 when libtorch does not use OpenBLAS).</summary>
    public static int set_blas_threads(int n) => Native.ct_set_blas_threads(n);

    /// <summary>Whether ConvTranspose2d may use Coevo's exact fast paths (sub-pixel convolution, 1x1-input matmul) on this thread; on by default.</summary>
    public static void set_fast_conv_transpose(bool on) => Native.ct_set_fast_conv_transpose(on ? 1 : 0);

    public static bool is_grad_enabled() => Native.ct_is_grad_enabled() != 0;

    /// <summary>Turns autograd recording off on this thread until the returned scope is disposed.</summary>
    public static IDisposable no_grad() => new GradMode(false);
    public static IDisposable enable_grad() => new GradMode(true);

    /// <summary>Opens a scope that disposes every tensor created on this thread until it ends (see <see cref="DisposeScope"/>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    private sealed class GradMode : IDisposable
    {
        private readonly bool _previous;
        private bool _done;
        public GradMode(bool on) => _previous = Native.Check(Native.ct_set_grad_enabled(on ? 1 : 0)) != 0;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Native.ct_set_grad_enabled(_previous ? 1 : 0);
        }
    }

    /// <summary>CUDA queries.</summary>
    public static class cuda
    {
        public static bool is_available() => Native.Check(Native.ct_cuda_is_available()) != 0;
        public static int device_count() => Native.Check(Native.ct_cuda_device_count());
    }

    /// <summary>Functional autograd.</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of sum(outputs[i] * grad_outputs[i]) with respect to each input, as torch.autograd.grad.
        /// With create_graph the results are differentiable themselves (gradient penalties). Unused inputs give null when allow_unused.
        /// </summary>
        public static Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor>? grad_outputs = null,
            bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
        {
            var o = Tensor.Raws(outputs);
            var i = Tensor.Raws(inputs);
            var g = grad_outputs is null ? null : Tensor.Raws(grad_outputs);
            var r = new IntPtr[i.Length];
            fixed (IntPtr* po = o)
            fixed (IntPtr* pi = i)
            fixed (IntPtr* pg = g)
            fixed (IntPtr* pr = r)
                Native.Check(Native.ct_autograd_grad(po, o.Length, pi, i.Length, pg, retain_graph ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, pr));
            GC.KeepAlive(outputs);
            GC.KeepAlive(inputs);
            GC.KeepAlive(grad_outputs);
            return r.Select(p => p == IntPtr.Zero ? null : new Tensor(p)).ToArray();
        }
    }
}
