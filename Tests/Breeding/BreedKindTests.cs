using System.Text.Json;
using Coevo.Artists.Gp;
using Coevo.Breeding.Kinds;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Breeding;

/// <summary>The breeding step: the person's choice as selection, the mutation amount, random starts, settings.</summary>
[TestClass]
public class BreedKindTests
{
    private sealed class Counting : IMutation<int>
    {
        public int Mutate(int parent, Random rng) => parent + 1;
    }

    [TestMethod]
    public void TheMutationAmountAppliesThatManyMutations()
    {
        Assert.AreEqual(7, new RepeatedMutation<int>(new Counting(), 7).Mutate(0, new Random(1)));
        Assert.AreEqual(10, new RepeatedMutation<int>(new Counting(), 1).Mutate(9, new Random(1)));
    }

    [TestMethod]
    public void ChosenParentsPicksOnlyTheChosenAndPairsDifferentOnes()
    {
        var fitness = new double[16];
        fitness[2] = fitness[5] = fitness[11] = 1;
        var picks = new ChosenParents().Select(fitness, 2000, new Random(3));
        CollectionAssert.AreEquivalent(new[] { 2, 5, 11 }, picks.Distinct().ToArray());
        for (int p = 0; p < picks.Length; p += 2) Assert.AreNotEqual(picks[p], picks[p + 1], $"pair {p / 2}");
        // Roughly uniform: each of the three is about a third of the picks.
        foreach (int i in new[] { 2, 5, 11 }) Assert.AreEqual(2000 / 3.0, picks.Count(x => x == i), 120);

        var single = new double[16];
        single[4] = 1;
        Assert.IsTrue(new ChosenParents().Select(single, 30, new Random(1)).All(i => i == 4));
        Assert.ThrowsExactly<ArgumentException>(() => new ChosenParents().Select(new double[4], 2, new Random(1)));
    }

    [TestMethod]
    [DataRow("cppn")]
    [DataRow("gp")]
    [DataRow("biomorph")]
    public void BreedingKeepsTheFirstChosenInTheCentreAndMakesTheChildrenAsked(string artist)
    {
        var kind = BreedKinds.Get(artist);
        var settings = new BreedSettings { Children = 9 };
        var first = kind.Random(settings, new Random(5));
        Assert.AreEqual(10, first.Count);
        var next = kind.Breed(first, [6, 2], settings, new Random(6));
        Assert.AreEqual(10, next.Count);
        Assert.AreSame(first[2], next[0], "the lower-numbered choice is kept unchanged in the centre");
        Assert.AreEqual(kind.Write(kind.Breed(first, [6, 2], settings, new Random(6))[4], "json"), kind.Write(next[4], "json"), "a seed fixes the children");
    }

    [TestMethod]
    public void RandomStartsAreNotFlat()
    {
        var kind = new GpKind();
        var members = kind.Random(new BreedSettings { Children = 30 }, new Random(11));
        Assert.AreEqual(0, members.Count(m => kind.IsFlat((GpTree)m)));
        // The check itself: a constant tree is flat, x is not.
        Assert.IsTrue(kind.IsFlat(new GpTree(GpNode.Constant(0.3f))));
        Assert.IsFalse(kind.IsFlat(new GpTree(GpNode.Variable(GpOp.X))));
    }

    [TestMethod]
    public void SettingsAreCheckedFieldByField()
    {
        var s = new BreedSettings().With(JsonDocument.Parse("""{"children": 30, "mutations": 10, "color": "grey"}""").RootElement, "t");
        Assert.AreEqual(30, s.Children);
        Assert.AreEqual(10, s.Mutations);
        Assert.AreEqual(s.ToJson().ToJsonString(), BreedSettings.Parse(s.ToJson().ToJsonString(), "t").ToJson().ToJsonString(), "JSON round trip");
        foreach (var (json, message) in new[]
                 {
                     ("""{"children": 7}""", "'children' must be from 8 to 30, got 7"),
                     ("""{"mutations": 0}""", "'mutations' must be from 1 to 10"),
                     ("""{"children": "many"}""", "'children' must be an integer"),
                     ("""{"activations": [1]}""", "'activations' must be an array of strings"),
                     ("""{"colour": "red"}""", "unknown setting 'colour'"),
                 })
        {
            var e = Assert.ThrowsExactly<InputException>(() => new BreedSettings().With(JsonDocument.Parse(json).RootElement, "t"));
            StringAssert.Contains(e.Message, message);
        }
        var bad = Assert.ThrowsExactly<InputException>(() => new CppnKind().Check(new BreedSettings { Color = "cmyk" }));
        StringAssert.Contains(bad.Message, "unknown colour mode 'cmyk'");
    }
}
