namespace Coevo.Torch;

// Operations on a tensor, named as in PyTorch. Each returns a new tensor unless its name ends in '_'.
public sealed unsafe partial class Tensor
{
    // ------------------------------------------------------------------ elementwise
    public Tensor neg() => Unary(0);
    public Tensor exp() => Unary(1);
    public Tensor log() => Unary(2);
    public Tensor sqrt() => Unary(3);
    public Tensor abs() => Unary(4);
    public Tensor relu() => Unary(5);
    public Tensor tanh() => Unary(6);
    public Tensor sigmoid() => Unary(7);
    public Tensor sin() => Unary(8);
    public Tensor cos() => Unary(9);
    public Tensor square() => Unary(10);
    public Tensor rsqrt() => Unary(11);
    public Tensor floor() => Unary(12);
    public Tensor ceil() => Unary(13);
    public Tensor round() => Unary(14);
    public Tensor sign() => Unary(15);
    public Tensor clone() => Unary(16);
    public Tensor contiguous() => Unary(17);
    public Tensor logical_not() => Unary(19);
    /// <summary>A copy in channels-last (NHWC) memory layout; the logical shape stays NCHW.</summary>
    public Tensor contiguous_channels_last() => Unary(20);
    public Tensor reciprocal() => Unary(21);
    public Tensor t() => Unary(22);
    public Tensor softplus() => Unary(23);
    public Tensor isnan() => Unary(24);
    public Tensor log1p() => Unary(25);
    public Tensor alias() => Unary(26);

    public Tensor add(Tensor b) => Binary(0, b);
    public Tensor sub(Tensor b) => Binary(1, b);
    public Tensor mul(Tensor b) => Binary(2, b);
    public Tensor div(Tensor b) => Binary(3, b);
    public Tensor pow(Tensor b) => Binary(4, b);
    public Tensor maximum(Tensor b) => Binary(5, b);
    public Tensor minimum(Tensor b) => Binary(6, b);
    public Tensor eq(Tensor b) => Binary(7, b);
    public Tensor ne(Tensor b) => Binary(8, b);
    public Tensor lt(Tensor b) => Binary(9, b);
    public Tensor le(Tensor b) => Binary(10, b);
    public Tensor gt(Tensor b) => Binary(11, b);
    public Tensor ge(Tensor b) => Binary(12, b);
    public Tensor matmul(Tensor b) => Binary(13, b);
    public Tensor logical_and(Tensor b) => Binary(14, b);
    public Tensor logical_or(Tensor b) => Binary(15, b);

    public Tensor add(double s) => Scalar(0, s);
    public Tensor sub(double s) => Scalar(1, s);
    public Tensor mul(double s) => Scalar(2, s);
    public Tensor div(double s) => Scalar(3, s);
    public Tensor pow(double s) => Scalar(4, s);
    public Tensor eq(double s) => Scalar(5, s);
    public Tensor ne(double s) => Scalar(6, s);
    public Tensor lt(double s) => Scalar(7, s);
    public Tensor le(double s) => Scalar(8, s);
    public Tensor gt(double s) => Scalar(9, s);
    public Tensor ge(double s) => Scalar(10, s);
    public Tensor leaky_relu(double negative_slope = 0.01) => Scalar(12, negative_slope);
    public Tensor clamp_min(double min) => Scalar(15, min);
    public Tensor clamp_max(double max) => Scalar(16, max);
    public Tensor clamp(double min, double max) => new(Native.ct_clamp(Handle, min, max));

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator +(Tensor a, double s) => a.add(s);
    public static Tensor operator -(Tensor a, double s) => a.sub(s);
    public static Tensor operator *(Tensor a, double s) => a.mul(s);
    public static Tensor operator /(Tensor a, double s) => a.div(s);
    public static Tensor operator +(double s, Tensor a) => a.add(s);
    public static Tensor operator -(double s, Tensor a) => a.Scalar(11, s);
    public static Tensor operator *(double s, Tensor a) => a.mul(s);
    public static Tensor operator /(double s, Tensor a) => a.Scalar(13, s);
    public static Tensor operator -(Tensor a) => a.neg();

    // ------------------------------------------------------------------ in place
    public Tensor add_(Tensor b, double alpha = 1) => InPlace(0, b, alpha);
    public Tensor mul_(Tensor b) => InPlace(1, b);
    public Tensor copy_(Tensor src) => InPlace(2, src);
    public Tensor add_(double s) => InPlace(3, null, s);
    public Tensor mul_(double s) => InPlace(4, null, s);
    public Tensor fill_(double s) => InPlace(5, null, s);
    public Tensor zero_() => InPlace(6, null);
    public Tensor normal_(double mean = 0, double std = 1) => InPlace(7, null, mean, std);
    public Tensor uniform_(double from = 0, double to = 1) => InPlace(8, null, from, to);
    public Tensor div_(Tensor b) => InPlace(9, b);
    public Tensor sub_(Tensor b) => InPlace(10, b);
    public Tensor clamp_(double min, double max) => InPlace(11, null, min, max);
    /// <summary>Makes this tensor use <paramref name="data"/>'s storage (and device), keeping its identity and autograd flags: PyTorch's <c>t.data = data</c>.</summary>
    public Tensor set_data(Tensor data) => InPlace(14, data);

