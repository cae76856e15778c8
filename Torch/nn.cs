#pragma warning disable CS8981 // lower-case type names, as in PyTorch and TorchSharp
using Coevo.Torch.Modules;

namespace Coevo.Torch;

public static partial class torch
{
    /// <summary>Layers (factories for the classes in <see cref="Coevo.Torch.Modules"/>) and <see cref="functional"/>.</summary>
    public static class nn
    {
        public static Linear Linear(long in_features, long out_features, bool bias = true) => new(in_features, out_features, bias);
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, bias);
        public static ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0, bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, output_padding, bias);
        public static BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1) => new(num_features, eps, momentum);
        public static Dropout Dropout(double p = 0.5) => new(p);
        public static ReLU ReLU() => new();
        public static LeakyReLU LeakyReLU(double negative_slope = 0.01) => new(negative_slope);
        public static Tanh Tanh() => new();
        public static Sigmoid Sigmoid() => new();
        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);
        public static Sequential Sequential(params Module<Tensor, Tensor>[] layers) => new(layers);

        /// <summary>Stateless functions, as torch.nn.functional.</summary>
        public static class functional
        {
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                new(Native.ct_linear(input.Handle, weight.Handle, Tensor.HandleOrNull(bias)));

            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
                new(Native.ct_conv2d(input.Handle, weight.Handle, Tensor.HandleOrNull(bias), stride, stride, padding, padding, dilation, dilation, groups));

            /// <summary>
            /// Transposed convolution (weight [Cin, Cout, kH, kW]). k4/s2/p1 runs as an exact sub-pixel 2x2 convolution
            /// and a 1x1 input as a matrix product (both on fast kernels); other settings use libtorch's op.
            /// </summary>
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long output_padding = 0, long groups = 1, long dilation = 1) =>
                new(Native.ct_conv_transpose2d(input.Handle, weight.Handle, Tensor.HandleOrNull(bias), stride, stride, padding, padding, output_padding, output_padding, groups, dilation, dilation));

            /// <summary>Batch normalisation; in training it updates running_mean/var in place with momentum.</summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                new(Native.ct_batch_norm(input.Handle, Tensor.HandleOrNull(weight), Tensor.HandleOrNull(bias), Tensor.HandleOrNull(running_mean), Tensor.HandleOrNull(running_var), training ? 1 : 0, momentum, eps));

            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) => new(Native.ct_dropout(input.Handle, p, training ? 1 : 0));
            public static Tensor relu(Tensor input) => input.relu();
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) => input.leaky_relu(negative_slope);
            public static Tensor tanh(Tensor input) => input.tanh();
            public static Tensor sigmoid(Tensor input) => input.sigmoid();
            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);
            public static Tensor pixel_shuffle(Tensor input, long upscale_factor) => input.Scalar(17, upscale_factor);

            /// <summary>Constant padding; pad lists (left, right) pairs from the last dimension backwards, as F.pad.</summary>
            public static unsafe Tensor pad(Tensor input, long[] pad, double value = 0)
            {
                fixed (long* p = pad) return new(Native.ct_pad(input.Handle, p, pad.Length, value));
            }

            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
                new(Native.ct_loss(0, input.Handle, target.Handle, Tensor.HandleOrNull(weight), (int)reduction));
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(Native.ct_loss(1, input.Handle, target.Handle, TensorHandle.Null, (int)reduction));
            /// <summary>input: [N, C] logits; target: [N] int64 class indices.</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
                new(Native.ct_loss(2, input.Handle, target.Handle, Tensor.HandleOrNull(weight), (int)reduction));
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
                new(Native.ct_loss(3, input.Handle, target.Handle, Tensor.HandleOrNull(weight), (int)reduction));
            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(Native.ct_loss(4, input.Handle, target.Handle, TensorHandle.Null, (int)reduction));
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
                new(Native.ct_loss(5, input.Handle, target.Handle, Tensor.HandleOrNull(weight), (int)reduction));

            /// <summary>Resizes [N, C, H, W] to size (h, w). mode: nearest, bilinear, bicubic, area.</summary>
            public static Tensor interpolate(Tensor input, long[] size, string mode = "nearest", bool align_corners = false) =>
                new(Native.ct_interpolate(input.Handle, size[0], size[1], 0, 0, Mode(mode), align_corners ? 1 : 0));

            public static Tensor interpolate(Tensor input, double scale_factor, string mode = "nearest", bool align_corners = false) =>
                new(Native.ct_interpolate(input.Handle, 0, 0, scale_factor, scale_factor, Mode(mode), align_corners ? 1 : 0));

            public static Tensor avg_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0) =>
                new(Native.ct_pool2d(0, input.Handle, kernel_size, kernel_size, stride ?? kernel_size, stride ?? kernel_size, padding, padding));
            public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0) =>
                new(Native.ct_pool2d(1, input.Handle, kernel_size, kernel_size, stride ?? kernel_size, stride ?? kernel_size, padding, padding));

            private static int Mode(string mode) => mode switch
            {
                "nearest" => 0,
                "bilinear" => 1,
                "bicubic" => 2,
                "area" => 3,
                _ => throw new ArgumentException($"interpolate: unknown mode '{mode}' (nearest, bilinear, bicubic, area)"),
            };
        }
    }
}

/// <summary>How a loss reduces over the batch.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
