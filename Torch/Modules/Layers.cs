using F = Coevo.Torch.torch.nn.functional;

namespace Coevo.Torch.Modules;

/// <summary>y = x Wᵀ + b. Weight [out, in], initialised as PyTorch does: U(-1/√in, 1/√in).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Tensor weight { get; }
    public Tensor? bias { get; }

    public Linear(long in_features, long out_features, bool hasBias = true)
    {
        double bound = 1.0 / Math.Sqrt(in_features);
        weight = register_parameter("weight", torch.empty([out_features, in_features]).uniform_(-bound, bound));
        if (hasBias) bias = register_parameter("bias", torch.empty([out_features]).uniform_(-bound, bound));
    }

    // [*, in] -> [*, out]
    public override Tensor forward(Tensor x) => F.linear(x, weight, bias);
}

/// <summary>2-D convolution. Weight [Cout, Cin, k, k], initialised as PyTorch does: U(-1/√(Cin·k²), +).</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    public Tensor weight { get; }
    public Tensor? bias { get; }
    public long stride { get; }
    public long padding { get; }

    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, bool hasBias = true)
    {
        this.stride = stride;
        this.padding = padding;
        double bound = 1.0 / Math.Sqrt(in_channels * kernel_size * kernel_size);
        weight = register_parameter("weight", torch.empty([out_channels, in_channels, kernel_size, kernel_size]).uniform_(-bound, bound));
        if (hasBias) bias = register_parameter("bias", torch.empty([out_channels]).uniform_(-bound, bound));
    }

    // [N, Cin, H, W] -> [N, Cout, (H + 2p - k)/s + 1, (W + 2p - k)/s + 1]
    public override Tensor forward(Tensor x) => F.conv2d(x, weight, bias, stride, padding);
}

/// <summary>Transposed 2-D convolution. Weight [Cin, Cout, k, k]; PyTorch's init (fan-in taken from dim 1: Cout·k²).</summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    public Tensor weight { get; }
    public Tensor? bias { get; }
    public long stride { get; }
    public long padding { get; }
    public long output_padding { get; }

    public ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0, bool hasBias = true)
    {
        this.stride = stride;
        this.padding = padding;
        this.output_padding = output_padding;
        double bound = 1.0 / Math.Sqrt(out_channels * kernel_size * kernel_size);
        weight = register_parameter("weight", torch.empty([in_channels, out_channels, kernel_size, kernel_size]).uniform_(-bound, bound));
        if (hasBias) bias = register_parameter("bias", torch.empty([out_channels]).uniform_(-bound, bound));
    }

    // [N, Cin, H, W] -> [N, Cout, (H - 1)s - 2p + k + op, (W - 1)s - 2p + k + op]
    public override Tensor forward(Tensor x) => F.conv_transpose2d(x, weight, bias, stride, padding, output_padding);
}

/// <summary>Batch normalisation over [N, C, H, W] per channel, with running statistics for eval mode.</summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    public Tensor weight { get; }
    public Tensor bias { get; }
    public Tensor running_mean { get; }
    public Tensor running_var { get; }
    public Tensor num_batches_tracked { get; }
    public double eps { get; }
    public double momentum { get; }

    public BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1)
    {
        this.eps = eps;
        this.momentum = momentum;
        weight = register_parameter("weight", torch.ones(num_features));
        bias = register_parameter("bias", torch.zeros(num_features));
        running_mean = register_buffer("running_mean", torch.zeros(num_features));
        running_var = register_buffer("running_var", torch.ones(num_features));
        num_batches_tracked = register_buffer("num_batches_tracked", torch.zeros([], ScalarType.Int64));
    }

    // [N, C, H, W] -> [N, C, H, W]
    public override Tensor forward(Tensor x)
    {
        if (training) num_batches_tracked.add_(1);
        return F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps);
    }
}

/// <summary>Zeroes each element with probability p in training and scales the rest by 1/(1-p).</summary>
public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x) => F.dropout(x, p, training);
}

/// <summary>max(0, x).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x) => x.relu();
}

/// <summary>x for x ≥ 0, slope·x otherwise.</summary>
public sealed class LeakyReLU(double negative_slope = 0.01) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x) => x.leaky_relu(negative_slope);
}

/// <summary>tanh(x).</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x) => x.tanh();
}

/// <summary>1 / (1 + e^-x).</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x) => x.sigmoid();
}

/// <summary>Flattens dimensions start..end into one.</summary>
public sealed class Flatten(long start_dim = 1, long end_dim = -1) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x) => x.flatten(start_dim, end_dim);
}

/// <summary>Runs its layers in order; they are named 0, 1, 2, ... in the state dict, as in PyTorch.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor>[] _layers;

    public Sequential(params Module<Tensor, Tensor>[] layers)
    {
        _layers = layers;
        for (int i = 0; i < layers.Length; i++) register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]);
    }

    public int Count => _layers.Length;
    public Module<Tensor, Tensor> this[int i] => _layers[i];

    /// <summary>Intermediate results are disposed as soon as the next layer has consumed them.</summary>
    public override Tensor forward(Tensor x)
    {
        Tensor cur = x;
        foreach (var layer in _layers)
        {
            var next = layer.forward(cur);
            if (!ReferenceEquals(cur, x)) cur.Dispose();
            cur = next;
        }
        return ReferenceEquals(cur, x) ? x.alias() : cur;
    }
}
