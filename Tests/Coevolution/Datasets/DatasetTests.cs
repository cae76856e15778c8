using System.Buffers.Binary;
using System.IO.Compression;
using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;

using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Datasets;

[TestClass]
public class IdxTests : TempFolders
{

    internal static byte[] IdxBytes(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static void WriteGz(string path, byte[] bytes)
    {
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.Fastest);
        gz.Write(bytes);
    }

    /// <summary>A tiny 4-image, 2x3 split: pixel value = 10*image + position; labels 7, 0, 7, 9.</summary>
    private string WriteTinySplit(bool gzip = true)
    {
        string dir = TempDir();
        var pixels = new byte[4 * 2 * 3];
        for (int i = 0; i < 4; i++)
            for (int p = 0; p < 6; p++) pixels[i * 6 + p] = (byte)(10 * i + p);
        var images = IdxBytes(Idx.ImagesMagic, [4, 2, 3], pixels);
        var labels = IdxBytes(Idx.LabelsMagic, [4], [7, 0, 7, 9]);
        if (gzip)
        {
            WriteGz(Path.Combine(dir, "train-images-idx3-ubyte.gz"), images);
            WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), labels);
        }
        else
        {
            File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte"), images);
            File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), labels);
        }
        return dir;
    }

    [TestMethod]
    public void ReadsATinyGzippedSplit()
    {
        var ds = FashionMnist.Load(WriteTinySplit());
        Assert.AreEqual(4, ds.Count);
        Assert.AreEqual(3, ds.Width);
        Assert.AreEqual(2, ds.Height);
        Assert.AreEqual(1, ds.Channels);
        CollectionAssert.AreEqual(new[] { 7, 0, 7, 9 }, Enumerable.Range(0, 4).Select(ds.Label).ToArray());
        var img = ds.Get(2);
        // image 2, row 1, column 2 -> position 5 -> byte 25
        Assert.AreEqual(25 / 255f, img[2, 1].R, 1e-7f);
        Assert.AreEqual(img[2, 1].R, img[2, 1].G);
        Assert.AreEqual(img[2, 1].R, img[2, 1].B);
        Assert.AreEqual(20 / 255f, img[0, 0].R, 1e-7f);
    }

    [TestMethod]
    public void ReadsPlainIdxToo()
    {
        var ds = FashionMnist.Load(WriteTinySplit(gzip: false));
        Assert.AreEqual(4, ds.Count);
        Assert.AreEqual(31 / 255f, ds.Get(3)[1, 0].R, 1e-7f);
    }

    [TestMethod]
    public void ClassFilterByNameAndIndexKeepsOriginalLabels()
    {
        string dir = WriteTinySplit();
        var sneakers = FashionMnist.Load(dir, DatasetSplit.Train, ["sneaker"]);
        Assert.AreEqual(2, sneakers.Count);
        Assert.AreEqual(7, sneakers.Label(0));
        Assert.AreEqual(20 / 255f, sneakers.Get(1)[0, 0].R, 1e-7f); // second sneaker is image 2
        var two = FashionMnist.Load(dir, DatasetSplit.Train, ["0", "Ankle boot"]);
        CollectionAssert.AreEqual(new[] { 0, 9 }, new[] { two.Label(0), two.Label(1) });
        Assert.AreEqual(0, FashionMnist.ClassIndex("T-shirt", "x"));
        Assert.AreEqual(0, FashionMnist.ClassIndex("t-shirt/top", "x"));
        var limited = FashionMnist.Load(dir, DatasetSplit.Train, null, limit: 3);
        Assert.AreEqual(3, limited.Count);
    }

    [TestMethod]
    public void ClassFilterOutOfRangeOrUnknownIsAnInputError()
    {
        string dir = WriteTinySplit();
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir, DatasetSplit.Train, ["10"]));
        StringAssert.Contains(e.Message, "outside 0..9");
        e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir, DatasetSplit.Train, ["hat"]));
        StringAssert.Contains(e.Message, "'hat'");
    }

    [TestMethod]
    public void BatchIsNchwScaledToTheRequestedRange()
    {
        var ds = FashionMnist.Load(WriteTinySplit());
        var batch = ds.Batch([3, 1], PixelRange.MinusOneToOne);
        Assert.AreEqual(2 * 1 * 2 * 3, batch.Length);
        Assert.AreEqual(30 / 127.5f - 1f, batch[0], 1e-6f);
        Assert.AreEqual(15 / 127.5f - 1f, batch[6 + 5], 1e-6f);
        var unit = new float[6];
        ds.CopyBatch([2], unit);
        Assert.AreEqual(23 / 255f, unit[3], 1e-7f);
        Assert.ThrowsExactly<ArgumentException>(() => ds.CopyBatch([0, 1], new float[6]));
    }

    [TestMethod]
    public void BadMagicNamesTheFile()
    {
        string dir = WriteTinySplit();
        string path = Path.Combine(dir, "train-images-idx3-ubyte.gz");
        WriteGz(path, IdxBytes(Idx.LabelsMagic, [4], [1, 2, 3, 4]));
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "bad IDX magic 0x00000801");
    }

    [TestMethod]
    public void TruncatedPixelDataNamesTheFileAndTheShortfall()
    {
        string dir = WriteTinySplit();
        string path = Path.Combine(dir, "train-images-idx3-ubyte.gz");
        WriteGz(path, IdxBytes(Idx.ImagesMagic, [4, 2, 3], new byte[20]));
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "promises 24 bytes but only 20");
    }

    [TestMethod]
    public void TruncatedHeaderIsReported()
    {
        string dir = WriteTinySplit();
        string path = Path.Combine(dir, "train-labels-idx1-ubyte.gz");
        WriteGz(path, [0, 0, 8]);
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "truncated IDX header");
    }

    [TestMethod]
    public void TruncatedGzipStreamIsReported()
    {
        string dir = WriteTinySplit();
        string path = Path.Combine(dir, "train-images-idx3-ubyte.gz");
        var big = new byte[4 * 100 * 100];
        new Random(3).NextBytes(big);
        WriteGz(path, IdxBytes(Idx.ImagesMagic, [4, 100, 100], big));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void CorruptGzipIsReported()
    {
        string dir = WriteTinySplit();
        string path = Path.Combine(dir, "train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        for (int i = 10; i < bytes.Length; i++) bytes[i] = 0xFF;
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void ImageLabelCountMismatchIsReported()
    {
        string dir = WriteTinySplit();
        WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), IdxBytes(Idx.LabelsMagic, [3], [1, 2, 3]));
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, "3 labels");
        StringAssert.Contains(e.Message, "4 images");
    }

    [TestMethod]
    public void LabelOutOfRangeIsReported()
    {
        string dir = WriteTinySplit();
        WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), IdxBytes(Idx.LabelsMagic, [4], [1, 2, 13, 3]));
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, "label 13 of item 2");
    }

    [TestMethod]
    public void ExtraBytesAfterTheDataAreReported()
    {
        string dir = WriteTinySplit();
        WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), IdxBytes(Idx.LabelsMagic, [4], [1, 2, 3, 4, 5]));
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(dir));
        StringAssert.Contains(e.Message, "extra bytes");
    }

    [TestMethod]
    public void MissingFolderOrFileIsReported()
    {
        string missing = Path.Combine(TempDir(), "nothing-here");
        var e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(missing));
        StringAssert.Contains(e.Message, missing);
        string empty = TempDir();
        e = Assert.ThrowsExactly<InputException>(() => FashionMnist.Load(empty));
        StringAssert.Contains(e.Message, "train-images-idx3-ubyte");
    }

    [TestMethod]
    public void RealFashionMnistHasTheKnownShapeAndFirstLabels()
    {
        // Installed by Debian's dataset-fashion-mnist (here and in CI).
        var test = FashionMnist.Load(FashionMnist.DefaultDirectory, DatasetSplit.Test);
        Assert.AreEqual(10000, test.Count);
        Assert.AreEqual(28, test.Width);
        Assert.AreEqual(28, test.Height);
        // First test labels of Fashion-MNIST: ankle boot, pullover, trouser, trouser, shirt.
        CollectionAssert.AreEqual(new[] { 9, 2, 1, 1, 6 }, Enumerable.Range(0, 5).Select(test.Label).ToArray());
        var dims = Idx.ReadHeader(Path.Combine(FashionMnist.DefaultDirectory, "train-images-idx3-ubyte.gz"), Idx.ImagesMagic);
        CollectionAssert.AreEqual(new[] { 60000, 28, 28 }, dims);
        var trainLabels = Idx.ReadLabels(Path.Combine(FashionMnist.DefaultDirectory, "train-labels-idx1-ubyte.gz"));
        Assert.AreEqual(60000, trainLabels.Length);
        // First training labels: ankle boot, T-shirt/top, T-shirt/top, dress, T-shirt/top.
        CollectionAssert.AreEqual(new byte[] { 9, 0, 0, 3, 0 }, trainLabels[..5]);
        // Each class has 6,000 training images.
        Assert.AreEqual(6000, trainLabels.Count(l => l == 7));
    }
}

