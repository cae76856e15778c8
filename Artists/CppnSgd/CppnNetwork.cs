using Coevo.Artists.Cppn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Coevo.Artists.CppnSgd;

/// <summary>
/// A CPPN as a TorchSharp module: every pixel's coordinates (cppn-x's x, y, d = 1.4·|(x, y)| and bias 1), with an
/// optional latent vector z repeated at every pixel, go through fully connected layers whose units cycle through
/// CPPN activations (in blocks), to one output node "ink" with cppn-x's signed sigmoid. The weights are parameters, so the
/// picture is learnt by SGD instead of evolved; z makes it a generator of many pictures. Pixels come from ink as an
/// evolved CPPN's do (<see cref="CppnPixels"/>).
/// </summary>
public sealed class CppnNetwork : Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly Linear output;
    private readonly Activation[] _activations;
    private readonly Dictionary<(int, int, int), Tensor> _grids = [];

    /// <summary>Length of z (0: one fixed picture).</summary>
    public int LatentSize { get; }
    /// <summary>Output side in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>A CPPN with hidden layers of <paramref name="widths"/> units, split evenly into blocks, one per activation.</summary>
    public CppnNetwork(int imageSize, int latentSize, IReadOnlyList<int> widths, IReadOnlyList<Activation> activations) : base(nameof(CppnNetwork))
    {
        if (activations.Count == 0) throw new ArgumentException("a CPPN needs at least one activation");
        ImageSize = imageSize;
        LatentSize = latentSize;
        _activations = activations.ToArray();
        foreach (var a in _activations) TorchActivations.Apply(a, torch.zeros(1)).Dispose(); // rejects step early
        var list = new List<Linear>();
        int inputs = 4 + latentSize; // x, y, d, bias, z
        foreach (int w in widths)
        {
            list.Add(Linear(inputs, w)); // [N, P, inputs] -> [N, P, w]
            inputs = w;
        }
        layers = ModuleList(list.ToArray());
        output = Linear(inputs, 1);      // [N, P, last] -> [N, P, 1]
        RegisterComponents();
    }

    /// <summary>z [N, LatentSize] (width 0 when there is no latent input) -> ink [N, 1, ImageSize, ImageSize] in (−1, 1).</summary>
    public override Tensor forward(Tensor z) => Ink(z, ImageSize);

    /// <summary>The same pictures at any <paramref name="size"/>: a CPPN is a function of the coordinates, not of pixels.</summary>
    public Tensor Ink(Tensor z, int size)
    {
        using var scope = NewDisposeScope();
        long n = z.shape[0], pixels = (long)size * size;
        var grid = Grid(size, z.device).unsqueeze(0).expand(n, pixels, 4);                 // [N, P, 4]
        var h = LatentSize == 0 ? grid : torch.cat([grid, z.unsqueeze(1).expand(n, pixels, LatentSize)], 2); // [N, P, 4 + nz]
        foreach (var layer in layers)
            h = Activate(layer.call(h));                                                    // [N, P, w]
        var ink = (output.call(h) / 2).tanh();                                              // cppn-x sigmoid, [N, P, 1]
        return ink.view(n, 1, size, size).MoveToOuterDisposeScope();                      // [N, 1, H, W]
    }

    /// <summary>The units of the last dimension in as-even-as-possible contiguous blocks, block a through activations[a].</summary>
    private Tensor Activate(Tensor h)
    {
        int k = _activations.Length;
        if (k == 1) return TorchActivations.Apply(_activations[0], h);
        long width = h.shape[^1];
        var sizes = Enumerable.Range(0, k).Select(a => width / k + (a < width % k ? 1 : 0)).Where(n => n > 0).ToArray();
        var blocks = h.split(sizes, -1);
        return torch.cat(blocks.Select((block, a) => TorchActivations.Apply(_activations[a], block)).ToArray(), -1);
    }

    /// <summary>cppn-x's pixel coordinates [P, 4]: x = i/(W/2) − 1, y = j/(H/2) − 1, d = 1.4·sqrt(x² + y²), bias = 1.</summary>
    private Tensor Grid(int s, Device device)
    {
        var key = (s, (int)device.type, device.index);
        if (_grids.TryGetValue(key, out var cached)) return cached;
        var data = new float[s * s * 4];
        for (int j = 0; j < s; j++)
            for (int i = 0; i < s; i++)
            {
                double x = i / (s / 2.0) - 1, y = j / (s / 2.0) - 1;
                int k = (j * s + i) * 4;
                data[k] = (float)x;
                data[k + 1] = (float)y;
                data[k + 2] = (float)(MathF.Sqrt((float)(x * x + y * y)) * 1.4);
                data[k + 3] = 1f;
            }
        var grid = torch.tensor(data, [s * s, 4], device: device).DetachFromDisposeScope();
        _grids[key] = grid;
        return grid;
    }
}
