using Coevo.Coevolution;
using Coevo.Experiments.Config;

namespace Coevo.Tests.Experiments;

[TestClass]
public class ConfigTests
{
    private static InputException Reject(string yaml, params string[] overrides)
    {
        using var folder = new TestFolder();
        string path = folder.Write(yaml);
        return Assert.ThrowsExactly<InputException>(() => ExperimentConfig.Load(path, overrides));
    }

    private static void AssertAt(InputException e, int line, int column, string fragment)
    {
        StringAssert.EndsWith(e.File, "exp.yaml");
        Assert.AreEqual(line, e.Line, e.Message);
        Assert.AreEqual(column, e.Column, e.Message);
        StringAssert.Contains(e.Message, fragment);
        StringAssert.Contains(e.Message, $"exp.yaml:{line}:{column}: ");
    }

    [TestMethod]
    public void ValidConfigBindsEveryOption()
    {
        using var folder = new TestFolder();
        var cfg = ExperimentConfig.Load(folder.Write(TestFolder.ValidYaml()));
        Assert.AreEqual("tiny", cfg.Name);
        Assert.AreEqual(7, cfg.Seed);
        Assert.AreEqual("biomorph", cfg.Artist.Component.Name);
        Assert.AreEqual(6, ((Coevo.Coevolution.Evolution.EvolutionOptions)cfg.Artist.Options).Population);
        Assert.AreEqual("evolve", cfg.Schedule.Component.Name, "schedule defaults to evolve");
        Assert.AreEqual(3, cfg.Budget.Generations);
        Assert.AreEqual(2, cfg.Output.SampleEvery);
    }

    [TestMethod]
    public void UnknownSectionIsRejectedWithItsPosition() =>
        AssertAt(Reject(TestFolder.ValidYaml("colour: red")), 17, 1, "unknown section 'colour'");

    [TestMethod]
    public void UnknownKeyListsTheValidKeysAndSuggests()
    {
        var e = Reject(TestFolder.ValidYaml().Replace("  population: 6", "  populaton: 6"));
        AssertAt(e, 6, 3, "unknown key 'populaton' in artist (biomorph)");
        StringAssert.Contains(e.Message, "did you mean 'population'?");
        StringAssert.Contains(e.Message, "valid keys:");
        StringAssert.Contains(e.Message, "image_size");
    }

    [TestMethod]
    public void WrongTypeIsRejected() =>
        AssertAt(Reject(TestFolder.ValidYaml().Replace("population: 6", "population: many")), 6, 15, "artist (biomorph).population: expected an integer, got 'many'");

    [TestMethod]
    public void OutOfRangeIsRejected() =>
        AssertAt(Reject(TestFolder.ValidYaml().Replace("population: 6", "population: 1")), 6, 15, "must be between 2 and 100000, got 1");

    [TestMethod]
    public void MissingRequiredSectionIsRejected()
    {
        string yaml = TestFolder.ValidYaml().Replace("critic:\n  type: target\n  image: target.png\n", "");
        var e = Reject(yaml);
        StringAssert.Contains(e.Message, "missing required section 'critic:'");
        Assert.AreEqual(1, e.Line);
    }

    [TestMethod]
    public void MissingRequiredKeyIsRejected() =>
        AssertAt(Reject("seed: 1\nartist:\n  type: biomorph\ncritic:\n  type: target\n  image: target.png\nbudget:\n  generations: 1\n"), 1, 1, "missing required key 'name'");

    [TestMethod]
    public void UnknownComponentListsTheValidNames()
    {
        var e = Reject(TestFolder.ValidYaml().Replace("type: biomorph", "type: picasso"));
        AssertAt(e, 5, 9, "unknown artist type 'picasso'; valid types: ");
        StringAssert.Contains(e.Message, "biomorph");
    }

    [TestMethod]
    public void MissingDatasetPathIsRejected() =>
        AssertAt(Reject(TestFolder.ValidYaml("data:\n  type: fashion_mnist\n  path: /no/such/folder")), 19, 9, "path '/no/such/folder' does not exist");

    [TestMethod]
    public void MissingFileOptionIsRejected() =>
        AssertAt(Reject(TestFolder.ValidYaml().Replace("image: target.png", "image: nowhere.png")), 10, 10, "path 'nowhere.png' does not exist");

    [TestMethod]
    public void BadEnumValueListsChoices() =>
        AssertAt(Reject(TestFolder.ValidYaml().Replace("  population: 6", "  selection: lottery")), 6, 14, "'lottery' is not one of tournament, truncation, fitness_proportional");

    [TestMethod]
    public void YamlSyntaxErrorHasPosition()
    {
        var e = Reject("name: x\nartist: [unclosed\n");
        Assert.IsTrue(e.Line >= 2, e.Message);
        StringAssert.Contains(e.Message, "exp.yaml:");
    }

    [TestMethod]
    public void EmptyBudgetIsRejected() =>
        StringAssert.Contains(Reject(TestFolder.ValidYaml().Replace("  generations: 3", "  stagnation: 3")).Message, "budget needs at least one of generations, steps, images or seconds");

    [TestMethod]
    public void SetOverridesAValueAndAddsNewOnes()
    {
        using var folder = new TestFolder();
        var cfg = ExperimentConfig.Load(folder.Write(TestFolder.ValidYaml()),
            ["artist.population=9", "budget.seconds=2.5", "artist.selection=truncation"]);
        var options = (Coevo.Coevolution.Evolution.EvolutionOptions)cfg.Artist.Options;
        Assert.AreEqual(9, options.Population);
        Assert.AreEqual(Coevo.Coevolution.Evolution.SelectionKind.Truncation, options.Selection);
        Assert.AreEqual(2.5, cfg.Budget.Seconds);
        Assert.AreEqual(3, cfg.Budget.Generations, "untouched values stay");
    }

    [TestMethod]
    public void SetOverridesAreValidatedAndNamed()
    {
        var e = Reject(TestFolder.ValidYaml(), "artist.population=lots");
        StringAssert.StartsWith(e.Message, "--set artist.population=lots: artist (biomorph).population: expected an integer");
        e = Reject(TestFolder.ValidYaml(), "artist.colour=red");
        StringAssert.Contains(e.Message, "--set artist.colour=red: unknown key 'colour' in artist (biomorph)");
        e = Reject(TestFolder.ValidYaml(), "noequals");
        StringAssert.Contains(e.Message, "expected key.path=value");
        e = Reject(TestFolder.ValidYaml(), "name.x=1");
        StringAssert.Contains(e.Message, "'name' is not a section");
    }

    [TestMethod]
    public void ResolvedConfigReloadsToTheSameValues()
    {
        using var folder = new TestFolder();
        var cfg = ExperimentConfig.Load(folder.Write(TestFolder.ValidYaml()), ["artist.crossover_rate=0.25"]);
        string yaml = cfg.ToYaml();
        StringAssert.Contains(yaml, "crossover_rate: 0.25");
        StringAssert.Contains(yaml, "tournament_size: 3");
        var again = ExperimentConfig.Load(folder.Write(yaml, "resolved.yaml"));
        Assert.AreEqual(yaml, again.ToYaml());
    }

    [TestMethod]
    public void SnakeCaseConversion()
    {
        Assert.AreEqual("population_size", OptionBinder.SnakeCase("PopulationSize"));
        Assert.AreEqual("fitness_proportional", OptionBinder.SnakeCase("FitnessProportional"));
        Assert.AreEqual("image_size", OptionBinder.SnakeCase("ImageSize"));
        Assert.AreEqual("rgb_to_hsv", OptionBinder.SnakeCase("RgbToHsv"));
    }
}
