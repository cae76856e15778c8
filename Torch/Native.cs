using System.Runtime.InteropServices;

namespace Coevo.Torch;

/// <summary>Owns one native <c>torch::Tensor*</c>; freed exactly once, by Dispose or by the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Stands for "no tensor" (nullptr) in optional arguments; never disposed.</summary>
    public static readonly TensorHandle Null = new(IntPtr.Zero);

    public TensorHandle(IntPtr handle) : base(IntPtr.Zero, true) => SetHandle(handle);
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle()
    {
        Native.ct_free(handle);
        return true;
    }
}

/// <summary>P/Invoke declarations for the C ABI in native/shim.cpp.</summary>
internal static unsafe class Native
{
    private const string Lib = "coevo_torch";

    /// <summary>Throws the pending libtorch error; its message is trimmed to the lines before the C++ backtrace.</summary>
    public static TorchException Error()
    {
        string msg = Marshal.PtrToStringUTF8(ct_last_error()) ?? "unknown libtorch error";
        ct_clear_error();
        var lines = msg.Split('\n').Select(l => l.TrimEnd()).TakeWhile(l => !l.StartsWith("Exception raised from") && !l.StartsWith("frame #")).Where(l => l.Length > 0).Take(6);
        return new TorchException(string.Join("\n", lines));
    }

    public static IntPtr Check(IntPtr p) => p != IntPtr.Zero ? p : throw Error();
    public static int Check(int r) => r >= 0 ? r : throw Error();
    public static long Check(long r) => r >= 0 ? r : throw Error();

    [DllImport(Lib)] public static extern IntPtr ct_last_error();
    [DllImport(Lib)] public static extern void ct_clear_error();
    [DllImport(Lib)] public static extern void ct_free(IntPtr t);
    [DllImport(Lib)] public static extern int ct_ndim(TensorHandle t);
    [DllImport(Lib)] public static extern int ct_shape(TensorHandle t, long* shape);
    [DllImport(Lib)] public static extern long ct_numel(TensorHandle t);
    [DllImport(Lib)] public static extern int ct_dtype(TensorHandle t);
    [DllImport(Lib)] public static extern int ct_device(TensorHandle t, out int type, out int index);
    [DllImport(Lib)] public static extern int ct_is_contiguous(TensorHandle t);

    [DllImport(Lib)] public static extern int ct_manual_seed(ulong seed);
    [DllImport(Lib)] public static extern int ct_set_num_threads(int n);
    [DllImport(Lib)] public static extern int ct_get_num_threads();
    [DllImport(Lib)] public static extern int ct_cuda_is_available();
    [DllImport(Lib)] public static extern int ct_cuda_device_count();
    [DllImport(Lib)] public static extern int ct_set_grad_enabled(int on);
    [DllImport(Lib)] public static extern int ct_is_grad_enabled();
    [DllImport(Lib)] public static extern void ct_set_fast_conv_transpose(int on);
    [DllImport(Lib)] public static extern int ct_set_blas_threads(int n);

    [DllImport(Lib)] public static extern IntPtr ct_new(int kind, long* shape, int nd, double value, int dtype, int devtype, int devidx, int requiresGrad);
    [DllImport(Lib)] public static extern IntPtr ct_arange(double start, double end, double step, int dtype, int devtype, int devidx);
    [DllImport(Lib)] public static extern IntPtr ct_from_data(void* data, long* shape, int nd, int dtype, int devtype, int devidx, int requiresGrad);
    [DllImport(Lib)] public static extern int ct_copy_out(TensorHandle t, void* dst, long nbytes, int dtype);
    [DllImport(Lib)] public static extern int ct_item(TensorHandle t, out double value);
    [DllImport(Lib)] public static extern int ct_item_long(TensorHandle t, out long value);
    [DllImport(Lib)] public static extern IntPtr ct_to(TensorHandle t, int devtype, int devidx, int dtype, int copy);

    [DllImport(Lib)] public static extern IntPtr ct_unary(int op, TensorHandle a);
    [DllImport(Lib)] public static extern IntPtr ct_binary(int op, TensorHandle a, TensorHandle b);
    [DllImport(Lib)] public static extern IntPtr ct_scalar(int op, TensorHandle a, double s);
    [DllImport(Lib)] public static extern IntPtr ct_clamp(TensorHandle a, double lo, double hi);
    [DllImport(Lib)] public static extern IntPtr ct_where(TensorHandle c, TensorHandle a, TensorHandle b);
    [DllImport(Lib)] public static extern int ct_inplace(int op, TensorHandle a, TensorHandle b, double s1, double s2);
    [DllImport(Lib)] public static extern IntPtr ct_reduce(int op, TensorHandle a, long* dims, int nd, int keepdim);

