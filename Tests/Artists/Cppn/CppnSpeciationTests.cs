using Coevo.Artists.Cppn;

namespace Coevo.Tests.Artists.Cppn;

[TestClass]
public class CppnSpeciationTests
{
    private static CppnGenome Genome(params (int Innovation, double Weight)[] links)
    {
        var nodes = new List<NodeGene>
        {
            new(0, NodeKind.Input, Activation.Identity), new(1, NodeKind.Input, Activation.Identity),
            new(2, NodeKind.Input, Activation.Identity), new(3, NodeKind.Bias, Activation.Identity),
            new(4, NodeKind.Output, Activation.Sigmoid),
        };
        // Give each innovation its own hidden node so any set of innovations is a valid genome.
        var genes = new List<LinkGene>();
        foreach (var (innovation, weight) in links)
        {
            nodes.Add(new NodeGene(1000 + innovation, NodeKind.Hidden, Activation.Sin));
            genes.Add(new LinkGene(innovation, 0, 1000 + innovation, weight, true));
        }
        return new CppnGenome(ColorMode.Grey, nodes, genes);
    }

    [TestMethod]
    public void DistanceFollowsTheNeatFormula()
    {
        // a: 1, 2, 3, 5 ; b: 1, 2, 4, 6, 7. Matching 1, 2 (|Δw| = 0.5 and 1.5 → W̄ = 1); disjoint 3, 4, 5 (below the other's
        // max); excess 6, 7 (above a's max 5). N = 5. δ = 1·2/5 + 1·3/5 + 0.4·1 = 1.4.
        var a = Genome((1, 1.0), (2, -1.0), (3, 0.3), (5, 0.1));
        var b = Genome((1, 0.5), (2, 0.5), (4, 2.0), (6, 1.0), (7, 1.0));
        var s = new CppnSpeciation();
        Assert.AreEqual(1.4, s.Distance(a, b), 1e-12);
        Assert.AreEqual(1.4, s.Distance(b, a), 1e-12);
        Assert.AreEqual(0.0, s.Distance(a, a));
        var weighted = new CppnSpeciation { C1 = 2, C2 = 0.5, C3 = 1 };
        Assert.AreEqual(2 * 2 / 5.0 + 0.5 * 3 / 5.0 + 1.0, weighted.Distance(a, b), 1e-12);
    }

    [TestMethod]
    public void CloseGenomesShareASpeciesAndIdsPersist()
    {
        var a = Genome((1, 1.0), (2, 1.0));
        var a2 = Genome((1, 1.1), (2, 0.9));
        var far = Genome((10, 1.0), (11, 1.0), (12, 1.0));
        var s = new CppnSpeciation { Threshold = 0.5, TargetSpecies = 2 };
        var ids = s.Speciate([a, far, a2]);
        Assert.AreEqual(ids[0], ids[2]);
        Assert.AreNotEqual(ids[0], ids[1]);
        // Next generation, listed in another order: the same species ids, found through last generation's representatives.
        var again = s.Speciate([far, a2, a]);
        Assert.AreEqual(ids[1], again[0]);
        Assert.AreEqual(ids[0], again[1]);
        Assert.AreEqual(ids[0], again[2]);
    }

    [TestMethod]
    public void ThresholdMovesTowardTheTargetSpeciesCount()
    {
        var genomes = Enumerable.Range(0, 10).Select(i => Genome((i * 10 + 1, 1.0), (i * 10 + 2, 1.0))).ToList(); // all mutually far
        var s = new CppnSpeciation { Threshold = 0.5, TargetSpecies = 3, ThresholdStep = 0.25 };
        Assert.AreEqual(10, s.Speciate(genomes).Distinct().Count());
        Assert.AreEqual(0.75, s.Threshold, 1e-12); // too many species: threshold rises
        var few = new CppnSpeciation { Threshold = 5.0, TargetSpecies = 3, ThresholdStep = 0.25 };
        Assert.AreEqual(1, few.Speciate(genomes).Distinct().Count()); // δ = 2 between any two < 5
        Assert.AreEqual(4.75, few.Threshold, 1e-12); // too few species: threshold falls
        // Repeated generations bring the count to the target: δ = 2 between any two genomes, so the count drops once the
        // threshold passes 2.
        for (int gen = 0; gen < 30; gen++) s.Speciate(genomes);
        Assert.IsTrue(s.Threshold > 2.0);
    }
}
