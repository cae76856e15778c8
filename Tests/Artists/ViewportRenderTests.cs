using Coevo.Artists.Biomorph;
using Coevo.Artists.Gp;
using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Artists;

/// <summary>Zoom and pan (<see cref="Viewport"/>) in the GP and biomorph renderers (the CPPN one is checked through the breeding API).</summary>
[TestClass]
public class ViewportRenderTests
{
    [TestMethod]
    public void GpZoomTwoShowsTheMiddleOfTheWholePicture()
    {
        var tree = new GpTree(GpSExpressionFormat.Parse("(sin (* 7 (+ x (* y y))))"));
        var renderer = new GpRenderer();
        var whole = renderer.Render(tree, 256, 256);
        var zoomed = renderer.Render(tree, 128, 128, new Viewport(0, 0, 2));
        var panned = renderer.Render(tree, 128, 128, new Viewport(-0.5, 0.5, 2));
        for (int y = 0; y < 128; y += 3)
            for (int x = 0; x < 128; x += 3)
            {
                Assert.AreEqual(whole[x + 64, y + 64].R, zoomed[x, y].R, 1e-4, $"zoom at {x},{y}");
                Assert.AreEqual(whole[x, y + 128].R, panned[x, y].R, 1e-4, $"pan at {x},{y}");
            }
        CollectionAssert.AreEqual(whole.Data, renderer.Render(tree, 256, 256, Viewport.Whole).Data, "the whole view is the plain render");
    }

    [TestMethod]
    public void BiomorphPanShiftsTheDrawing()
    {
        var genome = new BiomorphGenome([2, -1, 3, 2, -2, 1, 2, -3], 6);
        var renderer = new BiomorphRenderer();
        var whole = renderer.Render(genome, 128, 128);
        var panned = renderer.Render(genome, 128, 128, new Viewport(0.5, 0, 1)); // a quarter of the width to the left
        // Skia quantises antialiased edge coverage, so edge pixels may differ by a step; the drawing itself must match.
        double MeanDifference(int shift)
        {
            double sum = 0;
            for (int y = 0; y < 128; y++)
                for (int x = 0; x < 96; x++)
                    sum += Math.Abs(whole[x + shift, y].R - panned[x, y].R);
            return sum / (128 * 96);
        }
        Assert.IsTrue(MeanDifference(32) < 0.002, $"shifted by 32 px: mean difference {MeanDifference(32)}");
        Assert.IsTrue(MeanDifference(0) > 10 * MeanDifference(32), "unshifted, the pictures differ");

        // One vertical trunk, fitted inside the margins; zoomed 2x about the centre it runs off the top and bottom.
        var trunk = new BiomorphGenome([0, 0, 0, 5, 0, 0, 0, 0], 1);
        var fitted = renderer.Render(trunk, 128, 128);
        var zoomed = renderer.Render(trunk, 128, 128, new Viewport(0, 0, 2));
        Assert.IsTrue(fitted[64, 1].R > 0.9f && fitted[64, 126].R > 0.9f, "margins are paper");
        Assert.IsTrue(zoomed[64, 1].R < 0.1f && zoomed[64, 126].R < 0.1f, "zoomed, the trunk fills the height");
        Assert.IsTrue(zoomed[80, 64].R > 0.9f, "and keeps its pen width");
    }
}
