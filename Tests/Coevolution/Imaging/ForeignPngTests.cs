using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Coevo.Coevolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Coevolution.Imaging;

/// <summary>
/// PNGs that Coevo did not write, built byte by byte here: every colour type and bit depth, transparency, and colour
/// chunks. Expected values are worked out by hand from the PNG specification.
/// </summary>
[TestClass]
public class ForeignPngTests
{
    private const byte Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6;

    [TestMethod]
    public void GreyPngComesBackWithEqualChannels()
    {
        byte[] png = BuildPng(3, 2, 8, Grey, [[0, 128, 255], [10, 20, 30]]);
        var img = Png.Decode(png, "grey.png");
        Assert.AreEqual((3, 2), (img.Width, img.Height));
        Assert.AreEqual((128 / 255f, 128 / 255f, 128 / 255f), img[1, 0]);
        Assert.AreEqual((1f, 1f, 1f), img[2, 0]);
        Assert.AreEqual(30 / 255f, img[2, 1].G, 1e-7f);
    }

    [TestMethod]
    public void TransparentPixelsAreCompositedOverBlack()
    {
        byte[] png = BuildPng(2, 1, 8, Rgba, [[255, 0, 0, 128, 10, 200, 30, 255]]);
        var img = Png.Decode(png, "rgba.png");
        Assert.AreEqual(128 / 255f, img[0, 0].R, 1e-7f); // 255 * 128/255, premultiplied
        Assert.AreEqual(0f, img[0, 0].G);
        Assert.AreEqual((10 / 255f, 200 / 255f, 30 / 255f), img[1, 0]);
    }

    [TestMethod]
    public void EveryColourAndAlphaPairIsPremultipliedWithRounding()
    {
        // Pixel (c, a) has R = c, G = 255 - c, B = 0 and alpha a: it must come back as round(c * a / 255), exactly.
        var rows = new byte[256][];
        for (int a = 0; a < 256; a++)
        {
            rows[a] = new byte[256 * 4];
            for (int c = 0; c < 256; c++)
            {
                rows[a][4 * c] = (byte)c;
                rows[a][4 * c + 1] = (byte)(255 - c);
                rows[a][4 * c + 3] = (byte)a;
            }
        }
        var img = Png.Decode(BuildPng(256, 256, 8, Rgba, rows), "pairs.png");
        for (int a = 0; a < 256; a++)
            for (int c = 0; c < 256; c++)
            {
                var (r, g, b) = img[c, a];
                Assert.AreEqual((int)Math.Round(c * a / 255.0), r * 255f, 1e-3f, $"c={c} a={a}");
                Assert.AreEqual((int)Math.Round((255 - c) * a / 255.0), g * 255f, 1e-3f, $"c={c} a={a}");
                Assert.AreEqual(0f, b);
            }
    }

    [TestMethod]
    public void GreyWithAlphaIsPremultipliedGrey()
    {
        byte[] png = BuildPng(3, 1, 8, GreyAlpha, [[200, 128, 50, 255, 255, 0]]);
        var img = Png.Decode(png, "ga.png");
        Assert.AreEqual((100 / 255f, 100 / 255f, 100 / 255f), img[0, 0]); // round(200 * 128 / 255) = 100
        Assert.AreEqual((50 / 255f, 50 / 255f, 50 / 255f), img[1, 0]);
        Assert.AreEqual((0f, 0f, 0f), img[2, 0]);
    }

    [TestMethod]
    public void PaletteEntriesAndTheirTransparencyAreLookedUp()
    {
        // 2-bit indices 0,1,2,3 packed into one byte; tRNS makes entry 1 clear and entry 0 half (shorter than the palette,
        // so entries 2 and 3 stay opaque).
        byte[] plte = [10, 20, 30, 200, 100, 0, 0, 0, 255, 255, 255, 255];
        byte[] png = BuildPng(4, 1, 2, Palette, [[0b00_01_10_11]], ("PLTE", plte), ("tRNS", [255, 0]));
        var img = Png.Decode(png, "palette.png");
        Assert.AreEqual((10 / 255f, 20 / 255f, 30 / 255f), img[0, 0]);
        Assert.AreEqual((0f, 0f, 0f), img[1, 0]);
        Assert.AreEqual((0f, 0f, 1f), img[2, 0]);
        Assert.AreEqual((1f, 1f, 1f), img[3, 0]);

        byte[] half = BuildPng(1, 1, 8, Palette, [[0]], ("PLTE", [200, 100, 0]), ("tRNS", [128]));
        Assert.AreEqual((100 / 255f, 50 / 255f, 0f), Png.Decode(half, "half.png")[0, 0]); // round(200*128/255), round(100*128/255)
    }

