using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Coevolution.Imaging;

/// <summary>PNGs that cairo did not write: grey and RGBA files built byte by byte here.</summary>
[TestClass]
public class ForeignPngTests
{
    [TestMethod]
    public void GreyPngComesBackWithEqualChannels()
    {
        byte[] png = BuildPng(3, 2, colourType: 0, channels: 1, [0, 128, 255, 10, 20, 30]);
        var img = Png.Decode(png, "grey.png");
        Assert.AreEqual((3, 2), (img.Width, img.Height));
        Assert.AreEqual((128 / 255f, 128 / 255f, 128 / 255f), img[1, 0]);
        Assert.AreEqual((1f, 1f, 1f), img[2, 0]);
        Assert.AreEqual(30 / 255f, img[2, 1].G, 1e-7f);
    }

    [TestMethod]
    public void TransparentPixelsAreCompositedOverBlack()
    {
        byte[] png = BuildPng(2, 1, colourType: 6, channels: 4, [255, 0, 0, 128, 10, 200, 30, 255]);
        var img = Png.Decode(png, "rgba.png");
        Assert.AreEqual(128 / 255f, img[0, 0].R, 1.01f / 255); // 255 * 128/255, premultiplied
        Assert.AreEqual(0f, img[0, 0].G);
        Assert.AreEqual((10 / 255f, 200 / 255f, 30 / 255f), img[1, 0]);
    }

    private static byte[] BuildPng(int width, int height, byte colourType, int channels, byte[] pixels)
    {
        var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = colourType;
        Chunk(ms, "IHDR", ihdr);
        var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            raw.Write(pixels, y * width * channels, width * channels);
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
