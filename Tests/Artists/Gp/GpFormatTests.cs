using Coevo.Artists.Gp;
using Coevo.Coevolution;

namespace Coevo.Tests.Artists.Gp;

[TestClass]
public sealed class GpFormatTests
{
    private static List<GpTree> RandomTrees(int n)
    {
        var gen = new GpGenerator(new GpSettings { InitialDepth = 6, MaxSize = 200 });
        var rng = new Random(9);
        return Enumerable.Range(0, n).Select(_ => gen.Create(rng)).ToList();
    }

    [TestMethod]
    public void SExpressionRoundTripsExactly()
    {
        var format = new GpSExpressionFormat();
        foreach (var t in RandomTrees(500))
        {
            var back = format.Read(format.Write(t), "t.sexp");
            Assert.IsTrue(back.Root.StructurallyEquals(t.Root), t.ToString());
        }
    }

    [TestMethod]
    public void JsonRoundTripsExactly()
    {
        var format = new GpJsonFormat();
        foreach (var t in RandomTrees(500))
        {
            var back = format.Read(format.Write(t), "t.json");
            Assert.IsTrue(back.Root.StructurallyEquals(t.Root), t.ToString());
        }
    }

    [TestMethod]
    public void ReadsTheDocumentedForms()
    {
        var s = GpSExpressionFormat.Parse("; a comment\n(+ (sin (* x 3.1))\n   (noise 42 y r))  ; trailing comment\n");
        Assert.AreEqual(GpOp.Add, s.Op);
        Assert.AreEqual(3.1f, s.Children[0].Children[0].Children[1].Value.X);
        Assert.AreEqual(42, s.Children[1].Seed);
        Assert.AreEqual("(+ (sin (* x 3.1)) (noise 42 y r))", s.ToString());
        var c = GpSExpressionFormat.Parse("#(0.2 -0.5 1e-3)");
        Assert.AreEqual(new System.Numerics.Vector3(0.2f, -0.5f, 0.001f), c.Value);
        var j = new GpJsonFormat().Read("{\"kind\": \"gp\", \"version\": 1, \"tree\": [\"hsv\", \"x\", [\"color-noise\", -3, \"y\", 0.5], [\"color\", 1, 0, 0.25]]}", "g.json");
        Assert.AreEqual("(hsv x (color-noise -3 y 0.5) #(1 0 0.25))", j.ToString());
        StringAssert.StartsWith(new GpJsonFormat().Write(j), "{\"kind\":\"gp\",\"version\":1,\"tree\":[\"hsv\",\"x\",");
    }

