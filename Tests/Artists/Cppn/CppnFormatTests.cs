using Coevo.Artists.Cppn;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution;

using Coevo.Tests.Support;

namespace Coevo.Tests.Artists.Cppn;

[TestClass]
public class CppnFormatTests
{
    private static CppnGenome Evolved(ColorMode color, int seed)
    {
        var tracker = new InnovationTracker();
        var rng = new Random(seed);
        var g = new CppnGenomeFactory(color, tracker, ActivationNames.All, initialHidden: 4).Create(rng);
        var mutate = new WeightedMutation<CppnGenome>((new AddLinkMutation(tracker), 1), (new AddNodeMutation(tracker, ActivationNames.All), 1), (new WeightMutation(), 1));
        for (int i = 0; i < 20; i++) g = mutate.Mutate(g, rng);
        return g;
    }

    private static void AssertSame(CppnGenome a, CppnGenome b)
    {
        Assert.AreEqual(a.Color, b.Color);
        CollectionAssert.AreEqual(a.Nodes.ToArray(), b.Nodes.ToArray());
        CollectionAssert.AreEqual(a.Links.ToArray(), b.Links.ToArray());
    }

    [TestMethod]
    [DataRow(ColorMode.Grey)]
    [DataRow(ColorMode.Hsv)]
    [DataRow(ColorMode.Rgb)]
    public void JsonRoundTripKeepsEveryGene(ColorMode color)
    {
        var g = Evolved(color, 3);
        Assert.IsTrue(g.Links.Any(l => !l.Enabled), "the test genome should contain a disabled link");
        var format = new CppnJsonFormat();
        string json = format.Write(g);
        StringAssert.Contains(json, "\"kind\": \"cppn\"");
        var back = format.Read(json, "g.json");
        AssertSame(g, back);
        Assert.AreEqual(json, format.Write(back));
        var r = new CppnRenderer();
        CollectionAssert.AreEqual(r.Render(g, 16, 16).Data, r.Render(back, 16, 16).Data);
    }

    [TestMethod]
    public void PicbreederGenomeSurvivesXmlToJsonToXml()
    {
        var xml = new CppnXmlFormat();
        var json = new CppnJsonFormat();
        var g = xml.Read(File.ReadAllText(Fixtures.Picbreeder("4041_Doplhin.xml")), "4041_Doplhin.xml");
        var viaJson = json.Read(json.Write(g), "d.json");
        AssertSame(g, viaJson);
        var viaXml = xml.Read(xml.Write(g), "d.xml");
        AssertSame(g, viaXml);
    }

    private static InputException JsonError(string text) =>
        Assert.ThrowsExactly<InputException>(() => new CppnJsonFormat().Read(text, "bad.json"));

    private const string Inputs =
        "{\"id\":0,\"kind\":\"input\",\"label\":\"x\"},{\"id\":1,\"kind\":\"input\",\"label\":\"y\"},{\"id\":2,\"kind\":\"input\",\"label\":\"d\"},{\"id\":3,\"kind\":\"bias\",\"label\":\"bias\"}";

    private static string Genome(string extraNodes, string links, string kind = "cppn", string color = "grey") =>
        $"{{\"kind\":\"{kind}\",\"color\":\"{color}\",\"nodes\":[{Inputs},{{\"id\":4,\"kind\":\"output\",\"label\":\"ink\",\"activation\":\"gaussian\"}}{extraNodes}],\"links\":[{links}]}}";

    [TestMethod]
    public void HandWrittenJsonIsAccepted()
    {
        var g = new CppnJsonFormat().Read(Genome(",{\"id\":5,\"kind\":\"hidden\",\"activation\":\"sin\"}",
            "{\"innovation\":6,\"from\":0,\"to\":5,\"weight\":1.5},{\"innovation\":7,\"from\":5,\"to\":4,\"weight\":-2,\"enabled\":false}"), "ok.json");
        Assert.AreEqual(6, g.Nodes.Count);
        Assert.AreEqual(Activation.Sin, g.Nodes[5].Activation);
        Assert.IsFalse(g.Links[1].Enabled);
    }

    [TestMethod]
    public void MalformedJsonNamesFileAndLine()
    {
        var e = JsonError("{\n  \"kind\": \"cppn\",\n  \"color\": grey\n}");
        Assert.AreEqual("bad.json", e.File);
        Assert.AreEqual(3, e.Line);
        StringAssert.StartsWith(e.Message, "bad.json:3:");
    }

    [TestMethod]
    [DataRow("[1,2]", "must be a JSON object")]
    [DataRow("{\"kind\":\"gp\",\"color\":\"grey\",\"nodes\":[],\"links\":[]}", "expected 'cppn'")]
    [DataRow("{\"kind\":\"cppn\",\"color\":\"purple\",\"nodes\":[],\"links\":[]}", "\"color\" is 'purple'")]
    [DataRow("{\"kind\":\"cppn\",\"color\":\"grey\",\"links\":[]}", "missing array \"nodes\"")]
    public void BadTopLevelIsRejected(string text, string problem)
    {
        var e = JsonError(text);
        StringAssert.Contains(e.Message, problem);
        StringAssert.StartsWith(e.Message, "bad.json: ");
    }

