using Coevo.Coevolution.Imaging;
using Coevo.Experiments.Cli;

namespace Coevo.Tests.Experiments;

/// <summary>The GP, aesthetic and novelty critics through the registry, the config binder and the CLI.</summary>
[TestClass]
public class CriticConfigTests
{
    private static (int Code, string Out, string Err) Coevo(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CoevoCli.Execute(args, stdout, stderr, default);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Yaml(string critic) => TestFolder.ValidYaml().Replace("  type: target\n  image: target.png", critic);

    [TestMethod]
    [DataRow("gp_critic", "  type: gp_critic\n  population: 16\n  parsimony: 0.01")]
    [DataRow("aesthetic_complexity", "  type: aesthetic_complexity\n  ic_quality: 50\n  pc_exponent: 1")]
    [DataRow("aesthetic_bell", "  type: aesthetic_bell\n  bin_width: 0.05")]
    [DataRow("novelty", "  type: novelty\n  k: 3\n  response: wundt")]
    public void EachCriticValidatesByName(string name, string section)
    {
        using var folder = new TestFolder();
        // critics that learn need a schedule that teaches them (and real images); fixed ones go with evolve
        bool learns = name is "gp_critic" or "novelty";
        string schedule = learns ? "coevolve" : "evolve";
        string extra = learns ? "schedule:\n  type: coevolve\ndata:\n  type: image_folder\n  path: .\n  width: 16\n  height: 16" : "";
        var (code, output, err) = Coevo("validate", folder.Write(Yaml(section) + "\n" + extra));
        Assert.AreEqual(0, code, err);
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex($@"ok \(biomorph artist, {name}( \([^)]*\))? critic, {schedule} schedule"));
        if (learns)
        {
            var evolve = Coevo("validate", folder.Write(Yaml(section), "evolve.yaml"));
            Assert.AreEqual(2, evolve.Code, "a learning critic under evolve would never learn");
            StringAssert.Contains(evolve.Err, "the evolve schedule never teaches it");
        }
    }

    [TestMethod]
    public void ListShowsTheCriticsWithTheirOptions()
    {
        var (code, output, _) = Coevo("list");
        Assert.AreEqual(0, code);
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"generations_per_learn\s+1\s+generations bred per unit of learning"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"ic_quality\s+75\s+JPEG quality"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"bin_width\s+0\.1\s+histogram bin width"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"archive_size\s+1000\s+most feature vectors kept"));
    }

    [TestMethod]
    public void BadCriticOptionsAreBadInput()
    {
        using var folder = new TestFolder();
        var range = Coevo("validate", folder.Write(Yaml("  type: aesthetic_complexity\n  ic_quality: 101"), "range.yaml"));
        Assert.AreEqual(2, range.Code);
        StringAssert.Contains(range.Err, "range.yaml:");
        StringAssert.Contains(range.Err, "ic_quality");
        var unknown = Coevo("validate", folder.Write(Yaml("  type: novelty\n  neighbours: 3"), "unknown.yaml"));
        Assert.AreEqual(2, unknown.Code);
        StringAssert.Contains(unknown.Err, "neighbours");
        // options that only clash with each other are caught before anything is written, naming the section
        var clash = Coevo("run", folder.Write(Yaml("  type: gp_critic\n  max_depth: 3\n  initial_depth: 5"), "clash.yaml"));
        Assert.AreEqual(2, clash.Code, clash.Err);
        StringAssert.Contains(clash.Err, "clash.yaml:");
        StringAssert.Contains(clash.Err, "initial_depth must be between 2 and max_depth (3), got 5");
        Assert.IsFalse(clash.Err.Contains("   at "), "no stack trace");
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Dir, "runs")), "no run folder");
        var wundt = Coevo("validate", folder.Write(Yaml("  type: novelty\n  response: wundt\n  reward_at: 0.4\n  punish_at: 0.2"), "wundt.yaml"));
        Assert.AreEqual(2, wundt.Code);
        StringAssert.Contains(wundt.Err, "punish_at (0.2) must be above reward_at (0.4)");
    }

    [TestMethod]
    public void AnArtistEvolvesAgainstAnAestheticCriticEndToEnd()
    {
        using var folder = new TestFolder();
        string outDir = Path.Combine(folder.Dir, "run");
        var (code, _, err) = Coevo("run", folder.Write(Yaml("  type: aesthetic_complexity")), "--out", outDir);
        Assert.AreEqual(0, code, err);
        var rows = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.AreEqual(4, rows.Length);
        Assert.IsTrue(rows.Skip(1).All(r => double.Parse(r.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) >= 0));
        var sheet = Png.Read(Path.Combine(outDir, "samples", "gen-0003.png"));
        Assert.IsTrue(sheet.Width > 16 && sheet.Height > 16);
    }

    [TestMethod]
    [DataRow("gp-bell.yaml", "gp artist, aesthetic_bell critic")]
    [DataRow("cppn-complexity.yaml", "cppn artist, aesthetic_complexity critic")]
    public void ShippedAestheticConfigsValidate(string name, string parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Coevo.sln"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "repository root not found");
        var (code, output, err) = Coevo("validate", Path.Combine(dir.FullName, "Experiments", "configs", name));
        Assert.AreEqual(0, code, err);
        string[] names = parts.Replace(" artist", "").Replace(" critic", "").Split(", ");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex($@"ok \({names[0]}( \([^)]*\))? artist, {names[1]}( \([^)]*\))? critic, evolve schedule"));
    }
}
