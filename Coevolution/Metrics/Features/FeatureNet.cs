using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Coevo.Coevolution.Metrics.Features;

/// <summary>
/// Coevo's own small CNN classifier. Its penultimate layer (<see cref="Features"/>, taken in eval mode) is the
/// feature space in which FID, KID, precision/recall and feature diversity are measured, as Inception-v3's pool layer
/// is for ImageNet-sized pictures. Input: [N, C, H, W] in [0, 1]; any H, W of at least 4 (adaptive pooling).
/// </summary>
public sealed class FeatureNet : Module<Tensor, Tensor>
{
    /// <summary>Channels after each convolution block.</summary>
    public const int Width1 = 16, Width2 = 32, Width3 = 64;

    private readonly Conv2d conv1, conv2, conv3;
    private readonly BatchNorm2d bn1, bn2, bn3;
    private readonly MaxPool2d pool;
    private readonly AdaptiveAvgPool2d squeeze;
    private readonly Linear fc1, fc2;

    /// <summary>Input channels (1 grey or 3 RGB).</summary>
    public int Channels { get; }
    /// <summary>Number of classes the classifier head predicts.</summary>
    public int Classes { get; }
    /// <summary>Length of a feature vector (the penultimate layer's width).</summary>
    public int FeatureDim { get; }

    /// <summary>A network for <paramref name="channels"/>-channel images and <paramref name="classes"/> classes, with parameters drawn from <paramref name="generator"/>.</summary>
    public FeatureNet(int channels, int classes, int featureDim, Generator generator) : base(nameof(FeatureNet))
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 or 3, got {channels}");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), $"a classifier needs at least 2 classes, got {classes}");
        Channels = channels;
        Classes = classes;
        FeatureDim = featureDim;
        conv1 = Conv2d(channels, Width1, 3, padding: 1); // [N, 16, H, W]
        bn1 = BatchNorm2d(Width1);
        pool = MaxPool2d(2);                               // halves H and W
        conv2 = Conv2d(Width1, Width2, 3, padding: 1);     // [N, 32, H/2, W/2]
        bn2 = BatchNorm2d(Width2);
        conv3 = Conv2d(Width2, Width3, 3, padding: 1);     // [N, 64, H/4, W/4]
        bn3 = BatchNorm2d(Width3);
        squeeze = AdaptiveAvgPool2d(3);                    // [N, 64, 3, 3]
        fc1 = Linear(Width3 * 9, featureDim);              // [N, featureDim]: the features
        fc2 = Linear(featureDim, classes);                 // [N, classes]: logits
        RegisterComponents();
        ResetParameters(generator);
    }

    /// <summary>Class logits [N, classes].</summary>
    public override Tensor forward(Tensor x) => fc2.forward(Features(x));

    /// <summary>The penultimate layer [N, FeatureDim] (after its ReLU). Call <c>eval()</c> first when measuring.</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = pool.forward(functional.relu(bn1.forward(conv1.forward(x))));     // [N, 16, H/2, W/2]
        h = pool.forward(functional.relu(bn2.forward(conv2.forward(h))));         // [N, 32, H/4, W/4]
        h = squeeze.forward(functional.relu(bn3.forward(conv3.forward(h))));      // [N, 64, 3, 3]
        return functional.relu(fc1.forward(h.flatten(1))).MoveToOuterDisposeScope(); // [N, featureDim]
    }

    /// <summary>
    /// PyTorch's default initialisation (uniform in ±1/sqrt(fan_in) for weights and biases of convolutions and linear
    /// layers; batch norm starts as the identity), drawn from <paramref name="generator"/> rather than the global one.
    /// </summary>
    private void ResetParameters(Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var layer in new Module[] { conv1, conv2, conv3, fc1, fc2 })
        {
            var weight = layer.get_parameter("weight")!;
            long fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            double bound = 1.0 / Math.Sqrt(fanIn);
            weight.uniform_(-bound, bound, generator);
            layer.get_parameter("bias")!.uniform_(-bound, bound, generator);
        }
    }
}