    [TestMethod]
    [DataRow(",{\"id\":5,\"kind\":\"hidden\",\"activation\":\"wobble\"}", "", "unknown activation 'wobble'")]
    [DataRow(",{\"id\":5,\"kind\":\"hidden\",\"activation\":\"sin\"}", "{\"innovation\":6,\"from\":0,\"to\":9,\"weight\":1}", "goes to node 9, which does not exist")]
    [DataRow(",{\"id\":4,\"kind\":\"hidden\",\"activation\":\"sin\"}", "", "node id 4 is used twice")]
    [DataRow(",{\"id\":5,\"kind\":\"hidden\"},{\"id\":6,\"kind\":\"hidden\"}",
        "{\"innovation\":7,\"from\":5,\"to\":6,\"weight\":1},{\"innovation\":8,\"from\":6,\"to\":5,\"weight\":1}", "cycle")]
    [DataRow("", "{\"innovation\":6,\"from\":0,\"to\":4}", "missing number \"weight\"")]
    [DataRow("", "{\"innovation\":6,\"from\":4,\"to\":0,\"weight\":1}", "goes into input node 0")]
    [DataRow("", "{\"innovation\":6,\"from\":0,\"to\":4,\"weight\":1},{\"innovation\":6,\"from\":1,\"to\":4,\"weight\":1}", "innovation number 6 is used twice")]
    [DataRow(",{\"id\":5,\"kind\":\"output\",\"label\":\"hue\"}", "", "unexpected label 'hue'")]
    [DataRow(",{\"id\":5,\"kind\":\"sideways\"}", "", "\"kind\" is 'sideways'")]
    public void BadGenesAreRejectedWithTheProblem(string extraNodes, string links, string problem)
    {
        var e = JsonError(Genome(extraNodes, links));
        StringAssert.Contains(e.Message, problem);
        Assert.AreEqual("bad.json", e.File);
    }

    [TestMethod]
    public void MissingInputIsRejected()
    {
        var e = JsonError("{\"kind\":\"cppn\",\"color\":\"grey\",\"nodes\":[{\"id\":4,\"kind\":\"output\",\"label\":\"ink\"}],\"links\":[]}");
        StringAssert.Contains(e.Message, "missing input node 'x'");
    }

    private static InputException XmlError(string text) =>
        Assert.ThrowsExactly<InputException>(() => new CppnXmlFormat().Read(text, "bad.xml"));

    private static string Fixture() => File.ReadAllText(Fixtures.Picbreeder("121_ShortSDCoif.xml"));

    [TestMethod]
    public void MalformedXmlNamesFileAndLine()
    {
        string text = Fixture().Replace("</nodes>", "</nodez>");
        var e = XmlError(text);
        Assert.AreEqual("bad.xml", e.File);
        int expectedLine = text[..text.IndexOf("</nodez>", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.AreEqual(expectedLine, e.Line);
        StringAssert.Contains(e.Message, "not valid XML");
    }

    [TestMethod]
    public void XmlErrorsNameTheProblem()
    {
        StringAssert.Contains(XmlError("<?xml version=\"1.0\"?>\n<data/>").Message, "no <genome> element");
        StringAssert.Contains(XmlError(Fixture().Replace("<activation>sin(x)</activation>", "<activation>wobble(x)</activation>")).Message, "unknown activation 'wobble(x)'");
        StringAssert.Contains(XmlError(Fixture().Replace("<weight>-3</weight>", "<weight>lots</weight>")).Message, "weight 'lots' is not a finite number");
        StringAssert.Contains(XmlError(Fixture().Replace("<target branch=\"121\" id=\"65\"/>", "<target branch=\"121\" id=\"99999\"/>")).Message, "goes to node 121_99999, which is not in <nodes>");
        StringAssert.Contains(XmlError(Fixture().Replace("label=\"ink\"", "label=\"glitter\"")).Message, "'glitter'");
        var e = XmlError(Fixture().Replace("type=\"hidden\"", "type=\"middle\""));
        StringAssert.Contains(e.Message, "unknown type 'middle'");
        Assert.IsTrue(e.Line > 0, "the line of the bad node is reported");
    }

    [TestMethod]
    public void RecurrentXmlGenomeIsRejected()
    {
        // Add a link from the ink output back into the first hidden node (whose output reaches ink).
        string loop = "<link><marking branch=\"0\" id=\"99998\"/><source branch=\"95\" id=\"25\"/><target branch=\"121\" id=\"65\"/><weight>1</weight></link>";
        var e = XmlError(Fixture().Replace("</links>", loop + "</links>"));
        StringAssert.Contains(e.Message, "cycle");
        Assert.AreEqual("bad.xml", e.File);
    }
}
