using Coevo.Coevolution.IO;

namespace Coevo.Tests.Coevolution;

[TestClass]
[DoNotParallelize] // uses the process-wide crash hook
public class AtomicFileTests
{
    [TestMethod]
    public void ACrashBeforeTheRenameLeavesTheOldFileWhole()
    {
        string dir = Directory.CreateTempSubdirectory("coevo-atomic-").FullName;
        string path = Path.Combine(dir, "metrics.csv");
        AtomicFile.WriteAllText(path, "old,complete\n");
        FaultPoints.Hook = name => { if (name == AtomicFile.BeforeRename) throw new IOException("simulated crash"); };
        try
        {
            Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteAllText(path, "new,half-writ"));
        }
        finally
        {
            FaultPoints.Hook = null;
        }
        Assert.AreEqual("old,complete\n", File.ReadAllText(path));
        CollectionAssert.AreEqual(new[] { "metrics.csv" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray(), "no temporary file is left behind");

        AtomicFile.WriteAllText(path, "new,complete\n");
        Assert.AreEqual("new,complete\n", File.ReadAllText(path));
        Directory.Delete(dir, true);
    }
}