    [TestMethod]
    public void LowBitDepthGreyIsScaledToTheFullRange()
    {
        var one = Png.Decode(BuildPng(3, 1, 1, Grey, [[0b101_00000]]), "g1.png");
        Assert.AreEqual((1f, 0f, 1f), (one[0, 0].R, one[1, 0].G, one[2, 0].B));
        var four = Png.Decode(BuildPng(2, 1, 4, Grey, [[0x5F]]), "g4.png");
        Assert.AreEqual(85 / 255f, four[0, 0].R, 1e-7f); // 5 * 17
        Assert.AreEqual(1f, four[1, 0].R);
    }

    [TestMethod]
    public void SixteenBitSamplesKeepTheirHighByte()
    {
        byte[] rgb = BuildPng(1, 1, 16, Rgb, [[0xAB, 0xCD, 0x80, 0xFF, 0x00, 0x7F]]);
        Assert.AreEqual((0xAB / 255f, 0x80 / 255f, 0f), Png.Decode(rgb, "rgb16.png")[0, 0]);
        byte[] grey = BuildPng(2, 1, 16, Grey, [[0x12, 0x34, 0xFF, 0xFF]]);
        var g = Png.Decode(grey, "grey16.png");
        Assert.AreEqual((0x12 / 255f, 0x12 / 255f, 0x12 / 255f), g[0, 0]);
        Assert.AreEqual(1f, g[1, 0].B);
        // RGBA 16: alpha 0x8000 -> 128 after the high byte is kept; 255 * 128 / 255 = 128.
        byte[] rgba = BuildPng(1, 1, 16, Rgba, [[0xFF, 0xFF, 0, 0, 0, 0, 0x80, 0x00]]);
        Assert.AreEqual(128 / 255f, Png.Decode(rgba, "rgba16.png")[0, 0].R, 1e-7f);
    }

    [TestMethod]
    public void ColourChunksDoNotChangeTheValues()
    {
        // gAMA 1.0 (100000) would brighten mid-tones under colour management; sRGB and cHRM likewise must be ignored.
        byte[][] rows = [[100, 150, 200]];
        byte[] gama = BuildPng(1, 1, 8, Rgb, rows, ("gAMA", BigEndian(100000)));
        byte[] srgb = BuildPng(1, 1, 8, Rgb, rows, ("sRGB", [0]));
        byte[] chrm = BuildPng(1, 1, 8, Rgb, rows, ("gAMA", BigEndian(45455)),
            ("cHRM", [.. BigEndian(31270), .. BigEndian(32900), .. BigEndian(64000), .. BigEndian(33000),
                      .. BigEndian(30000), .. BigEndian(60000), .. BigEndian(15000), .. BigEndian(6000)]));
        foreach (var (png, name) in new[] { (gama, "gama"), (srgb, "srgb"), (chrm, "chrm") })
            Assert.AreEqual((100 / 255f, 150 / 255f, 200 / 255f), Png.Decode(png, name)[0, 0], name);
    }

    [TestMethod]
    [DataRow(40000, 1, DisplayName = "a side over 32767")]
    [DataRow(30000, 30000, DisplayName = "more pixels than an Image holds")]
    public void HeadersClaimingHugeSizesAreRejectedByName(int width, int height)
    {
        byte[] png = BuildPng(width, height, 8, Grey, []); // no image data at all: the size check must come first
        var e = Assert.ThrowsExactly<InputException>(() => Png.Decode(png, "huge.png"));
        StringAssert.Contains(e.Message, "huge.png");
        StringAssert.Contains(e.Message, "too large");
    }

    [TestMethod]
    public void EncodedFilesAre8BitRgbWithoutColourChunks()
    {
        byte[] png = Png.Encode(new Image(3, 2));
        Assert.AreEqual("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.AreEqual(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.AreEqual(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.AreEqual(8, png[24]); // bit depth
        Assert.AreEqual(Rgb, png[25]); // colour type: RGB, no alpha
        var chunks = ChunkTypes(png);
        foreach (var colour in new[] { "gAMA", "sRGB", "iCCP", "cHRM" }) CollectionAssert.DoesNotContain(chunks, colour);
    }

    private static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            types.Add(Encoding.ASCII.GetString(png, at + 4, 4));
            at += 12 + length;
        }
        return types;
    }

    private static byte[] BigEndian(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    /// <summary>A PNG whose rows are given already packed (samples at <paramref name="bitDepth"/>, big-endian); filter none.</summary>
    private static byte[] BuildPng(int width, int height, byte bitDepth, byte colourType, byte[][] rows,
        params (string Type, byte[] Data)[] chunksBeforeData)
    {
        var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth; ihdr[9] = colourType;
        Chunk(ms, "IHDR", ihdr);
        foreach (var (type, data) in chunksBeforeData) Chunk(ms, type, data);
        var raw = new MemoryStream();
        foreach (var row in rows)
        {
            raw.WriteByte(0); // filter: none
            raw.Write(row);
        }
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(raw.ToArray());
        Chunk(ms, "IDAT", z.ToArray());
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        byte[] body = [.. Encoding.ASCII.GetBytes(type), .. data];
        s.Write(body);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
