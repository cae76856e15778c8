using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Coevolution.Imaging;

[TestClass]
public class JpegTests
{
    private static Image Picture()
    {
        var image = new Image(48, 40);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 48; x++)
                image[x, y] = (x / 47f, (float)(0.5 + 0.5 * Math.Sin(y * 0.5)), y / 39f);
        return image;
    }

    [TestMethod]
    public void RoundTripKeepsTheSizeAndRoughlyThePixelsAndHigherQualityCostsMoreBytes()
    {
        var image = Picture();
        var (small, low) = Jpeg.RoundTrip(image, 20);
        var (large, high) = Jpeg.RoundTrip(image, 95);
        Assert.AreEqual((48, 40), (high.Width, high.Height));
        Assert.IsTrue(large > small, $"q95 {large} bytes, q20 {small} bytes");
        double Error(Image decoded) => Math.Sqrt(image.Data.Zip(decoded.Data, (a, b) => (double)(a - b) * (a - b)).Average());
        Assert.IsTrue(Error(high) < 0.05 && Error(high) < Error(low), $"q95 {Error(high)}, q20 {Error(low)}");
        CollectionAssert.AreEqual(Jpeg.Encode(image, 60), Jpeg.Encode(image, 60), "deterministic");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Jpeg.Encode(image, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Jpeg.Encode(image, 101));
    }

    [TestMethod]
    public void PngLevelsTradeSizeButNeverPixels()
    {
        var image = Picture();
        byte[] stored = Png.Encode(image, 0), thorough = Png.Encode(image, 9);
        Assert.IsTrue(stored.Length > thorough.Length, $"level 0 {stored.Length} bytes, level 9 {thorough.Length}");
        CollectionAssert.AreEqual(Png.Decode(stored, "0").Data, Png.Decode(thorough, "9").Data);
        CollectionAssert.AreEqual(Png.Encode(image), Png.Encode(image, 6), "the default is zlib level 6");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Png.Encode(image, 10));
    }
}
