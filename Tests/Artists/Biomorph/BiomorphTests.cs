using Coevo.Artists.Biomorph;
using Coevo.Coevolution;
using Coevo.Tests.Coevolution.Evolution;
using Segment = Coevo.Artists.Biomorph.BiomorphRenderer.Segment;

namespace Coevo.Tests.Artists.Biomorph;

[TestClass]
public class BiomorphTests
{
    private static readonly BiomorphGenome OneToEight = new([1, 2, 3, 4, 5, 6, 7, 8], depth: 3);

    [TestMethod]
    public void DirectionsFollowDawkinsPlugIn()
    {
        var (dx, dy) = BiomorphRenderer.Directions([1, 2, 3, 4, 5, 6, 7, 8]);
        CollectionAssert.AreEqual(new[] { -2, -1, 0, 1, 2, 3, 0, -3 }, dx);
        CollectionAssert.AreEqual(new[] { 6, 5, 4, 5, 6, 7, 8, 7 }, dy);
    }

    [TestMethod]
    public void SegmentsOfADepthThreeTreeMatchHandComputedCoordinates()
    {
        // trunk: 3*(0,4); left branch dir 1 = 2*(-1,5), then dir 0 = (-2,6) and dir 2 = (0,4); right mirrors.
        var expected = new[]
        {
            new Segment(0, 0, 0, 12),
            new Segment(0, 12, -2, 22), new Segment(-2, 22, -4, 28), new Segment(-2, 22, -2, 26),
            new Segment(0, 12, 2, 22), new Segment(2, 22, 2, 26), new Segment(2, 22, 4, 28),
        };
        CollectionAssert.AreEqual(expected, BiomorphRenderer.Segments(OneToEight));
    }

    [TestMethod]
    public void DirectionsWrapAroundBelowZero()
    {
        var g = new BiomorphGenome([1, 2, 3, 4, 5, 6, 7, 8], depth: 4);
        var lines = BiomorphRenderer.Segments(g);
        Assert.AreEqual(15, lines.Count);
        // trunk 4*(0,4) -> (0,16); dir 1: 3*(-1,5) -> (-3,31); dir 0: 2*(-2,6) -> (-7,43); dir -1 = 7: (-3,7) -> (-10,50)
        Assert.AreEqual(new Segment(-7, 43, -10, 50), lines[3]);
    }

    [TestMethod]
    public void SegmentationStacksTreesAndGradientsChangeGenesPerSegment()
    {
        var g = new BiomorphGenome([1, 2, 3, 4, 5, 6, 7, 8], depth: 2, segments: 2, segmentDistance: 3, gradients: [0, 0, 0, 1, 0, 0, 0, 0]);
        var lines = BiomorphRenderer.Segments(g);
        Assert.AreEqual(6, lines.Count);
        Assert.AreEqual(new Segment(0, 0, 0, 8), lines[0]);
        // segment 1 starts at y = -1*3*2 = -6 and its g4 is 4 + 1 = 5: trunk 2*(0,5)
        Assert.AreEqual(new Segment(0, -6, 0, 4), lines[3]);
        Assert.AreEqual(new Segment(0, 4, -1, 9), lines[4]);
    }

