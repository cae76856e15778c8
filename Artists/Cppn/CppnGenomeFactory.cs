using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// Initial population. Without a seed: Picbreeder's start — every input (x, y, d, bias) linked to every output with
/// weights U(−range, range), random output activations, then a few add-node mutations.
/// With a seed genome (e.g. an imported Picbreeder genome): mutated copies of it (the first call returns the seed itself).
/// </summary>
public sealed class CppnGenomeFactory : IGenomeFactory<CppnGenome>
{
    private readonly ColorMode _color;
    private readonly InnovationTracker _tracker;
    private readonly IReadOnlyList<Activation> _activations;
    private readonly double _weightRange;
    private readonly int _initialHidden;
    private readonly CppnGenome? _seed;
    private readonly IMutation<CppnGenome> _seedMutation;
    private int _created;

    /// <summary>A factory; the tracker is advanced past the fixed input/output ids and past the seed's markings.</summary>
    public CppnGenomeFactory(ColorMode color, InnovationTracker tracker, IReadOnlyList<Activation> activations,
        double weightRange = 3.0, int initialHidden = 1, CppnGenome? seed = null, IMutation<CppnGenome>? seedMutation = null)
    {
        _color = seed?.Color ?? color;
        _tracker = tracker;
        _activations = activations;
        _weightRange = weightRange;
        _initialHidden = initialHidden;
        _seed = seed;
        _seedMutation = seedMutation ?? new WeightMutation();
        tracker.EnsureAbove(CppnGenome.InputCount + (_color == ColorMode.Grey ? 1 : 3) - 1);
        if (seed != null) tracker.EnsureAbove(seed.MaxMarking);
    }

    /// <inheritdoc/>
    public CppnGenome Create(Random rng)
    {
        if (_seed != null)
            return Interlocked.Increment(ref _created) == 1 ? _seed : _seedMutation.Mutate(_seed, rng);
        int outputs = _color == ColorMode.Grey ? 1 : 3;
        var nodes = new List<NodeGene>
        {
            new(0, NodeKind.Input, Activation.Identity),
            new(1, NodeKind.Input, Activation.Identity),
            new(2, NodeKind.Input, Activation.Identity),
            new(3, NodeKind.Bias, Activation.Identity),
        };
        for (int o = 0; o < outputs; o++) nodes.Add(new NodeGene(CppnGenome.InputCount + o, NodeKind.Output, Rng.Pick(rng, _activations)));
        var links = new List<LinkGene>();
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < CppnGenome.InputCount; i++)
                links.Add(new LinkGene(_tracker.LinkInnovation(i, CppnGenome.InputCount + o), i, CppnGenome.InputCount + o, Rng.Uniform(rng, _weightRange), true));
        var genome = new CppnGenome(_color, nodes, links);
        var addNode = new AddNodeMutation(_tracker, _activations);
        for (int h = 0; h < _initialHidden; h++) genome = addNode.Mutate(genome, rng);
        return genome;
    }
}