    private Tensor InPlace(int op, Tensor? b, double s1 = 0, double s2 = 0)
    {
        Native.Check(Native.ct_inplace(op, Handle, HandleOrNull(b), s1, s2));
        return this;
    }

    // ------------------------------------------------------------------ reductions
    public Tensor sum() => Reduce(0, []);
    public Tensor sum(long dim, bool keepdim = false) => Reduce(0, [dim], keepdim);
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(0, dims, keepdim);
    public Tensor mean() => Reduce(1, []);
    public Tensor mean(long dim, bool keepdim = false) => Reduce(1, [dim], keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(1, dims, keepdim);
    public Tensor max() => Reduce(2, []);
    public Tensor max(long dim, bool keepdim = false) => Reduce(2, [dim], keepdim);
    public Tensor min() => Reduce(3, []);
    public Tensor min(long dim, bool keepdim = false) => Reduce(3, [dim], keepdim);
    public Tensor argmax() => Reduce(4, []);
    public Tensor argmax(long dim, bool keepdim = false) => Reduce(4, [dim], keepdim);
    public Tensor argmin() => Reduce(5, []);
    public Tensor argmin(long dim, bool keepdim = false) => Reduce(5, [dim], keepdim);
    /// <summary>Unbiased variance, as torch.var.</summary>
    public Tensor var() => Reduce(6, []);
    public Tensor var(long dim, bool keepdim = false) => Reduce(6, [dim], keepdim);
    public Tensor std() => Reduce(7, []);
    public Tensor std(long dim, bool keepdim = false) => Reduce(7, [dim], keepdim);
    public Tensor prod() => Reduce(8, []);
    public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(9, [dim], keepdim);
    public Tensor softmax(long dim) => Reduce(10, [dim]);
    public Tensor log_softmax(long dim) => Reduce(11, [dim]);
    public Tensor norm() => Reduce(12, []);
    public Tensor any() => Reduce(13, []);
    public Tensor all() => Reduce(14, []);
    public Tensor cumsum(long dim) => Reduce(15, [dim]);

    private Tensor Reduce(int op, long[] dims, bool keepdim = false)
    {
        fixed (long* p = dims) return new(Native.ct_reduce(op, Handle, p, dims.Length, keepdim ? 1 : 0));
    }

    // ------------------------------------------------------------------ shape
    public Tensor reshape(params long[] shape)
    {
        fixed (long* p = shape) return new(Native.ct_reshape(Handle, p, shape.Length));
    }

    public Tensor view(params long[] shape)
    {
        fixed (long* p = shape) return new(Native.ct_view(Handle, p, shape.Length));
    }

    public Tensor expand(params long[] shape)
    {
        fixed (long* p = shape) return new(Native.ct_expand(Handle, p, shape.Length));
    }

    public Tensor permute(params long[] dims)
    {
        fixed (long* p = dims) return new(Native.ct_permute(Handle, p, dims.Length));
    }

    public Tensor transpose(long dim0, long dim1) => new(Native.ct_transpose(Handle, dim0, dim1));
    public Tensor squeeze() => new(Native.ct_squeeze(Handle, 0, 1));
    public Tensor squeeze(long dim) => new(Native.ct_squeeze(Handle, dim, 0));
    public Tensor unsqueeze(long dim) => new(Native.ct_unsqueeze(Handle, dim));
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => new(Native.ct_flatten(Handle, start_dim, end_dim));

    // ------------------------------------------------------------------ indexing
    /// <summary>Elements start, start+step, ... below end along dim (negative positions count from the end).</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => new(Native.ct_slice(Handle, dim, start, end, step));
    public Tensor narrow(long dim, long start, long length) => slice(dim, start, start + length);
    public Tensor select(long dim, long index) => new(Native.ct_select(Handle, dim, index));
    public Tensor index_select(long dim, Tensor index) => new(Native.ct_index_select(Handle, dim, index.Handle));
    public Tensor gather(long dim, Tensor index) => new(Native.ct_gather(Handle, dim, index.Handle));

    /// <summary>PyTorch-style indexing: <c>t[0]</c>, <c>t[1..3]</c>, <c>t[TensorIndex.Colon, 2]</c>. Results are views.</summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            Tensor cur = this;
            long dim = 0;
            foreach (var ix in indices)
            {
                Tensor next;
                if (ix.Single is long i) next = cur.select(dim, i);
                else
                {
                    next = cur.slice(dim, ix.Start ?? 0, ix.Stop ?? long.MaxValue, ix.Step);
                    dim++;
                }
                if (!ReferenceEquals(cur, this)) cur.Dispose();
                cur = next;
            }
            return ReferenceEquals(cur, this) ? alias() : cur;
        }
    }
}
