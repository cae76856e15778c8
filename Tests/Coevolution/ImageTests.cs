using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Coevolution;

[TestClass]
public class ImageTests
{
    [TestMethod]
    public void IndexerAddressesPlanarData()
    {
        var img = new Image(3, 2);
        img[2, 1] = (0.1f, 0.2f, 0.3f);
        int i = 1 * 3 + 2;
        Assert.AreEqual(0.1f, img.Data[i]);
        Assert.AreEqual(0.2f, img.Data[6 + i]);
        Assert.AreEqual(0.3f, img.Data[12 + i]);
    }

    [TestMethod]
    public void Clamp01MapsNaNAndOutOfRange()
    {
        var img = new Image(1, 1, [float.NaN, -2f, 3f]);
        img.Clamp01();
        CollectionAssert.AreEqual(new[] { 0f, 0f, 1f }, img.Data);
    }

    [TestMethod]
    public void WrongDataLengthIsRejected() =>
        Assert.ThrowsExactly<ArgumentException>(() => new Image(2, 2, new float[5]));
}
