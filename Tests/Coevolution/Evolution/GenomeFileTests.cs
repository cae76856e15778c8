using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Tests.Coevolution.Evolution;

[TestClass]
public class GenomeFileTests
{
    [TestMethod]
    public void WritesAndReadsAGenome()
    {
        string path = Path.Combine(Path.GetTempPath(), $"coevo-genome-{Guid.NewGuid():N}.bits");
        try
        {
            GenomeFile.Write(new BitsFormat(), Bits.Parse("1011"), path);
            Assert.AreEqual("1011", File.ReadAllText(path));
            Assert.AreEqual("1011", GenomeFile.Read(new BitsFormat(), path).ToString());

            File.WriteAllText(path, "10a1");
            var ex = Assert.ThrowsExactly<InputException>(() => GenomeFile.Read(new BitsFormat(), path));
            Assert.AreEqual(path, ex.File);
            StringAssert.Contains(ex.Message, "character 'a' at 2");
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"coevo-missing-{Guid.NewGuid():N}.bits");
        var ex = Assert.ThrowsExactly<InputException>(() => GenomeFile.Read(new BitsFormat(), path));
        Assert.AreEqual(path, ex.File);
        StringAssert.Contains(ex.Message, "not found");
    }

    [TestMethod]
    public void NonInputExceptionsFromAFormatAreWrapped()
    {
        string path = Path.Combine(Path.GetTempPath(), $"coevo-genome-{Guid.NewGuid():N}.bits");
        try
        {
            File.WriteAllText(path, "x");
            var ex = Assert.ThrowsExactly<InputException>(() => GenomeFile.Read(new ThrowingFormat(), path));
            Assert.AreEqual(path, ex.File);
            StringAssert.Contains(ex.Message, "unreadable bits genome: bad token");
        }
        finally { File.Delete(path); }
    }

    private sealed class ThrowingFormat : IGenomeFormat<Bits>
    {
        public string Extension => "bits";
        public string Write(Bits genome) => genome.ToString();
        public Bits Read(string text, string source) => throw new FormatException("bad token");
    }
}
