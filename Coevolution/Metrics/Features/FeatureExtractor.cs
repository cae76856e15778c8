using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Metrics.Features;

/// <summary>
/// Turns images into feature vectors with a trained <see cref="FeatureNet"/> (its penultimate layer, in eval mode).
/// Images of another size are resized to the network's input, and colour is made grey for a grey network, so any
/// artist's pictures can be compared with the real ones. Load one with <see cref="Load"/>.
/// </summary>
public sealed class FeatureExtractor : IDisposable
{
    /// <summary>The network shipped with Coevo: trained on Fashion-MNIST (see its card for the command and seed).</summary>
    public const string DefaultName = "coevo-fashion-mnist";
    /// <summary>Where shipped networks lie, relative to the program's folder.</summary>
    public const string ShippedFolder = "features";

    private readonly FeatureNet _net;

    /// <summary>What the network is (its card): input size, label for figures, accuracy, provenance.</summary>
    public FeatureNetCard Card { get; }
    /// <summary>Where the network runs.</summary>
    public Device Device { get; }
    /// <summary>Images pushed through the network at once.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Wraps a network and its card; the network is moved to <paramref name="device"/> and put in eval mode.</summary>
    public FeatureExtractor(FeatureNet net, FeatureNetCard card, Device device)
    {
        if (net.Channels != card.Channels || net.FeatureDim != card.FeatureDim)
            throw new ArgumentException($"the card ({card.Channels} channels, {card.FeatureDim} features) does not describe this network ({net.Channels}, {net.FeatureDim})");
        _net = net;
        Card = card;
        Device = device;
        _net.to(device);
        _net.eval();
    }

