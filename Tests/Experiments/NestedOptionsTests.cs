using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution;
using Coevo.Experiments.Config;

namespace Coevo.Tests.Experiments;

/// <summary>Option classes inside option classes: a component can group its options (a schedule by phase) in nested YAML mappings.</summary>
[TestClass]
public sealed class NestedOptionsTests
{
    public sealed class PhaseOptions
    {
        [Description("units at most")]
        [Range(1, 100)]
        public int Units { get; set; } = 5;

        [Description("threshold")]
        [Range(0.0, 1.0)]
        public double Accuracy { get; set; } = 0.9;
    }

    public sealed class TwoPhaseOptions
    {
        [Description("cycles")]
        [Range(1, 1000)]
        public int Cycles { get; set; } = 3;

        [Description("the critic's phase")]
        public PhaseOptions CriticPhase { get; set; } = new();

        [Description("the artists' phase")]
        public PhaseOptions ArtistPhase { get; set; } = new() { Units = 20 };
    }

    private static TwoPhaseOptions Bind(string yaml)
    {
        var source = YamlSource.Parse(yaml, "schedule.yaml");
        return (TwoPhaseOptions)OptionBinder.Bind(typeof(TwoPhaseOptions), source.Root, source, "schedule (two)", Directory.GetCurrentDirectory());
    }

    [TestMethod]
    public void ANestedMappingBindsItsOwnOptionsAndLeavesTheOthersAtTheirDefaults()
    {
        var o = Bind("cycles: 7\ncritic_phase:\n  units: 12\n");
        Assert.AreEqual(7, o.Cycles);
        Assert.AreEqual(12, o.CriticPhase.Units);
        Assert.AreEqual(0.9, o.CriticPhase.Accuracy);
        Assert.AreEqual(20, o.ArtistPhase.Units, "an unnamed section keeps its own defaults");

        var yaml = OptionBinder.ToYaml(o);
        var back = Bind(Save(new YamlDotNet.RepresentationModel.YamlStream(new YamlDotNet.RepresentationModel.YamlDocument(yaml))));
        Assert.AreEqual(12, back.CriticPhase.Units, "the resolved config round-trips");
        Assert.AreEqual(20, back.ArtistPhase.Units);
        Assert.AreEqual("{units: 20, accuracy: 0.9}", OptionBinder.DefaultText(OptionBinder.Options(typeof(TwoPhaseOptions)).Single(i => i.Key == "artist_phase"), new TwoPhaseOptions()));
    }

    private static string Save(YamlDotNet.RepresentationModel.YamlStream stream)
    {
        var sw = new StringWriter();
        stream.Save(sw, assignAnchors: false);
        return sw.ToString().Replace("...\n", "");
    }

    [TestMethod]
    [DataRow("critic_phase:\n  unit: 3\n", "schedule.yaml:2:3: unknown key 'unit' in schedule (two).critic_phase")]
    [DataRow("critic_phase:\n  accuracy: 1.5\n", "schedule.yaml:2:13: schedule (two).critic_phase.accuracy must be between 0 and 1, got 1.5")]
    [DataRow("artist_phase: 4\n", "schedule.yaml:1:15: schedule (two).artist_phase: expected a mapping of its options (units, accuracy)")]
    public void ABadNestedOptionIsAnErrorAtItsLineNamingItsPath(string yaml, string message)
    {
        var e = Assert.ThrowsExactly<InputException>(() => Bind(yaml));
        StringAssert.Contains(e.Message, message);
    }
}