    [DllImport(Lib)] public static extern IntPtr ct_reshape(TensorHandle a, long* shape, int nd);
    [DllImport(Lib)] public static extern IntPtr ct_view(TensorHandle a, long* shape, int nd);
    [DllImport(Lib)] public static extern IntPtr ct_expand(TensorHandle a, long* shape, int nd);
    [DllImport(Lib)] public static extern IntPtr ct_permute(TensorHandle a, long* dims, int nd);
    [DllImport(Lib)] public static extern IntPtr ct_transpose(TensorHandle a, long d0, long d1);
    [DllImport(Lib)] public static extern IntPtr ct_squeeze(TensorHandle a, long dim, int all);
    [DllImport(Lib)] public static extern IntPtr ct_unsqueeze(TensorHandle a, long dim);
    [DllImport(Lib)] public static extern IntPtr ct_flatten(TensorHandle a, long start, long end);
    [DllImport(Lib)] public static extern IntPtr ct_cat(IntPtr* ts, int n, long dim);
    [DllImport(Lib)] public static extern IntPtr ct_stack(IntPtr* ts, int n, long dim);
    [DllImport(Lib)] public static extern IntPtr ct_slice(TensorHandle a, long dim, long start, long end, long step);
    [DllImport(Lib)] public static extern IntPtr ct_select(TensorHandle a, long dim, long index);
    [DllImport(Lib)] public static extern IntPtr ct_index_select(TensorHandle a, long dim, TensorHandle index);
    [DllImport(Lib)] public static extern IntPtr ct_gather(TensorHandle a, long dim, TensorHandle index);
    [DllImport(Lib)] public static extern IntPtr ct_pad(TensorHandle a, long* pads, int n, double value);

    [DllImport(Lib)] public static extern int ct_requires_grad(TensorHandle a);
    [DllImport(Lib)] public static extern int ct_grad(TensorHandle a, out IntPtr grad);
    [DllImport(Lib)] public static extern int ct_zero_grad(TensorHandle a, int setToNone);
    [DllImport(Lib)] public static extern int ct_backward(TensorHandle a, TensorHandle grad, int retainGraph, int createGraph);
    [DllImport(Lib)] public static extern int ct_autograd_grad(IntPtr* outs, int n, IntPtr* ins, int m, IntPtr* gradOuts, int retainGraph, int createGraph, int allowUnused, IntPtr* result);

    [DllImport(Lib)] public static extern IntPtr ct_linear(TensorHandle x, TensorHandle w, TensorHandle b);
    [DllImport(Lib)] public static extern IntPtr ct_conv2d(TensorHandle x, TensorHandle w, TensorHandle b, long sh, long sw, long ph, long pw, long dh, long dw, long groups);
    [DllImport(Lib)] public static extern IntPtr ct_conv_transpose2d(TensorHandle x, TensorHandle w, TensorHandle b, long sh, long sw, long ph, long pw, long oph, long opw, long groups, long dh, long dw);
    [DllImport(Lib)] public static extern IntPtr ct_batch_norm(TensorHandle x, TensorHandle w, TensorHandle b, TensorHandle rm, TensorHandle rv, int training, double momentum, double eps);
    [DllImport(Lib)] public static extern IntPtr ct_dropout(TensorHandle x, double p, int training);
    [DllImport(Lib)] public static extern IntPtr ct_loss(int op, TensorHandle input, TensorHandle target, TensorHandle weight, int reduction);
    [DllImport(Lib)] public static extern IntPtr ct_interpolate(TensorHandle x, long h, long w, double sh, double sw, int mode, int alignCorners);
    [DllImport(Lib)] public static extern IntPtr ct_pool2d(int max, TensorHandle x, long kh, long kw, long sh, long sw, long ph, long pw);

    [DllImport(Lib)] public static extern int ct_adam_step(IntPtr* ps, IntPtr* m, IntPtr* v, int n, double lr, double b1, double b2, double eps, double wd, long step);
    [DllImport(Lib)] public static extern int ct_sgd_step(IntPtr* ps, IntPtr* bufs, int n, double lr, double momentum, double dampening, double wd, int nesterov);
}
