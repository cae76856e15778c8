using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Coevolution.Evolution;

/// <summary>A bit-string genome for exercising the engine. The bits live in a private array, so a buggy operator could change them.</summary>
internal sealed class Bits
{
    private readonly bool[] _bits;
    public Bits(bool[] bits) { _bits = bits; }
    public int Length => _bits.Length;
    public bool this[int i] => _bits[i];
    public int Ones => _bits.Count(b => b);
    public bool[] ToArray() => (bool[])_bits.Clone();
    /// <summary>Breaks immutability on purpose: only the deliberately broken operators in the contract tests call it.</summary>
    public void FlipInPlace(int i) => _bits[i] = !_bits[i];
    public override string ToString() => new(_bits.Select(b => b ? '1' : '0').ToArray());
    public static Bits Parse(string s) => new(s.Select(c => c == '1').ToArray());
}

internal sealed class BitsFactory(int length) : IGenomeFactory<Bits>
{
    public Bits Create(Random rng) => new(Enumerable.Range(0, length).Select(_ => rng.Next(2) == 1).ToArray());
}

/// <summary>Flips one random bit.</summary>
internal sealed class FlipOne : IMutation<Bits>
{
    public Bits Mutate(Bits parent, Random rng)
    {
        var b = parent.ToArray();
        int i = rng.Next(b.Length);
        b[i] = !b[i];
        return new Bits(b);
    }
}

/// <summary>Sets one random bit to a fixed value (for WeightedMutation frequency tests).</summary>
internal sealed class SetOne(bool value) : IMutation<Bits>
{
    public Bits Mutate(Bits parent, Random rng)
    {
        var b = parent.ToArray();
        b[rng.Next(b.Length)] = value;
        return new Bits(b);
    }
}

internal sealed class OnePointCrossover : ICrossover<Bits>
{
    public Bits Cross(Bits mother, Bits father, Random rng)
    {
        int cut = rng.Next(mother.Length + 1);
        var b = new bool[mother.Length];
        for (int i = 0; i < b.Length; i++) b[i] = i < cut ? mother[i] : father[i];
        return new Bits(b);
    }
}

/// <summary>Pixel k (row-major) is white when bit k mod length is set, in all three channels.</summary>
internal sealed class BitsRenderer : IRenderer<Bits>
{
    public Image Render(Bits genome, int width, int height)
    {
        var gray = new float[width * height];
        for (int k = 0; k < gray.Length; k++) gray[k] = genome[k % genome.Length] ? 1f : 0f;
        return Image.FromGray(width, height, gray);
    }
}

internal sealed class BitsFormat : IGenomeFormat<Bits>
{
    public string Extension => "bits";
    public string Write(Bits genome) => genome.ToString();
    public Bits Read(string text, string source)
    {
        if (text.Length == 0) throw new InputException("empty bit string", source);
        for (int i = 0; i < text.Length; i++)
            if (text[i] is not ('0' or '1')) throw new InputException($"character '{text[i]}' at {i} is not 0 or 1", source);
        return Bits.Parse(text);
    }
}

/// <summary>Species = ones / threshold; the threshold adapts toward <c>target</c> species and is checkpointable.</summary>
internal sealed class OnesSpeciation(int threshold, int target) : ISpeciation<Bits>, ICheckpointable
{
    public int Threshold { get; private set; } = threshold;
    public int Calls { get; private set; }

    public int[] Speciate(IReadOnlyList<Bits> genomes)
    {
        Calls++;
        var ids = genomes.Select(g => g.Ones / Threshold).ToArray();
        int count = ids.Distinct().Count();
        if (count > target) Threshold++;
        else if (count < target && Threshold > 1) Threshold--;
        return ids;
    }

    public string Save() => $"{Threshold} {Calls}";

    public void Load(string state)
    {
        var parts = state.Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int t) || t < 1 || !int.TryParse(parts[1], out int c))
            throw new FormatException($"expected 'threshold calls', got '{state}'");
        Threshold = t;
        Calls = c;
    }
}

/// <summary>Species ids fixed in advance (for hand-made allotment cases).</summary>
internal sealed class FixedSpeciation(params int[] ids) : ISpeciation<Bits>
{
    public int[] Speciate(IReadOnlyList<Bits> genomes) => (int[])ids.Clone();
}

internal static class Toy
{
    public static EvolutionOptions Options(int population = 20, int elitism = 1, double crossover = 0.3, double mutation = 0.9,
                                           SelectionKind selection = SelectionKind.Tournament) => new()
    {
        Population = population, Elitism = elitism, CrossoverRate = crossover, MutationRate = mutation,
        Selection = selection, TournamentSize = 3, Truncation = 0.5, ImageSize = 8,
    };

    public static double[] OneMax(IReadOnlyList<Bits> population) => population.Select(g => (double)g.Ones).ToArray();

    public static bool IsValid(Bits g, int length) => g.Length == length;
}
