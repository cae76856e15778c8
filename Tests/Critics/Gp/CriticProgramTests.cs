using Coevo.Coevolution;
using Coevo.Critics.Features;
using Coevo.Critics.Gp;

namespace Coevo.Tests.Critics.Gp;

[TestClass]
public class CriticProgramTests
{
    private static readonly CriticProgramFormat Format = new();

    private static double[] Features(params (string Name, double Value)[] values)
    {
        var v = new double[ImageFeatures.Count];
        foreach (var (name, value) in values) v[ImageFeatures.Names.ToList().IndexOf(name)] = value;
        return v;
    }

    [TestMethod]
    public void EvaluatesByHand()
    {
        var f = Features(("edge_density", 0.7), ("hue_mean", 0.25), ("symmetry_lr", 0.5));
        Assert.AreEqual(0.5, Format.Read("(if> edge_density 0.5 (* 2 hue_mean) symmetry_lr)", "t").Evaluate(f), 1e-15);
        Assert.AreEqual(0.5, Format.Read("(if> 0.5 edge_density (* 2 hue_mean) symmetry_lr)", "t").Evaluate(f), 1e-15);
        Assert.AreEqual(1.0, Format.Read("(/ hue_mean grey_entropy)", "t").Evaluate(f), "protected division by 0 gives 1");
        Assert.AreEqual(-0.45, Format.Read("(- (min hue_mean symmetry_lr) (max edge_density -3))", "t").Evaluate(f), 1e-15);
        Assert.AreEqual(0.7, Format.Read("(abs (neg edge_density))", "t").Evaluate(f), 1e-15);
        Assert.AreEqual(2.8, Format.Read("(/ edge_density hue_mean)", "t").Evaluate(f), 1e-15);
        Assert.AreEqual(0.0, Format.Read("(- (* 1e300 1e300) (* 1e300 1e300))", "t").Evaluate(f), "inf - inf is NaN, which becomes 0");
        var p = Format.Read("(+ edge_density -0.7)", "t");
        Assert.AreEqual(0.5, p.Realness(f), 1e-15);
        Assert.AreEqual(1 / (1 + Math.Exp(-1.3)), Format.Read("(+ edge_density 0.6)", "t").Realness(f), 1e-15);
    }

    [TestMethod]
    public void RandomProgramsRoundTripExactly()
    {
        var settings = new CriticProgramSettings();
        var gen = new CriticProgramGenerator(settings);
        var mutation = new CriticProgramMutation(settings);
        var rng = new Random(3);
        var f = ImageFeatures.Of(Coevo.Tests.Critics.Features.ImageFeaturesTests.Noise(16, 9));
        for (int i = 0; i < 300; i++)
        {
            var p = mutation.Mutate(gen.Create(rng), rng);
            string text = Format.Write(p);
            var back = Format.Read(text, "t");
            Assert.AreEqual(text, Format.Write(back));
            Assert.AreEqual(p.Evaluate(f), back.Evaluate(f));
        }
        Assert.AreEqual(0.30000000000000004, Format.Read("(+ 0.30000000000000004 lightness_mean)", "t").Root.Children[0].Value);
    }

    [TestMethod]
    [DataRow("", "empty critic program")]
    [DataRow("(+ lightness_mean", "is never closed")]
    [DataRow("(+ lightness_mean 1))", "unexpected ')' after the end of the program at character 21")]
    [DataRow("(sqrt hue_mean)", "unknown function 'sqrt' at character 2")]
    [DataRow("(+ brightness 1)", "'brightness' at character 4 is neither a feature")]
    [DataRow("(+ 1 NaN)", "'NaN' at character 6 is neither a feature")]
    [DataRow("(neg 1 2)", "'neg' at character 2 takes 1 argument(s), got 2")]
    [DataRow("(", "ends early")]
    [DataRow(")", "unexpected ')' at character 1")]
    public void BadProgramsAreInputErrorsNamingTheSource(string text, string problem)
    {
        var e = Assert.ThrowsExactly<InputException>(() => Format.Read(text, "prog.sexp"));
        StringAssert.StartsWith(e.Message, "prog.sexp: ");
        StringAssert.Contains(e.Message, problem);
    }

    [TestMethod]
    public void OperatorsKeepTheLimitsAndNeverChangeTheirParents()
    {
        var settings = new CriticProgramSettings { MaxDepth = 5, MaxSize = 15, InitialDepth = 4 };
        var gen = new CriticProgramGenerator(settings);
        var mutation = new CriticProgramMutation(settings);
        var crossover = new CriticProgramCrossover(settings);
        var rng = new Random(4);
        var kinds = new HashSet<string>();
        for (int i = 0; i < 500; i++)
        {
            var a = gen.Create(rng);
            var b = gen.Create(rng);
            string textA = a.ToString(), textB = b.ToString();
            Assert.IsTrue(a.Depth >= 2 && settings.Fits(a.Root), a.ToString());
            var children = new[]
            {
                mutation.Mutate(a, rng), crossover.Cross(a, b, rng),
                mutation.Mutate(a, CriticMutationKind.ReplaceSubtree, rng), mutation.Mutate(a, CriticMutationKind.PerturbConstant, rng),
                mutation.Mutate(a, CriticMutationKind.Swap, rng), mutation.Mutate(a, CriticMutationKind.Promote, rng),
            };
            foreach (var c in children) Assert.IsTrue(settings.Fits(c.Root), $"{c} breaks the limits");
            Assert.AreEqual(textA, a.ToString());
            Assert.AreEqual(textB, b.ToString());
            if (children[4].ToString() != textA) kinds.Add("swap");
            if (children[5].Size < a.Size) kinds.Add("promote shrinks");
            if (children[3].ToString() != textA) kinds.Add("perturb");
        }
        CollectionAssert.AreEquivalent(new[] { "swap", "promote shrinks", "perturb" }, kinds.ToArray());
    }

    [TestMethod]
    public void PerturbConstantChangesOnlyAConstant()
    {
        var p = Format.Read("(+ hue_mean 1.5)", "t");
        var child = new CriticProgramMutation(new CriticProgramSettings { ConstantSigma = 0.1 }).Mutate(p, CriticMutationKind.PerturbConstant, new Random(1));
        Assert.AreEqual(CriticOp.Feature, child.Root.Children[0].Op);
        Assert.AreNotEqual(1.5, child.Root.Children[1].Value);
        Assert.AreEqual(1.5, child.Root.Children[1].Value, 0.6);
        var noConstant = Format.Read("(+ hue_mean edge_density)", "t");
        Assert.AreSame(noConstant, new CriticProgramMutation(new CriticProgramSettings()).Mutate(noConstant, CriticMutationKind.PerturbConstant, new Random(1)),
            "nothing to perturb: the parent comes back");
    }

    [TestMethod]
    public void SettingsRejectInconsistentLimits()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new CriticProgramSettings { MaxDepth = 1 }.Validated());
        Assert.ThrowsExactly<ArgumentException>(() => new CriticProgramSettings { MaxSize = 4 }.Validated());
        Assert.ThrowsExactly<ArgumentException>(() => new CriticProgramSettings { InitialDepth = 9, MaxDepth = 8 }.Validated());
    }
}
