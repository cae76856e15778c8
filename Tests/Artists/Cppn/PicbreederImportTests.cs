using Coevo.Artists.Cppn;
using Coevo.Coevolution.Imaging;

using Coevo.Tests.Support;

namespace Coevo.Tests.Artists.Cppn;

[TestClass]
public class PicbreederImportTests
{
    private static CppnGenome Import(string name) => new CppnXmlFormat().Read(File.ReadAllText(Fixtures.Picbreeder(name)), name);

    [TestMethod]
    [DataRow("121_ShortSDCoif.xml", ColorMode.Grey, 17, 35)]
    [DataRow("745_LetterG.xml", ColorMode.Grey, 19, 39)]
    [DataRow("4041_Doplhin.xml", ColorMode.Hsv, 37, 121)]
    public void FixtureImportsWithAllNodesAndLinks(string name, ColorMode color, int nodes, int links)
    {
        var g = Import(name);
        Assert.AreEqual(color, g.Color);
        Assert.AreEqual(nodes, g.Nodes.Count);
        Assert.AreEqual(links, g.Links.Count);
        Assert.IsTrue(g.Links.All(l => l.Enabled));
        Assert.AreEqual(links, g.Links.Select(l => l.Innovation).Distinct().Count(), "innovation numbers must be unique");
    }

    [TestMethod]
    public void ImportedIdsAreKept()
    {
        var g = Import("121_ShortSDCoif.xml");
        // <marking branch="95" id="21"/> is x, id 25 the ink output, id 2244 the highest marking in the file.
        Assert.AreEqual(21, g.Nodes[0].Id);
        Assert.AreEqual(25, g.Nodes[CppnGenome.InputCount].Id);
        Assert.AreEqual(2244, g.MaxMarking);
        var tracker = new InnovationTracker();
        _ = new CppnGenomeFactory(g.Color, tracker, ActivationNames.All, seed: g);
        Assert.AreEqual(2245, tracker.NextFree);
    }

    [TestMethod]
    public void RepeatedIdsUnderOtherBranchesGetFreshNumbers()
    {
        // 745_LetterG has links 745_8 and 534_8; one keeps 8, the other gets a number above the file's highest id (842).
        var g = Import("745_LetterG.xml");
        Assert.AreEqual(1, g.Links.Count(l => l.Innovation == 8));
        Assert.IsTrue(g.Links.Count(l => l.Innovation > 842) == 2);
    }

    [TestMethod]
    [DataRow("121_ShortSDCoif.xml")]
    [DataRow("745_LetterG.xml")]
    [DataRow("4041_Doplhin.xml")]
    public void RenderMatchesIndependentCppnxEvaluation(string name)
    {
        const int size = 48;
        var image = new CppnRenderer().Render(Import(name), size, size);
        var reference = new CppnxReference(Fixtures.Picbreeder(name));
        int total = 0, exact = 0, maxDiff = 0;
        for (int py = 0; py < size; py++)
            for (int px = 0; px < size; px++)
            {
                var (r, g, b) = reference.Pixel(px, py, size, size);
                var got = image[px, py];
                int diff = new[] { Math.Abs(r - To8(got.R)), Math.Abs(g - To8(got.G)), Math.Abs(b - To8(got.B)) }.Max();
                total++;
                if (diff == 0) exact++;
                maxDiff = Math.Max(maxDiff, diff);
            }
        // Coevo evaluates in float, the reference (like cppn-x) in double: allow a rare off-by-one 8-bit level.
        Assert.IsTrue(maxDiff <= 1, $"{name}: a pixel differs by {maxDiff}/255");
        Assert.IsTrue(exact >= total * 0.99, $"{name}: only {exact}/{total} pixels exact");
        // A few pixels spelled out, so a failure shows values.
        foreach (var (px, py) in new[] { (0, 0), (size / 2, size / 2), (size - 1, size / 3), (7, size - 1) })
        {
            var (r, g, b) = reference.Pixel(px, py, size, size);
            var got = image[px, py];
            Assert.AreEqual((r, g, b), (To8(got.R), To8(got.G), To8(got.B)), $"{name} pixel ({px},{py})");
        }
    }

    private static int To8(float v) => (int)MathF.Round(v * 255f);
}
