using Coevo.Coevolution;
using Coevo.Experiments.Config;

namespace Coevo.Tests.Experiments;

[TestClass]
public class MetricsConfigTests
{
    private static InputException Reject(string yaml)
    {
        using var folder = new TestFolder();
        string path = folder.Write(yaml);
        return Assert.ThrowsExactly<InputException>(() => ExperimentConfig.Load(path));
    }

    private const string Data = "data:\n  type: fashion_mnist\n  limit: 10\n";

    [TestMethod]
    public void MetricsBindWithDefaultsAndRoundTrip()
    {
        using var folder = new TestFolder();
        var cfg = ExperimentConfig.Load(folder.Write(TestFolder.ValidYaml(Data + "metrics:\n  every: 5\n")));
        Assert.AreEqual(5, cfg.Metrics!.Every);
        Assert.AreEqual(1000, cfg.Metrics.Samples);
        Assert.AreEqual("coevo-fashion-mnist", cfg.Metrics.Features);
        string again = Path.Combine(folder.Dir, "again.yaml");
        File.WriteAllText(again, cfg.ToYaml());
        var reloaded = ExperimentConfig.Load(again);
        Assert.AreEqual(5, reloaded.Metrics!.Every);
        Assert.IsNull(ExperimentConfig.Load(folder.Write(TestFolder.ValidYaml())).Metrics);
    }

    [TestMethod]
    public void MetricsWithoutDataIsRejectedWhereItStands()
    {
        var e = Reject(TestFolder.ValidYaml("metrics:\n  every: 5"));
        Assert.AreEqual(18, e.Line, e.Message);
        StringAssert.Contains(e.Message, "add a data: section");
    }

    [TestMethod]
    public void BadMetricsValuesAreRejectedWithTheirPosition()
    {
        var range = Reject(TestFolder.ValidYaml(Data + "metrics:\n  samples: 2"));
        StringAssert.Contains(range.Message, "metrics.samples must be between 4 and 100000");
        var features = Reject(TestFolder.ValidYaml(Data + "metrics:\n  features: inception-v3"));
        StringAssert.Contains(features.Message, "unknown feature network 'inception-v3'");
        Assert.AreEqual(21, features.Line, features.Message);
        var path = Reject(TestFolder.ValidYaml(Data + "metrics:\n  features: nets/missing.safetensors"));
        StringAssert.Contains(path.Message, "feature network weights not found");
    }
}