[TestClass]
public class ImageFolderTests : TempFolders
{

    private static Image Solid(int w, int h, float r, float g, float b)
    {
        var img = new Image(w, h);
        img.R.Fill(r); img.G.Fill(g); img.B.Fill(b);
        return img;
    }

    [TestMethod]
    public void LoadsAndResizesUnlabelledPngs()
    {
        string dir = TempDir();
        Png.Write(Solid(10, 6, 1, 0, 0), Path.Combine(dir, "a.png"));
        var two = Image.FromGray(2, 1, [0f, 1f]);
        Png.Write(two, Path.Combine(dir, "b.png"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "ignored");
        var ds = ImageFolder.Load(dir, 4, 1);
        Assert.AreEqual(2, ds.Count);
        Assert.AreEqual(3, ds.Channels);
        Assert.AreEqual(0, ds.ClassNames.Count);
        Assert.AreEqual(-1, ds.Label(0));
        Assert.AreEqual((1f, 0f, 0f), ds.Get(0)[2, 0]);
        // b.png enlarged bilinearly: 0, .25, .75, 1 (stored as bytes)
        var b = ds.Get(1);
        Assert.AreEqual(64 / 255f, b[1, 0].G, 1e-6f);  // 0.25*255+0.5 = 64.25 -> 64
        Assert.AreEqual(191 / 255f, b[2, 0].G, 1e-6f); // 0.75*255+0.5 = 191.75 -> 191
        var grey = ImageFolder.Load(dir, 4, 1, grayscale: true);
        Assert.AreEqual(1, grey.Channels);
        Assert.AreEqual(Png.ToByte(0.299f) / 255f, grey.Get(0)[0, 0].B, 1e-6f);
    }

    [TestMethod]
    public void SubfoldersAreClasses()
    {
        string dir = TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "cats"));
        Directory.CreateDirectory(Path.Combine(dir, "dogs"));
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        Png.Write(Solid(3, 3, 0, 0, 1), Path.Combine(dir, "dogs", "d1.png"));
        Png.Write(Solid(3, 3, 0, 1, 0), Path.Combine(dir, "cats", "c1.png"));
        Png.Write(Solid(3, 3, 0, 1, 0), Path.Combine(dir, "cats", "c2.png"));
        var ds = ImageFolder.Load(dir, 3, 3);
        CollectionAssert.AreEqual(new[] { "cats", "dogs" }, ds.ClassNames.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 0, 1 }, Enumerable.Range(0, 3).Select(ds.Label).ToArray());
        Assert.AreEqual(1f, ds.Get(2)[1, 1].B);
    }

    [TestMethod]
    public void MissingFolderIsReported()
    {
        string missing = Path.Combine(TempDir(), "gone");
        var e = Assert.ThrowsExactly<InputException>(() => ImageFolder.Load(missing, 8, 8));
        StringAssert.Contains(e.Message, missing);
        StringAssert.Contains(e.Message, "not found");
    }

    [TestMethod]
    public void FolderWithoutPngsIsReported()
    {
        string dir = TempDir();
        var e = Assert.ThrowsExactly<InputException>(() => ImageFolder.Load(dir, 8, 8));
        StringAssert.Contains(e.Message, "no .png files");
    }

    [TestMethod]
    public void CorruptPngInTheFolderNamesThatFile()
    {
        string dir = TempDir();
        Png.Write(Solid(3, 3, 0, 0, 1), Path.Combine(dir, "good.png"));
        string bad = Path.Combine(dir, "bad.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        var e = Assert.ThrowsExactly<InputException>(() => ImageFolder.Load(dir, 8, 8));
        StringAssert.Contains(e.Message, bad);
    }
}
