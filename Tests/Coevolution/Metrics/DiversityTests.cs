using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Metrics;

namespace Coevo.Tests.Coevolution.Metrics;

[TestClass]
public class DiversityTests
{
    private static Image Flat(float value, int w = 2, int h = 2) => Image.FromGray(w, h, Enumerable.Repeat(value, w * h).ToArray());

    [TestMethod]
    public void RmsDistanceAveragesOverAllChannelValues()
    {
        // One pixel differing by 1 in red only: sqrt(1/3).
        var a = new Image(1, 1);
        var b = new Image(1, 1, [1f, 0f, 0f]);
        Assert.AreEqual(Math.Sqrt(1 / 3.0), Diversity.RmsDistance(a, b), 1e-6);
        // 2x1: differences (0.5, 0 | 0, 0 | 0.5, 0.5) -> sqrt((0.25 + 0.25 + 0.25) / 6) = sqrt(0.125).
        var c = new Image(2, 1, [0.5f, 0, 0, 0, 0.5f, 0.5f]);
        Assert.AreEqual(Math.Sqrt(0.125), Diversity.RmsDistance(new Image(2, 1), c), 1e-6);
        Assert.AreEqual(0, Diversity.RmsDistance(c, c));
        Assert.ThrowsExactly<ArgumentException>(() => Diversity.RmsDistance(a, c));
    }

    [TestMethod]
    public void MeanPairwiseDistanceOfBlackWhiteAndGrey()
    {
        // Pairs: black-white 1, black-grey 0.5, white-grey 0.5 -> 2/3.
        Assert.AreEqual(2 / 3.0, Diversity.MeanPairwiseDistance([Flat(0), Flat(1), Flat(0.5f)]), 1e-6);
    }

    [TestMethod]
    public void FewerThanTwoOrIdenticalImagesHaveNoDiversity()
    {
        Assert.AreEqual(0, Diversity.MeanPairwiseDistance([]));
        Assert.AreEqual(0, Diversity.MeanPairwiseDistance([Flat(0.3f)]));
        Assert.AreEqual(0, Diversity.MeanPairwiseDistance([Flat(0.3f), Flat(0.3f), Flat(0.3f)]));
    }

    [TestMethod]
    public void PairsAreEnumeratedInLexicographicOrder()
    {
        var expected = new List<(int, int)>();
        for (int i = 0; i < 5; i++)
            for (int j = i + 1; j < 5; j++) expected.Add((i, j));
        CollectionAssert.AreEqual(expected, Enumerable.Range(0, 10).Select(p => Diversity.PairAt(p, 5)).ToList());
    }

    [TestMethod]
    public void LargePopulationsAreSubsampledDeterministically()
    {
        // Four images; pairs in order (0,1) (0,2) (0,3) (1,2) (1,3) (2,3). With 3 pairs of 6: p = 0, 2, 4 -> (0,1), (0,3), (1,3).
        Image[] images = [Flat(0), Flat(0.2f), Flat(0.9f), Flat(0.6f)];
        double expected = (0.2 + 0.6 + 0.4) / 3;
        Assert.AreEqual(expected, Diversity.MeanPairwiseDistance(images, maxPairs: 3), 1e-6);
        double all = (0.2 + 0.9 + 0.6 + 0.7 + 0.4 + 0.3) / 6;
        Assert.AreEqual(all, Diversity.MeanPairwiseDistance(images, maxPairs: 6), 1e-6);
        Assert.AreEqual(all, Diversity.MeanPairwiseDistance(images), 1e-6);
    }
}
