using System.Globalization;
using System.Text.Json;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Cppn;

/// <summary>
/// NEAT speciation by compatibility distance δ = c1·E/N + c2·D/N + c3·W̄ (E excess and D disjoint links, W̄ the mean
/// weight difference of matching links, N the larger link count). Each genome joins the first species whose
/// representative (a member from the previous generation) is closer than the threshold, else founds a new species.
/// After each call the threshold moves by <see cref="ThresholdStep"/> toward <see cref="TargetSpecies"/> species.
/// Species ids stay stable across generations. The engine does the fitness sharing.
/// </summary>
public sealed class CppnSpeciation : ISpeciation<CppnGenome>, ICheckpointable
{
    private List<(int Id, CppnGenome Representative)> _representatives = new();
    private int _nextId;

    /// <summary>Weight of excess genes.</summary>
    public double C1 { get; init; } = 1.0;
    /// <summary>Weight of disjoint genes.</summary>
    public double C2 { get; init; } = 1.0;
    /// <summary>Weight of the mean weight difference.</summary>
    public double C3 { get; init; } = 0.4;
    /// <summary>Species count the dynamic threshold steers toward.</summary>
    public int TargetSpecies { get; init; } = 6;
    /// <summary>How much the threshold moves per generation.</summary>
    public double ThresholdStep { get; init; } = 0.1;
    /// <summary>The threshold never drops below this.</summary>
    public double MinThreshold { get; init; } = 0.05;
    /// <summary>The current compatibility threshold.</summary>
    public double Threshold { get; set; } = 1.0;

    /// <summary>Compatibility distance between two genomes.</summary>
    public double Distance(CppnGenome a, CppnGenome b)
    {
        var la = a.Links;
        var lb = b.Links;
        int n = Math.Max(1, Math.Max(la.Count, lb.Count));
        int maxA = la.Count == 0 ? -1 : la[^1].Innovation;
        int maxB = lb.Count == 0 ? -1 : lb[^1].Innovation;
        int i = 0, j = 0, matching = 0, disjoint = 0, excess = 0;
        double weightDiff = 0;
        while (i < la.Count || j < lb.Count)
        {
            if (i < la.Count && j < lb.Count && la[i].Innovation == lb[j].Innovation)
            {
                matching++;
                weightDiff += Math.Abs(la[i].Weight - lb[j].Weight);
                i++; j++;
            }
            else if (j >= lb.Count || i < la.Count && la[i].Innovation < lb[j].Innovation)
            {
                if (la[i].Innovation > maxB) excess++; else disjoint++;
                i++;
            }
            else
            {
                if (lb[j].Innovation > maxA) excess++; else disjoint++;
                j++;
            }
        }
        return C1 * excess / n + C2 * disjoint / n + C3 * (matching == 0 ? 0 : weightDiff / matching);
    }

    /// <inheritdoc/>
    public int[] Speciate(IReadOnlyList<CppnGenome> genomes)
    {
        var ids = new int[genomes.Count];
        var reps = new List<(int Id, CppnGenome Representative)>(_representatives);
        var next = new List<(int Id, CppnGenome Representative)>();
        var seen = new HashSet<int>();
        for (int g = 0; g < genomes.Count; g++)
        {
            int species = -1;
            foreach (var (id, rep) in reps)
                if (Distance(genomes[g], rep) < Threshold) { species = id; break; }
            if (species < 0)
            {
                species = _nextId++;
                reps.Add((species, genomes[g]));
            }
            ids[g] = species;
            if (seen.Add(species)) next.Add((species, genomes[g]));
        }
        _representatives = next;
        if (next.Count > TargetSpecies) Threshold += ThresholdStep;
        else if (next.Count < TargetSpecies) Threshold = Math.Max(MinThreshold, Threshold - ThresholdStep);
        return ids;
    }

    /// <inheritdoc/>
    public string Save()
    {
        var format = new CppnJsonFormat();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["threshold"] = Threshold,
            ["next_id"] = _nextId,
            ["species"] = _representatives.Select(r => r.Id).ToArray(),
            ["representatives"] = _representatives.Select(r => format.Write(r.Representative)).ToArray(),
        });
    }

    /// <inheritdoc/>
    public void Load(string state)
    {
        const string source = "cppn speciation state";
        try
        {
            using var doc = JsonDocument.Parse(state);
            var root = doc.RootElement;
            double threshold = root.GetProperty("threshold").GetDouble();
            int nextId = root.GetProperty("next_id").GetInt32();
            var ids = root.GetProperty("species").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var format = new CppnJsonFormat();
            var reps = root.GetProperty("representatives").EnumerateArray().Select((e, i) => format.Read(e.GetString() ?? "", $"{source} (representative {i})")).ToArray();
            if (ids.Length != reps.Length) throw new InputException("species ids and representatives differ in number", source);
            if (!double.IsFinite(threshold) || threshold < 0) throw new InputException($"threshold {threshold.ToString(CultureInfo.InvariantCulture)} is not a non-negative number", source);
            Threshold = threshold;
            _nextId = nextId;
            _representatives = ids.Zip(reps).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"malformed state: {e.Message}", source, inner: e);
        }
    }
}
