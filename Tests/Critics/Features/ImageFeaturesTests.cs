using Coevo.Coevolution.Imaging;
using Coevo.Critics.Features;

namespace Coevo.Tests.Critics.Features;

[TestClass]
public class ImageFeaturesTests
{
    private static double Feature(double[] f, string name) => f[ImageFeatures.Names.ToList().IndexOf(name)];

    /// <summary>An image from a function of (x, y).</summary>
    internal static Image Make(int w, int h, Func<int, int, (float, float, float)> colour)
    {
        var image = new Image(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                image[x, y] = colour(x, y);
        return image;
    }

    internal static Image Noise(int side, int seed)
    {
        var rng = new Random(seed);
        return Make(side, side, (_, _) => ((float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble()));
    }

    internal static Image Gradient(int side) => Make(side, side, (x, y) => (x / (side - 1f), y / (side - 1f), 0.5f));

    internal static Image Flat(int side) => Make(side, side, (_, _) => (0.3f, 0.5f, 0.7f));

    [TestMethod]
    public void TheVectorHasOneValuePerNamedFeature()
    {
        Assert.AreEqual(11, ImageFeatures.Count);
        Assert.AreEqual(ImageFeatures.Count, ImageFeatures.Names.Distinct().Count());
        Assert.AreEqual(ImageFeatures.Count, ImageFeatures.Of(Noise(8, 1)).Length);
    }

    [TestMethod]
    public void RedAndBlueByHand()
    {
        // red (1,0,0) and blue (0,0,1): L = 0.5 and S = 1 for both; hues 0 and 2/3 turn, chroma 1 each, so the mean
        // vector is ((1 + cos 240°)/2, sin 240°/2) = (0.25, -0.433): length 0.5, angle -60° = 5/6 turn.
        // Luminance 0.299 and 0.114 -> bytes 76 and 29: two equal bins, 1 bit. Each differs from its mirror by 0.185.
        var f = ImageFeatures.Of(new Image(2, 1, [1f, 0f, 0f, 0f, 0f, 1f]));
        Assert.AreEqual(0.5, Feature(f, "lightness_mean"), 1e-12);
        Assert.AreEqual(0.0, Feature(f, "lightness_spread"), 1e-12);
        Assert.AreEqual(1.0, Feature(f, "saturation_mean"), 1e-12);
        Assert.AreEqual(0.0, Feature(f, "saturation_spread"), 1e-12);
        Assert.AreEqual(5.0 / 6, Feature(f, "hue_mean"), 1e-9);
        Assert.AreEqual(0.5, Feature(f, "hue_spread"), 1e-9);
        Assert.AreEqual(1.0 / 8, Feature(f, "grey_entropy"), 1e-12);
        Assert.AreEqual(1 - (0.299 - 0.114), Feature(f, "symmetry_lr"), 1e-6);
        Assert.AreEqual(1.0, Feature(f, "symmetry_tb"), 1e-12);
        // Sobel with replicated borders sees the whole 0.185 step at both pixels
        Assert.AreEqual(1.0, Feature(f, "edge_density"), 1e-12);
    }

    [TestMethod]
    public void ChromaWeightsTheHueMean()
    {
        // red (chroma 1, 0°) and dark green (0, .5, 0) (chroma .5, 120°): (1 - .25, .433) -> 30° = 1/12 turn,
        // length √.75 / 1.5 = .5774, spread .4226. A grey pixel adds nothing.
        var image = new Image(3, 1, [1f, 0f, 0.4f, 0f, 0.5f, 0.4f, 0f, 0f, 0.4f]);
        var (mean, spread) = ImageFeatures.Hue(image);
        Assert.AreEqual(1.0 / 12, mean, 1e-9);
        Assert.AreEqual(1 - Math.Sqrt(0.75) / 1.5, spread, 1e-9);
        Assert.AreEqual((0.0, 1.0), ImageFeatures.Hue(Image.FromGray(2, 2, [0f, 0.2f, 0.7f, 1f])), "no chroma: mean 0, spread 1");
    }

    [TestMethod]
    [DataRow(0.75f, 0.25f, 0.25f, 0.5, 0.5, 0.0)]
    [DataRow(0.2f, 0.1f, 0.1f, 0.15, 1.0 / 3, 0.0)]
    [DataRow(0.1f, 0.6f, 0.1f, 0.35, 5.0 / 7, 1.0 / 3)]
    [DataRow(0.2f, 0.4f, 0.8f, 0.5, 0.6, 0.6111111111111111)]
    [DataRow(0.5f, 0.5f, 0.5f, 0.5, 0.0, 0.0)]
    public void HslOfOneColourByHand(float r, float g, float b, double lightness, double saturation, double hue)
    {
        Assert.AreEqual(lightness, ImageFeatures.Lightness(r, g, b), 1e-6);
        Assert.AreEqual(saturation, ImageFeatures.Saturation(r, g, b), 1e-6);
        Assert.AreEqual(hue, ImageFeatures.HueTurns(r, g, b), 1e-6);
    }

    [TestMethod]
    public void AStepEdgeByHand()
    {
        // 8x8, left half black, right half white: edges at columns 3 and 4 (Sobel / 4 gives the full step of 1 there),
        // a perfect top-bottom mirror and a perfect left-right anti-mirror.
        var step = Make(8, 8, (x, _) => x < 4 ? (0f, 0f, 0f) : (1f, 1f, 1f));
        var f = ImageFeatures.Of(step);
        Assert.AreEqual(16.0 / 64, Feature(f, "edge_density"), 1e-12);
        Assert.AreEqual(0.0, Feature(f, "symmetry_lr"), 1e-12);
        Assert.AreEqual(1.0, Feature(f, "symmetry_tb"), 1e-12);
        Assert.AreEqual(1.0 / 8, Feature(f, "grey_entropy"), 1e-12);
        Assert.AreEqual(0.5, Feature(f, "lightness_mean"), 1e-12);
        Assert.AreEqual(0.5, Feature(f, "lightness_spread"), 1e-12);
        Assert.AreEqual(0.0, Feature(f, "saturation_mean"), 1e-12);
        Assert.AreEqual(1.0, Feature(f, "hue_spread"), 1e-12);
        // a gentle ramp (a step of 1/7 per pixel: Sobel magnitude 2/7 > 0.1) is all edge; a ramp over 64 pixels none
        Assert.AreEqual(1.0, Feature(ImageFeatures.Of(Make(8, 8, (x, _) => (x / 7f, x / 7f, x / 7f))), "edge_density"), 1e-12);
        Assert.AreEqual(0.0, Feature(ImageFeatures.Of(Make(64, 4, (x, _) => (x / 63f, x / 63f, x / 63f))), "edge_density"), 1e-12);
    }

    [TestMethod]
    public void GreyEntropyCountsEightBitLevels()
    {
        Assert.AreEqual(2.0 / 8, ImageFeatures.GreyEntropy([0f, 0.25f, 0.5f, 1f]), 1e-12);
        Assert.AreEqual(0.0, ImageFeatures.GreyEntropy([0.3f, 0.3f, 0.3f]), 1e-12);
        // 0.5 and 0.501 are the same 8-bit level (128)
        Assert.AreEqual(0.0, ImageFeatures.GreyEntropy([0.5f, 0.501f]), 1e-12);
        // 256 distinct levels: 8 bits
        Assert.AreEqual(1.0, ImageFeatures.GreyEntropy(Enumerable.Range(0, 256).Select(k => k / 255f).ToArray()), 1e-12);
    }

    [TestMethod]
    public void SymmetryOfAPatternMirroredOneWay()
    {
        // g(x, y) = |x - 3.5| / 3.5 on 8 columns is left-right symmetric; in y it is a ramp 0..0.7 (top-bottom mean |difference| known)
        var image = Make(8, 8, (x, y) => { float v = Math.Abs(x - 3.5f) / 3.5f * 0.3f + y * 0.1f; return (v, v, v); });
        var grey = ImageFeatures.ClampedGrey(image);
        Assert.AreEqual(1.0, ImageFeatures.SymmetryLeftRight(grey, 8, 8), 1e-6);
        // |y*0.1 - (7-y)*0.1| = |2y - 7| * 0.1 -> mean over y of |2y - 7| = (7+5+3+1)*2/8 = 4 -> 1 - 0.4
        Assert.AreEqual(0.6, ImageFeatures.SymmetryTopBottom(grey, 8, 8), 1e-6);
    }

    [TestMethod]
    public void PngComplexityIsTheFileSizeOverTheRawSizeAndOrdersFlatGradientNoise()
    {
        var noise = Noise(64, 1);
        Assert.AreEqual(Png.Encode(noise).Length / (3.0 * 64 * 64), Feature(ImageFeatures.Of(noise), "png_complexity"), 1e-12);
        double flat = ImageFeatures.PngComplexity(Flat(64)), gradient = ImageFeatures.PngComplexity(Gradient(64)), random = ImageFeatures.PngComplexity(noise);
        Assert.IsTrue(flat < gradient && gradient < random, $"flat {flat}, gradient {gradient}, noise {random}");
        Assert.IsTrue(flat < 0.05 && random > 0.9, $"flat {flat}, noise {random}");
    }

    [TestMethod]
    public void ValuesOutsideTheRangeAreClampedAndNaNIsBlack()
    {
        var wild = new Image(2, 1, [2f, float.NaN, -1f, 0f, 5f, float.NaN]);
        var tame = new Image(2, 1, [1f, 0f, 0f, 0f, 1f, 0f]);
        CollectionAssert.AreEqual(ImageFeatures.Of(tame), ImageFeatures.Of(wild));
        Assert.IsTrue(ImageFeatures.Of(Noise(16, 3)).All(double.IsFinite));
    }

    [TestMethod]
    public void CachedVectorsAreComputedOncePerImageAndMatchThePlainOnes()
    {
        var image = Noise(16, 4);
        var first = ImageFeatures.Cached(image);
        Assert.AreSame(first, ImageFeatures.Cached(image));
        CollectionAssert.AreEqual(ImageFeatures.Of(image), first);
        var all = ImageFeatures.OfAll([Flat(8), image, Gradient(8)], threads: 2);
        Assert.AreSame(first, all[1]);
        CollectionAssert.AreEqual(ImageFeatures.Of(Gradient(8)), all[2]);
    }
}