    [TestMethod]
    public void FilesLoadByContentAndSaveByExtension()
    {
        string dir = Path.Combine(Path.GetTempPath(), "coevo-gp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var tree = RandomTrees(1)[0];
            GpTreeFile.Save(Path.Combine(dir, "a.json"), tree);
            GpTreeFile.Save(Path.Combine(dir, "a.sexp"), tree);
            StringAssert.StartsWith(File.ReadAllText(Path.Combine(dir, "a.json")), "{");
            StringAssert.StartsWith(File.ReadAllText(Path.Combine(dir, "a.sexp")), "(");
            Assert.IsTrue(GpTreeFile.Load(Path.Combine(dir, "a.json")).Root.StructurallyEquals(tree.Root));
            Assert.IsTrue(GpTreeFile.Load(Path.Combine(dir, "a.sexp")).Root.StructurallyEquals(tree.Root));
            string missing = Path.Combine(dir, "missing.sexp");
            var e = Assert.ThrowsExactly<InputException>(() => GpTreeFile.Load(missing));
            Assert.AreEqual(missing, e.File);
            File.WriteAllText(Path.Combine(dir, "bad.sexp"), "(sin x\n");
            var bad = Assert.ThrowsExactly<InputException>(() => GpTreeFile.Load(Path.Combine(dir, "bad.sexp")));
            StringAssert.StartsWith(bad.Message, Path.Combine(dir, "bad.sexp") + ":2:1:");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    [DataRow("", 1, 1, "empty GP genome")]
    [DataRow("  ; only a comment\n", 2, 1, "empty GP genome")]
    [DataRow("(sin x", 1, 7, "'(sin' opened at 1:1 is not closed")]
    [DataRow("(+ x\n  (foo y))", 2, 4, "unknown function 'foo'")]
    [DataRow("(+ x)", 1, 5, "'+' takes 2 argument(s), got 1")]
    [DataRow("(sin x y)", 1, 8, "'sin' takes 1 argument(s), got more")]
    [DataRow("(sin x))", 1, 8, "unexpected ')' after the end")]
    [DataRow("(sin z)", 1, 6, "unknown symbol 'z'")]
    [DataRow("(sin nan)", 1, 6, "constant must be finite")]
    [DataRow("(noise x y)", 1, 8, "takes an integer seed first")]
    [DataRow("#(1 2)", 1, 6, "blue component of a colour constant")]
    [DataRow("#(1 2 3 4)", 1, 9, "expected ')' to close the colour constant")]
    [DataRow("sin", 1, 1, "must be called in parentheses")]
    [DataRow("(x)", 1, 2, "'x' is a variable")]
    [DataRow("()", 1, 2, "expected a function name")]
    [DataRow("x y", 1, 3, "unexpected 'y' after the end")]
    public void MalformedSExpressionNamesFileLineAndColumn(string text, int line, int column, string problem)
    {
        var e = Assert.ThrowsExactly<InputException>(() => new GpSExpressionFormat().Read(text, "genomes/bad.sexp"));
        Assert.AreEqual("genomes/bad.sexp", e.File);
        Assert.AreEqual(line, e.Line, e.Message);
        Assert.AreEqual(column, e.Column, e.Message);
        StringAssert.Contains(e.Message, problem);
        StringAssert.StartsWith(e.Message, $"genomes/bad.sexp:{line}:{column}: ");
    }

    [TestMethod]
    public void DeeplyNestedSExpressionIsAnErrorNotACrash()
    {
        string text = string.Concat(Enumerable.Repeat("(sin ", 5000)) + "x" + new string(')', 5000);
        var e = Assert.ThrowsExactly<InputException>(() => new GpSExpressionFormat().Read(text, "deep.sexp"));
        StringAssert.Contains(e.Message, "nested deeper than");
    }

    [TestMethod]
    [DataRow("{\"kind\": \"gp\", \"tree\": [\"sin\", \"x\"]", "invalid JSON")]
    [DataRow("[1, 2]", "$: the top level must be an object")]
    [DataRow("{\"tree\": \"x\"}", "missing \"kind\"")]
    [DataRow("{\"kind\": \"cppn\", \"tree\": \"x\"}", "\"kind\" is \"cppn\"")]
    [DataRow("{\"kind\": \"gp\"}", "missing \"tree\"")]
    [DataRow("{\"kind\": \"gp\", \"version\": 2, \"tree\": \"x\"}", "unsupported version 2")]
    [DataRow("{\"kind\": \"gp\", \"tree\": \"x\", \"extra\": 1}", "unknown key \"extra\"")]
    [DataRow("{\"kind\": \"gp\", \"tree\": [\"sin\", [\"foo\", \"x\"]]}", "$.tree[1][0]: unknown function \"foo\"")]
    [DataRow("{\"kind\": \"gp\", \"tree\": [\"+\", \"x\"]}", "$.tree: \"+\" takes 2 argument(s), got 1")]
    [DataRow("{\"kind\": \"gp\", \"tree\": [\"noise\", \"x\", \"y\"]}", "$.tree[1]: \"noise\" takes an integer seed first")]
    [DataRow("{\"kind\": \"gp\", \"tree\": [\"color\", 1, \"a\", 0]}", "$.tree[2]: expected a number")]
    [DataRow("{\"kind\": \"gp\", \"tree\": \"z\"}", "$.tree: unknown variable \"z\"")]
    [DataRow("{\"kind\": \"gp\", \"tree\": 1e300}", "out of float range")]
    [DataRow("{\"kind\": \"gp\", \"tree\": true}", "expected a number, \"x\", \"y\", \"r\" or an array")]
    [DataRow("{\"kind\": \"gp\", \"tree\": []}", "must start with a function name")]
    public void MalformedJsonNamesFileAndProblem(string text, string problem)
    {
        var e = Assert.ThrowsExactly<InputException>(() => new GpJsonFormat().Read(text, "genomes/bad.json"));
        Assert.AreEqual("genomes/bad.json", e.File);
        StringAssert.StartsWith(e.Message, "genomes/bad.json");
        StringAssert.Contains(e.Message, problem);
    }

    [TestMethod]
    public void JsonSyntaxErrorGivesLineAndColumn()
    {
        var e = Assert.ThrowsExactly<InputException>(() => new GpJsonFormat().Read("{\"kind\": \"gp\",\n \"tree\": [\"sin\" \"x\"]}", "g.json"));
        Assert.AreEqual(2, e.Line, e.Message);
        Assert.IsTrue(e.Column > 1, e.Message);
    }
}
