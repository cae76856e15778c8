using Coevo.Artists.Cppn;
using Coevo.Coevolution;

using Coevo.Tests.Support;

namespace Coevo.Tests.Artists.Cppn;

[TestClass]
public class CppnArtistTests
{
    private static double Brightness(Coevo.Coevolution.Imaging.Image img) => img.Data.Average();

    [TestMethod]
    public void EvolvesTowardBrighterImagesWithSpeciation()
    {
        var options = new CppnArtistOptions { Population = 24, ImageSize = 16, Color = ColorMode.Hsv, TargetSpecies = 3 };
        var artist = CppnArtist.Create(options, new ComponentContext(7, 2, "."));
        var rng = new Random(7);
        double firstBest = 0, firstMean = 0, lastBest = 0, lastMean = 0;
        for (int gen = 0; gen < 12; gen++)
        {
            var images = artist.Produce(rng);
            Assert.AreEqual(24, images.Count);
            Assert.IsTrue(images.All(i => i.Width == 16 && i.Height == 16));
            var scores = images.Select(Brightness).ToList();
            if (gen == 0) (firstBest, firstMean) = (scores.Max(), scores.Average());
            (lastBest, lastMean) = (scores.Max(), scores.Average());
            artist.Learn(scores, rng);
        }
        // The best is near white from the start, so the population's mean shows the progress (0.58 to 0.94 with this seed).
        // (Under elitism the best never drops, so "the best did not fall" could not fail.)
        Assert.IsTrue(lastMean > firstMean + 0.25, $"mean brightness went from {firstMean} to {lastMean}");
        Assert.IsTrue(lastBest >= firstBest);
        Assert.IsTrue(artist.Species!.Distinct().Count() > 1, "several species");
    }

    [TestMethod]
    public void SeedGenomeStartsFromThePicbreederImage()
    {
        var options = new CppnArtistOptions { Population = 6, ImageSize = 32, SeedGenome = Fixtures.Picbreeder("745_LetterG.xml") };
        var artist = CppnArtist.Create(options, new ComponentContext(1, 1, "/"));
        var seed = new CppnXmlFormat().Read(File.ReadAllText(Fixtures.Picbreeder("745_LetterG.xml")), "745");
        var images = artist.Produce(new Random(1));
        CollectionAssert.AreEqual(new CppnRenderer().Render(seed, 32, 32).Data, images[0].Data);
        // The others are mutants, and new structure gets markings above the imported ones.
        artist.Learn(images.Select(Brightness).ToList(), new Random(2));
        for (int gen = 0; gen < 5; gen++) artist.Learn(artist.Produce(new Random(gen)).Select(Brightness).ToList(), new Random(gen));
        var added = artist.Population.SelectMany(g => g.Links).Where(l => !seed.Links.Any(s => s.Innovation == l.Innovation));
        Assert.IsTrue(added.All(l => l.Innovation > seed.MaxMarking));
    }

    [TestMethod]
    public void CheckpointRoundTripKeepsPopulationAndSpeciation()
    {
        var options = new CppnArtistOptions { Population = 10, ImageSize = 8 };
        var a = CppnArtist.Create(options, new ComponentContext(3, 1, "."));
        var rng = new Random(3);
        for (int gen = 0; gen < 3; gen++) a.Learn(a.Produce(rng).Select(Brightness).ToList(), rng);
        string dir = Path.Combine(Path.GetTempPath(), "coevo-cppn-" + Guid.NewGuid().ToString("N"));
        try
        {
            a.SaveCheckpoint(dir);
            var b = CppnArtist.Create(options, new ComponentContext(99, 1, "."));
            b.LoadCheckpoint(dir);
            var json = new CppnJsonFormat();
            CollectionAssert.AreEqual(a.Population.Select(json.Write).ToArray(), b.Population.Select(json.Write).ToArray());
            var ra = new Random(5);
            var rb = new Random(5);
            a.Learn(a.Produce(ra).Select(Brightness).ToList(), ra);
            b.Learn(b.Produce(rb).Select(Brightness).ToList(), rb);
            CollectionAssert.AreEqual(a.Species!.ToArray(), b.Species!.ToArray());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void BadActivationListIsRejected()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new CppnArtistOptions { Activations = "sin wobble" }.ParseActivations());
        StringAssert.Contains(e.Message, "'wobble'");
    }

    [TestMethod]
    public void MalformedSeedGenomeNamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "coevo-bad-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(path, "<data><genome>");
        try
        {
            var e = Assert.ThrowsExactly<InputException>(() => CppnArtist.Create(new CppnArtistOptions { SeedGenome = path }, new ComponentContext(1, 1, "/")));
            Assert.AreEqual(path, e.File);
        }
        finally { File.Delete(path); }
    }
}
