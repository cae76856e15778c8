using Coevo.Artists.Gp;
using Coevo.Tests.Support;

namespace Coevo.Tests.Experiments;

/// <summary>Bad input of every kind: exit 2, a message naming the problem and where it is, no stack trace, nothing written.</summary>
[TestClass]
public class BadInputTests
{
    private static (int Code, string Out, string Err) Coevo(params string[] args) => Cli.Run(args);

    private static void AssertBadInput((int Code, string Out, string Err) r, params string[] fragments)
    {
        Assert.AreEqual(2, r.Code, r.Err);
        Assert.DoesNotContain("   at ", r.Err, "no stack trace");
        Assert.DoesNotContain("System.", r.Err, "no .NET type names");
        foreach (var f in fragments) StringAssert.Contains(r.Err, f);
    }

    /// <summary>Things that passed validate and then failed at run (exit 1, a stack trace, an empty run folder).</summary>
    [TestMethod]
    [DataRow("gp", "  image_size: 16", "  image_size: 16\n  min_initial_depth: 6", "exp.yaml:8:3: artist (gp): need min_initial_depth (6) <= initial_depth (5) <= max_depth (12)")]
    [DataRow("gp", "  image_size: 16", "  image_size: 16\n  max_depth: 4\n  initial_depth: 5", "exp.yaml:9:3: artist (gp): need min_initial_depth (2) <= initial_depth (5) <= max_depth (4)")]
    [DataRow("gp", "  image_size: 16", "  image_size: 16\n  functions: sin cos foo", "exp.yaml:8:3: artist (gp): functions: unknown function 'foo'")]
    [DataRow("cppn", "  image_size: 16", "  image_size: 16\n  activations: sin wobble", "exp.yaml:8:3: artist (cppn): activations: unknown activation 'wobble'")]
    [DataRow("biomorph", "  image_size: 16", "  image_size: 16\n  elitism: 6", "exp.yaml:8:3: artist (biomorph): elitism (6) must be below the population (6)")]
    [DataRow("biomorph", "image: target.png", "image: notapng.png", "notapng.png: not a PNG file")]
    public void ValidateRejectsWhatRunWouldRejectAndRunWritesNothing(string artist, string from, string to, string message)
    {
        using var folder = new TestFolder();
        File.WriteAllText(Path.Combine(folder.Dir, "notapng.png"), "GIF89a, not a PNG");
        string yaml = TestFolder.ValidYaml().Replace("type: biomorph", $"type: {artist}");
        Assert.Contains(from, yaml);
        string config = folder.Write(yaml.Replace(from, to));
        AssertBadInput(Coevo("validate", config), message);
        AssertBadInput(Coevo("run", config), message);
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Dir, "runs")), "nothing is created before the config is valid");
    }

    [TestMethod]
    public void AFlowCollectionLeftOpenIsASyntaxErrorWithItsPlace()
    {
        using var folder = new TestFolder();
        AssertBadInput(Coevo("validate", folder.Write("a: [\nb")), "exp.yaml:1:4: not valid YAML after this point (is a [ or { left open?)");
        AssertBadInput(Coevo("validate", folder.Write(TestFolder.ValidYaml()), "--set", "artist.population=[\nb"), "--set artist.population=[");
    }

    [TestMethod]
    public void RunFoldersThatCannotBeMadeAreNamed()
    {
        using var folder = new TestFolder();
        string config = folder.Write(TestFolder.ValidYaml());
        string file = Path.Combine(folder.Dir, "exp.yaml");
        AssertBadInput(Coevo("run", config, "--out", ""), "--out: expected a folder, got ''");
        AssertBadInput(Coevo("run", config, "--out", "/proc/coevo-run"), "/proc/coevo-run: --out: cannot create the run folder");
        AssertBadInput(Coevo("run", config, "--out", Path.Combine(file, "sub")), $"'{file}' is a file, so the run folder cannot be made there");
        AssertBadInput(Coevo("run", config, "--set", $"output.dir={file}"), $"output.dir: '{file}' is a file");
        AssertBadInput(Coevo("run", folder.Write(TestFolder.ValidYaml().Replace($"  dir: runs", "  dir: exp.yaml"), "file-out.yaml")),
            "file-out.yaml:14:8: output.dir:", "is a file");
    }

    [TestMethod]
    public void RenderRefusesWhatItCannotReadOrWrite()
    {
        using var folder = new TestFolder();
        string genome = Fixtures.Picbreeder("745_LetterG.xml");
        string file = Path.Combine(folder.Dir, "target.png");
        AssertBadInput(Coevo("render", genome, "--size", "8", "-o", "/proc/coevo.png"), "cannot write /proc/coevo.png");
        AssertBadInput(Coevo("render", genome, "--size", "8", "-o", Path.Combine(file, "x.png")), $"--output: '{file}' is a file");
        AssertBadInput(Coevo("render", genome, "--size", "8", "-o", folder.Dir + "/"), "--output must name a .png file");
        AssertBadInput(Coevo("render", "/dev/zero"), "/dev/zero: is too large to be a genome file (over 8 MiB)");
        string huge = Path.Combine(folder.Dir, "huge.sexp");
        File.WriteAllText(huge, "(+ x " + new string(' ', 9 << 20) + " y)");
        AssertBadInput(Coevo("render", huge), $"{huge}: is too large to be a genome file");
        AssertBadInput(Coevo("render", genome, "--size", "big"), "--size: expected a whole number, got 'big'");
    }

    [TestMethod]
    public void ASeedThatIsNotANumberIsNamedPlainly() =>
        AssertBadInput(Coevo("run", "x.yaml", "--seed", "abc"), "--seed: expected a whole number, got 'abc'");

    [TestMethod]
    public void ARunThatCannotFitInMemoryIsRefusedNamingTheKeys()
    {
        using var folder = new TestFolder();
        var r = Coevo("validate", folder.Write(TestFolder.ValidYaml()), "--set", "artist.population=100000", "--set", "artist.image_size=4096");
        AssertBadInput(r, "this run needs about", "TiB of memory", "the population's images (artist.population x artist.image_size^2)",
            "Lower artist.population or artist.image_size");
        StringAssert.Contains(r.Err, "exp.yaml:5:3:", "at the artist section");
    }

    [TestMethod]
    public void DeepInitialTreesGrowWithinTheSizeLimit()
    {
        // max_depth 64 with initial_depth 64 once built full binary trees of 2^64 nodes before checking their size
        var settings = new GpSettings { MaxDepth = 64, InitialDepth = 64, MinInitialDepth = 64, MaxSize = 120 };
        var generator = new GpGenerator(settings);
        var rng = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            var tree = generator.Create(rng);
            Assert.IsTrue(tree.Root.Size <= 120, $"size {tree.Root.Size}");
            Assert.IsTrue(tree.Root.Depth <= 64);
            Assert.IsTrue(generator.Grow(rng, 64, 7).Size <= 7);
        }
        var mutation = new GpMutation(settings);
        var t = generator.Create(rng);
        for (int i = 0; i < 200; i++) Assert.IsTrue((t = mutation.Mutate(t, GpMutationKind.ReplaceSubtree, rng)).Root.Size <= 120);

        using var folder = new TestFolder();
        var r = Coevo("validate", folder.Write(TestFolder.ValidYaml().Replace("type: biomorph", "type: gp")),
            "--set", "artist.max_depth=64", "--set", "artist.initial_depth=64", "--set", "artist.population=2000");
        Assert.AreEqual(0, r.Code, r.Err);
    }
}