    [TestMethod]
    public void RenderingPutsInkOnTheSegmentsAndNowhereFarFromThem()
    {
        var renderer = new BiomorphRenderer();
        int size = 96;
        var img = renderer.Render(OneToEight, size, size);
        var lines = BiomorphRenderer.Segments(OneToEight);
        var (scale, ox, oy) = renderer.Fit(lines, size, size);
        Assert.IsTrue(scale > 0);
        var px = lines.Select(l => (X0: ox + scale * l.X0, Y0: oy - scale * l.Y0, X1: ox + scale * l.X1, Y1: oy - scale * l.Y1)).ToList();
        foreach (var l in px)
        {
            double mx = (l.X0 + l.X1) / 2, my = (l.Y0 + l.Y1) / 2;
            Assert.IsTrue(img[(int)mx, (int)my].R < 0.6f, $"no ink at the midpoint ({mx:F1},{my:F1})");
        }
        double pen = renderer.PenWidth(size, size);
        int inked = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double d = px.Min(l => DistanceToSegment(x + 0.5, y + 0.5, l.X0, l.Y0, l.X1, l.Y1));
                if (d > pen / 2 + 1.0) Assert.AreEqual(1f, img[x, y].R, $"stray ink at ({x},{y})");
                if (img[x, y].R < 0.5f) inked++;
            }
        Assert.IsTrue(inked > 50, $"only {inked} inked pixels");
        // Auto-scaled: the drawing spans the height within the margins.
        Assert.AreEqual(size * (1 - 2 * BiomorphRenderer.Margin) - pen, scale * 28, 1e-9);
    }

    [TestMethod]
    public void RendersAtAnySizeAndZeroGenesGiveADot()
    {
        var renderer = new BiomorphRenderer();
        var img = renderer.Render(OneToEight, 17, 40);
        Assert.AreEqual((17, 40), (img.Width, img.Height));
        var dot = renderer.Render(new BiomorphGenome(new int[8], 3), 20, 20);
        Assert.IsTrue(dot[10, 10].R < 0.5f);
        Assert.AreEqual(1f, dot[2, 2].R);
    }

    [TestMethod]
    public void MutationChangesExactlyOneGeneByOneWithinLimits()
    {
        var limits = new BiomorphLimits(GeneLimit: 9, MaxDepth: 6, MaxSegments: 4, GradientLimit: 2, MaxSegmentDistance: 5);
        var factory = new BiomorphFactory(limits);
        var mutation = new BiomorphMutation(limits);
        var rng = new Random(2);
        var g = factory.Create(rng);
        var seen = new HashSet<int>();
        for (int k = 0; k < 10_000; k++)
        {
            var before = g.ToArray();
            var child = mutation.Mutate(g, rng);
            CollectionAssert.AreEqual(before, g.ToArray(), "parent changed");
            var after = child.ToArray();
            var changed = Enumerable.Range(0, after.Length).Where(i => after[i] != before[i]).ToList();
            Assert.AreEqual(1, changed.Count);
            Assert.AreEqual(1, Math.Abs(after[changed[0]] - before[changed[0]]));
            Assert.IsTrue(limits.Contains(child), child.ToString());
            seen.Add(changed[0]);
            g = child;
        }
        Assert.AreEqual(BiomorphGenome.FlatLength, seen.Count, "every gene should get mutated");
    }

    [TestMethod]
    public void MutationLeavesDisabledGenesAlone()
    {
        var limits = new BiomorphLimits(); // no segments, no gradients
        var mutation = new BiomorphMutation(limits);
        var rng = new Random(4);
        var g = new BiomorphFactory(limits).Create(rng);
        for (int k = 0; k < 2000; k++)
        {
            g = mutation.Mutate(g, rng);
            Assert.AreEqual(1, g.Segments);
            Assert.IsTrue(g.Gradients.All(x => x == 0));
        }
    }

    [TestMethod]
    public void OperatorsPassTheSharedContract()
    {
        var limits = new BiomorphLimits(GeneLimit: 9, MaxDepth: 8, MaxSegments: 3, GradientLimit: 1);
        OperatorContract.Check(new BiomorphFactory(limits), new BiomorphMutation(limits), new BiomorphCrossover(), new BiomorphFormat(),
            g => Assert.IsTrue(limits.Contains(g), g.ToString()), applications: 3000); // MutationChangesExactlyOne... runs 10,000
    }

    [TestMethod]
    public void JsonRoundTripKeepsEveryGene()
    {
        var format = new BiomorphFormat();
        var g = new BiomorphGenome([-9, 0, 3, 4, 5, -6, 7, 9], 7, 3, 4, [1, 0, -1, 0, 2, 0, 0, 0]);
        string text = format.Write(g);
        StringAssert.Contains(text, "\"kind\": \"biomorph\"");
        Assert.AreEqual(g, format.Read(text, "g.json"));
        var minimal = format.Read("{\"kind\":\"biomorph\",\"genes\":[1,2,3,4,5,6,7,8],\"depth\":3}", "m.json");
        Assert.AreEqual(OneToEight, minimal);
    }

    [TestMethod]
    public void MalformedJsonNamesTheFileAndProblem()
    {
        var format = new BiomorphFormat();
        var cases = new (string Text, string Problem)[]
        {
            ("{\"kind\":\"biomorph\",\"genes\":[1,2", "not valid JSON"),
            ("[1,2,3]", "JSON object"),
            ("{\"kind\":\"cppn\",\"genes\":[1,2,3,4,5,6,7,8],\"depth\":3}", "\"kind\" must be \"biomorph\""),
            ("{\"kind\":\"biomorph\",\"depth\":3}", "missing field \"genes\""),
            ("{\"kind\":\"biomorph\",\"genes\":[1,2,3],\"depth\":3}", "must have 8 integers, found 3"),
            ("{\"kind\":\"biomorph\",\"genes\":[1,2,3,4,5,6,7,\"x\"],\"depth\":3}", "\"genes\"[7] must be an integer"),
            ("{\"kind\":\"biomorph\",\"genes\":[1,2,3,4,5,6,7,8]}", "missing field \"depth\""),
            ("{\"kind\":\"biomorph\",\"genes\":[1,2,3,4,5,6,7,8],\"depth\":40}", "depth 40 is outside 1..12"),
            ("{\"kind\":\"biomorph\",\"genes\":[1,2,3,4,5,6,7,8],\"depth\":3,\"colour\":1}", "unknown field \"colour\""),
        };
        foreach (var (text, problem) in cases)
        {
            var e = Assert.ThrowsExactly<InputException>(() => format.Read(text, "genomes/bad.json"), text);
            StringAssert.Contains(e.Message, "genomes/bad.json", text);
            StringAssert.Contains(e.Message, problem, text);
        }
        var syntax = Assert.ThrowsExactly<InputException>(() => format.Read("{\n  \"kind\": biomorph\n}", "x.json"));
        Assert.AreEqual(2, syntax.Line);
    }

    [TestMethod]
    public void ArtistProducesRenderedPopulationAndEvolves()
    {
        var options = new BiomorphArtistOptions { Population = 6, ImageSize = 24, MaxDepth = 5 };
        var artist = BiomorphArtist.Create(options, new ComponentContext(Seed: 3, Threads: 1, BaseDirectory: "."));
        var rng = new Random(1);
        var images = artist.Produce(rng);
        Assert.AreEqual(6, images.Count);
        Assert.IsTrue(images.All(i => i.Width == 24 && i.Height == 24));
        artist.Learn(images.Select(i => (double)i.Data.Average()).ToList(), rng);
        Assert.AreEqual(6, artist.Produce(rng).Count);
        Assert.IsNotNull(artist.Best);
    }

    private static double DistanceToSegment(double px, double py, double x0, double y0, double x1, double y1)
    {
        double vx = x1 - x0, vy = y1 - y0;
        double len2 = vx * vx + vy * vy;
        double t = len2 == 0 ? 0 : Math.Clamp(((px - x0) * vx + (py - y0) * vy) / len2, 0, 1);
        double dx = px - (x0 + t * vx), dy = py - (y0 + t * vy);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