    /// <summary>
    /// The weights file a name stands for: a shipped network's name (e.g. <c>coevo-fashion-mnist</c>), or a path to a
    /// <c>.safetensors</c> file with its card (<c>.json</c>) beside it.
    /// </summary>
    public static string Resolve(string nameOrPath)
    {
        bool isPath = nameOrPath.Contains('/') || nameOrPath.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);
        if (isPath)
        {
            string path = Path.GetFullPath(nameOrPath);
            if (!File.Exists(path)) throw new InputException("feature network weights not found", nameOrPath);
            return path;
        }
        string shipped = Path.Combine(AppContext.BaseDirectory, ShippedFolder, nameOrPath + ".safetensors");
        if (File.Exists(shipped)) return shipped;
        string folder = Path.GetDirectoryName(shipped)!;
        var known = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.safetensors").Select(Path.GetFileNameWithoutExtension).Order().ToArray() : [];
        throw new InputException($"unknown feature network '{nameOrPath}'; shipped: {string.Join(", ", known)} (or give a path to a .safetensors file made by 'coevo features train')");
    }

    /// <summary>The card beside a weights file.</summary>
    public static string CardPath(string weights) => Path.ChangeExtension(weights, ".json");

    /// <summary>Loads a network by name or path (see <see cref="Resolve"/>) onto <paramref name="device"/>.</summary>
    public static FeatureExtractor Load(string nameOrPath, Device device)
    {
        string weights = Resolve(nameOrPath);
        var card = FeatureNetCard.Read(CardPath(weights));
        string sha = FeatureNetCard.Sha256Of(weights);
        if (!string.Equals(sha, card.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"these weights (sha256 {sha[..12]}…) are not the ones its card {Path.GetFileName(CardPath(weights))} describes ({card.WeightsSha256[..Math.Min(12, card.WeightsSha256.Length)]}…)", weights);
        using var g = new Generator(0);
        var net = new FeatureNet(card.Channels, card.ClassNames.Count, card.FeatureDim, g);
        try
        {
            net.load_safetensors(weights, strict: true);
        }
        catch (Exception e) when (e is not InputException)
        {
            net.Dispose();
            throw new InputException($"cannot read feature network weights: {e.Message}", weights, inner: e);
        }
        return new FeatureExtractor(net, card, device);
    }

    /// <summary>Writes a trained network and its card (the card's <c>WeightsSha256</c> is filled in), each atomically.</summary>
    public static FeatureNetCard Save(FeatureNet net, FeatureNetCard card, string weightsPath)
    {
        IO.AtomicFile.Write(weightsPath, s => net.save_safetensors(s, leaveOpen: true));
        var done = card with { WeightsSha256 = FeatureNetCard.Sha256Of(weightsPath) };
        IO.AtomicFile.WriteAllText(CardPath(weightsPath), done.ToJson());
        return done;
    }

    /// <summary>Features of <paramref name="images"/> (any size; colour is made grey for a grey network).</summary>
    public FeatureMatrix Extract(IReadOnlyList<Image> images) =>
        Extract(images.Count, (i, destination) => Prepare(images[i], destination));

    /// <summary>Features of the images of <paramref name="data"/> at <paramref name="indices"/> (all when null).</summary>
    public FeatureMatrix Extract(IImageDataset data, IReadOnlyList<int>? indices = null)
    {
        int count = indices?.Count ?? data.Count;
        int At(int i) => indices?[i] ?? i;
        if (data.Width == Card.Width && data.Height == Card.Height && data.Channels == Card.Channels)
        {
            // the fast path: the stored bytes are already the network's input
            var one = new int[1];
            return Extract(count, (i, destination) => { one[0] = At(i); data.CopyBatch(one, destination); });
        }
        return Extract(count, (i, destination) => Prepare(data.Get(At(i)), destination));
    }

    /// <summary>
    /// Features [N, FeatureDim] of a batch [N, C, H, W] with values in [0, 1], on <see cref="Device"/> and without
    /// gradients: the path for generators whose samples are tensors already (map [-1, 1] to [0, 1] first). Colour is
    /// made grey (Rec. 601) for a grey network, grey is repeated for a colour one, and other sizes are resized bilinearly.
    /// </summary>
    public Tensor Extract(Tensor images)
    {
        if (images.dim() != 4) throw new ArgumentException($"images must be [N, C, H, W], got [{string.Join(", ", images.shape)}]", nameof(images));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = images.to(ScalarType.Float32, Device);
        long c = x.shape[1];
        if (c == 3 && Card.Channels == 1)
            x = (x[.., 0..1] * 0.299f + x[.., 1..2] * 0.587f + x[.., 2..3] * 0.114f);                 // [N, 1, H, W]
        else if (c == 1 && Card.Channels == 3)
            x = x.expand(-1, 3, -1, -1);                                                                   // [N, 3, H, W]
        else if (c != Card.Channels)
            throw new ArgumentException($"images have {c} channels; the network takes 1 or 3");
        if (x.shape[2] != Card.Height || x.shape[3] != Card.Width)
            x = nn.functional.interpolate(x, [Card.Height, Card.Width], mode: InterpolationMode.Bilinear, align_corners: false); // [N, C, H', W']
        var features = new List<Tensor>();
        for (long start = 0; start < x.shape[0]; start += BatchSize)
            features.Add(_net.Features(x.narrow(0, start, Math.Min(BatchSize, x.shape[0] - start))));
        return cat(features, 0).MoveToOuterDisposeScope();                                               // [N, FeatureDim]
    }

    private FeatureMatrix Extract(int count, Action<int, Span<float>> fill)
    {
        int per = Card.Channels * Card.Height * Card.Width;
        var result = new float[(long)count * Card.FeatureDim];
        var pixels = new float[Math.Min(BatchSize, Math.Max(count, 1)) * per];
        using var noGrad = no_grad();
        for (int start = 0; start < count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(BatchSize, count - start);
            for (int i = 0; i < n; i++) fill(start + i, pixels.AsSpan(i * per, per));
            var batch = n * per == pixels.Length ? pixels : pixels.AsSpan(0, n * per).ToArray();
            var x = tensor(batch, [n, Card.Channels, Card.Height, Card.Width], device: Device);         // [n, C, H, W]
            using var f = _net.Features(x).cpu();                                                        // [n, FeatureDim]
            f.data<float>().CopyTo(result.AsSpan(start * Card.FeatureDim, n * Card.FeatureDim));
        }
        return new FeatureMatrix(result, count, Card.FeatureDim);
    }

    /// <summary>Writes one image as the network's input (resized, grey or RGB planes) into <paramref name="destination"/>.</summary>
    private void Prepare(Image image, Span<float> destination)
    {
        if (image.Width != Card.Width || image.Height != Card.Height) image = image.Resize(Card.Width, Card.Height);
        if (Card.Channels == 1) image.ToGray().CopyTo(destination);
        else image.Data.CopyTo(destination);
    }

    /// <summary>Frees the network's tensors.</summary>
    public void Dispose() => _net.Dispose();
}
