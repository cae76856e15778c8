using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;

using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Imaging;

[TestClass]
public class PngTests : TempFolders
{

    private static Image Gradient(int w, int h)
    {
        var img = new Image(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                img[x, y] = (x / 255f, y / 255f, ((x + y) % 256) / 255f);
        return img;
    }

    [TestMethod]
    public void QuickEncodingIsLosslessToo()
    {
        var img = Gradient(64, 48);
        var quick = Png.EncodeQuick(img);
        CollectionAssert.AreEqual(Png.Decode(Png.Encode(img), "default").Data, Png.Decode(quick, "quick").Data);
    }

    [TestMethod]
    public void WriteThenReadGivesTheSamePixels()
    {
        string dir = TempDir();
        var img = Gradient(37, 19);
        string path = Path.Combine(dir, "g.png");
        Png.Write(img, path);
        var back = Png.Read(path);
        Assert.AreEqual(37, back.Width);
        Assert.AreEqual(19, back.Height);
        // Values on the 1/255 grid survive exactly (up to float rounding).
        for (int i = 0; i < img.Data.Length; i++) Assert.AreEqual(img.Data[i], back.Data[i], 1e-6f, $"index {i}");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void WriteQuantisesAndClamps()
    {
        var img = new Image(2, 1, [0.5f, 2f, -1f, float.NaN, 0.1f, 1f]);
        var back = Png.Decode(Png.Encode(img), "mem");
        Assert.AreEqual(128 / 255f, back.Data[0], 1e-6f); // 0.5*255+0.5 = 128
        Assert.AreEqual(1f, back.Data[1]);
        Assert.AreEqual(0f, back.Data[2]);
        Assert.AreEqual(0f, back.Data[3]);
        Assert.AreEqual(26 / 255f, back.Data[4], 1e-6f); // 0.1*255+0.5 = 26
        Assert.AreEqual(1f, back.Data[5]);
    }

    [TestMethod]
    public void MissingFileNamesTheFile()
    {
        string path = Path.Combine(TempDir(), "nope.png");
        var e = Assert.ThrowsExactly<InputException>(() => Png.Read(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "not found");
    }

    [TestMethod]
    public void NonPngFileNamesTheFileAndProblem()
    {
        string path = Path.Combine(TempDir(), "text.png");
        File.WriteAllText(path, "hello, this is not a picture");
        var e = Assert.ThrowsExactly<InputException>(() => Png.Read(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "not a PNG");
    }

    [TestMethod]
    public void TruncatedPngNamesTheFile()
    {
        string dir = TempDir();
        string path = Path.Combine(dir, "cut.png");
        byte[] bytes = Png.Encode(Gradient(40, 40));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.ThrowsExactly<InputException>(() => Png.Read(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "PNG");
    }

    [TestMethod]
    public void CorruptPngBodyNamesTheFile()
    {
        string path = Path.Combine(TempDir(), "bad.png");
        byte[] bytes = Png.Encode(Gradient(40, 40));
        for (int i = 40; i < bytes.Length - 12; i += 3) bytes[i] ^= 0x5A; // garble the compressed data, keep the signature
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsExactly<InputException>(() => Png.Read(path));
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void EmptyFileIsRejected()
    {
        string path = Path.Combine(TempDir(), "empty.png");
        File.WriteAllBytes(path, []);
        var e = Assert.ThrowsExactly<InputException>(() => Png.Read(path));
        StringAssert.Contains(e.Message, "empty");
        StringAssert.Contains(e.Message, path);
    }
}

[TestClass]
public class ContactSheetTests
{
    [TestMethod]
    public void SheetRoundTripsThroughPngWithImagesEnlargedInPlace()
    {
        var images = new List<Image>();
        for (int k = 0; k < 5; k++)
        {
            var img = new Image(28, 28);
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                    img[x, y] = (k / 4f, x / 27f, y < 14 ? 1f : 0f);
            images.Add(img);
        }
        var labels = images.Select((_, i) => (0.1 * i).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sheet = new ContactSheet { MinCellSize = 90, Padding = 8 };
        string path = Path.Combine(Path.GetTempPath(), $"coevo-sheet-{Guid.NewGuid():N}.png");
        sheet.Write(path, images, labels, "generation 12");
        var back = Png.Read(path);
        File.Delete(path);

        int scale = sheet.ScaleFor(28, 28);
        Assert.AreEqual(4, scale); // ceil(90/28)
        // 3 columns (ceil sqrt 5), 2 rows; cell 112 (28*4) wide.
        Assert.AreEqual(8 + 3 * (112 + 8), back.Width);
        Assert.IsTrue(back.Height > 2 * 112, $"height {back.Height}");

        for (int k = 0; k < images.Count; k++)
        {
            var (x0, y0, s) = sheet.Placement(images, k, hasLabels: true, hasTitle: true);
            Assert.AreEqual(4, s);
            foreach (var (sx, sy) in new[] { (0, 0), (27, 0), (5, 20), (27, 27), (13, 13) })
            {
                var want = images[k][sx, sy];
                for (int dy = 0; dy < s; dy++)
                    for (int dx = 0; dx < s; dx++)
                    {
                        var got = back[x0 + sx * s + dx, y0 + sy * s + dy];
                        Assert.AreEqual(want.R, got.R, 0.501f / 255, $"image {k} pixel ({sx},{sy})");
                        Assert.AreEqual(want.G, got.G, 0.501f / 255);
                        Assert.AreEqual(want.B, got.B, 0.501f / 255);
                    }
            }
        }
    }

    [TestMethod]
    public void TitleAndLabelsPutDarkInkOnTheBackground()
    {
        var images = new[] { new Image(10, 10), new Image(10, 10) };
        var sheet = new ContactSheet { MinCellSize = 40 };
        var plain = sheet.Render(images);
        var withText = sheet.Render(images, ["0.873", "0.125"], "generation 3");
        Assert.IsTrue(withText.Height > plain.Height);
        // Title band: some pixels are much darker than the 0.94 background.
        int dark = 0;
        for (int y = 0; y < 24; y++)
            for (int x = 0; x < withText.Width; x++)
                if (withText[x, y].R < 0.5f) dark++;
        Assert.IsTrue(dark > 10, $"only {dark} dark pixels in the title band");
        // Label band under the first image.
        var (x0, y0, s) = sheet.Placement(images, 0, true, true);
        int labelDark = 0;
        for (int y = y0 + 10 * s; y < y0 + 10 * s + 16 && y < withText.Height; y++)
            for (int x = 0; x < withText.Width / 2; x++)
                if (withText[x, y].R < 0.5f) labelDark++;
        Assert.IsTrue(labelDark > 5, $"only {labelDark} dark pixels under the first image");
    }

    [TestMethod]
    public void LabelCountMustMatch() =>
        Assert.ThrowsExactly<ArgumentException>(() => new ContactSheet().Render([new Image(4, 4)], ["a", "b"]));
}

[TestClass]
public class ResizeAndCanvasTests
{
    [TestMethod]
    public void EnlargingIsBilinearWithHalfPixelCentres()
    {
        var img = Image.FromGray(2, 1, [0f, 1f]);
        var r = img.Resize(4, 1);
        // output centres at 0.25, 0.75, 1.25, 1.75 in input pixel units; input centres at 0.5, 1.5; edges clamp.
        CollectionAssert.AreEqual(new[] { 0f, 0.25f, 0.75f, 1f }, r.R.ToArray());
        CollectionAssert.AreEqual(r.R.ToArray(), r.B.ToArray());
    }

    [TestMethod]
    public void ShrinkingAveragesWithAWidenedTriangle()
    {
        var img = Image.FromGray(4, 1, [0f, 0.2f, 0.4f, 0.6f]);
        var r = img.Resize(2, 1);
        // Output 0 has centre 1.0 and a triangle of half-width 2: weights 0.75, 0.75, 0.25 on inputs 0..2.
        Assert.AreEqual((0.75 * 0.2 + 0.25 * 0.4) / 1.75, r.R[0], 1e-6);
        Assert.AreEqual((0.25 * 0.2 + 0.75 * 0.4 + 0.75 * 0.6) / 1.75, r.R[1], 1e-6);
    }

    [TestMethod]
    public void ResizeKeepsConstantImagesConstant()
    {
        var img = new Image(13, 7);
        Array.Fill(img.Data, 0.3f);
        foreach (var (w, h) in new[] { (5, 3), (40, 21), (13, 2) })
            foreach (var v in img.Resize(w, h).Data) Assert.AreEqual(0.3f, v, 1e-6f);
    }

    [TestMethod]
    public void LineDrawsInkAlongItsPathOnly()
    {
        using var canvas = new Canvas(20, 20);
        canvas.Line(2, 10, 18, 10, 2, Rgb.Black, roundCaps: false);
        var img = canvas.ToImage();
        // Rows 9 and 10 are covered fully between x = 2 and 18.
        for (int x = 3; x < 17; x++)
        {
            Assert.AreEqual(0f, img[x, 9].R, 1e-6f);
            Assert.AreEqual(0f, img[x, 10].G, 1e-6f);
        }
        Assert.AreEqual(1f, img[10, 5].R);
        Assert.AreEqual(1f, img[10, 14].B);
        Assert.AreEqual(1f, img[0, 10].R);
    }

    [TestMethod]
    public void HalfCoveredPixelIsAntialiasedGrey()
    {
        using var canvas = new Canvas(10, 10, Rgb.Black);
        // Horizontal line 1px thick centred on y = 5: covers half of row 4 and half of row 5.
        canvas.Line(0, 5, 10, 5, 1, Rgb.White, roundCaps: false);
        var img = canvas.ToImage();
        Assert.AreEqual(0.5f, img[5, 4].R, 1.5f / 255);
        Assert.AreEqual(0.5f, img[5, 5].R, 1.5f / 255);
        Assert.AreEqual(0f, img[5, 3].R);
    }

    [TestMethod]
    public void SolidColoursRoundToTheNearestByte()
    {
        using var canvas = new Canvas(2, 1, new Rgb(0.05, 0.94, 0.5)); // 12.75, 239.7, 127.5 of 255
        canvas.FillRectangle(1, 0, 1, 1, new Rgb(0.1, 12.4 / 255, 1));
        var img = canvas.ToImage();
        Assert.AreEqual((13 / 255f, 240 / 255f, 128 / 255f), img[0, 0]);
        Assert.AreEqual((26 / 255f, 12 / 255f, 1f), img[1, 0]);
    }

    [TestMethod]
    public void ZeroLengthSegmentWithRoundCapsIsADot()
    {
        using var canvas = new Canvas(20, 20);
        canvas.Lines([(10, 10, 10, 10)], 4, Rgb.Black);
        var img = canvas.ToImage();
        // A disc of radius 2 around (10, 10): pixels whose centres are within 1.5 are fully inked, those 2.5 away are not.
        Assert.AreEqual(0f, img[9, 9].R, 1e-6f);
        Assert.AreEqual(0f, img[10, 10].R, 1e-6f);
        Assert.AreEqual(1f, img[12, 10].R);
        Assert.AreEqual(1f, img[10, 7].R);
    }

    [TestMethod]
    public void LinearGradientIsLinearAcrossPixelCentres()
    {
        using var canvas = new Canvas(10, 2);
        canvas.FillLinearGradientRectangle(0, 0, 10, 2, 0, 0, Rgb.Black, 10, 0, Rgb.White);
        var img = canvas.ToImage();
        for (int x = 0; x < 10; x++) Assert.AreEqual((x + 0.5) / 10, img[x, 1].G, 1.01 / 255, $"x={x}");
    }

    [TestMethod]
    public void RadialGradientFallsOffWithDistanceFromTheCentre()
    {
        using var canvas = new Canvas(21, 21, Rgb.Black);
        canvas.FillRadialGradientCircle(10.5, 10.5, 10, Rgb.White, Rgb.Black);
        var img = canvas.ToImage();
        for (int x = 10; x < 20; x++) Assert.AreEqual(1 - (x - 10) / 10.0, img[x, 10].R, 1.01 / 255, $"x={x}");
        Assert.AreEqual(img[13, 10], img[10, 13]); // round
    }

    [TestMethod]
    public void TextIsSetInTheEmbeddedDejaVuSans()
    {
        Assert.AreEqual(Canvas.FontFamily, Fonts.Regular.FamilyName);
        Assert.AreEqual(Canvas.FontFamily, Fonts.Bold.FamilyName);
        Assert.IsTrue(Fonts.Bold.IsBold && !Fonts.Regular.IsBold);
        // DejaVu Sans digits advance 1303/2048 em and '.' 651/2048 em: "0.000" at 48 px is 137.4 px before hinting
        // (Liberation Sans, a common fallback, would give 120).
        using var canvas = new Canvas(4, 4);
        var (width, height) = canvas.MeasureText("0.000", 48);
        Assert.AreEqual((4 * 1303 + 651) / 2048.0 * 48, width, 3.0);
        Assert.AreEqual((1520 + 29) / 2048.0 * 48, height, 2.0); // ink height: the '0' glyph spans y = -29..1520 units
    }

    [TestMethod]
    public void CanvasStartsFromAnImage()
    {
        var src = new Image(3, 3);
        src[1, 1] = (1f, 0f, 0f);
        using var canvas = new Canvas(src);
        var back = canvas.ToImage();
        Assert.AreEqual((1f, 0f, 0f), back[1, 1]);
        Assert.AreEqual((0f, 0f, 0f), back[0, 0]);
    }
}
