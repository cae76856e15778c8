using System.Globalization;
using System.Xml.Linq;

namespace Coevo.Tests.Artists.Cppn;

/// <summary>
/// An independent, deliberately plain per-pixel evaluation of a cppn-x XML genome, written from the cppn-x sources
/// (CE_Cppn.cpp updateNodes, CE_ActivationFunctions.cpp, CE_Node.cpp setPixel, CE_FinalNodeView.cpp update) and
/// Qt's QColor HSV→RGB. It parses the XML itself and shares no code with Coevo's importer or renderer.
/// Everything is double precision, with cppn-x's sampled (table) sigmoid and gaussian.
/// </summary>
internal sealed class CppnxReference
{
    private sealed record Node(string Key, string Type, string Label, string Activation);
    private sealed record Link(string From, string To, double Weight);

    private readonly Dictionary<string, Node> _nodes = new();
    private readonly List<Link> _links = new();
    private readonly ILookup<string, Link> _incoming;

    public CppnxReference(string path)
    {
        string text = File.ReadAllText(path);
        int decl = text.IndexOf("?>", StringComparison.Ordinal);
        var root = XElement.Parse("<r>" + text[(decl + 2)..] + "</r>");
        static string Key(XElement e) => e.Attribute("branch")!.Value + "_" + e.Attribute("id")!.Value;
        foreach (var n in root.Descendants("node"))
            _nodes[Key(n.Element("marking")!)] = new Node(Key(n.Element("marking")!), n.Attribute("type")!.Value, n.Attribute("label")!.Value, n.Element("activation")!.Value);
        foreach (var l in root.Descendants("link"))
            _links.Add(new Link(Key(l.Element("source")!), Key(l.Element("target")!), double.Parse(l.Element("weight")!.Value, CultureInfo.InvariantCulture)));
        _incoming = _links.ToLookup(l => l.To);
    }

    public string OutputKey(string label) => _nodes.Values.Single(n => n.Type == "out" && n.Label == label).Key;

    /// <summary>Raw value of every node at pixel (px, py) of a width x height image.</summary>
    public Dictionary<string, double> Evaluate(int px, int py, int width, int height)
    {
        double x = px / (width / 2.0) - 1;
        double y = py / (height / 2.0) - 1;
        double d = (double)MathF.Sqrt((float)(x * x + y * y)) * 1.4;
        var memo = new Dictionary<string, double>();
        double Value(string key)
        {
            if (memo.TryGetValue(key, out double v)) return v;
            var node = _nodes[key];
            double sum = node.Type == "in" ? node.Label switch { "x" => x, "y" => y, "d" => d, _ => 1.0 } : 0.0;
            foreach (var l in _incoming[key]) sum += Value(l.From) * l.Weight;
            return memo[key] = Act(node.Activation, sum);
        }
        foreach (var k in _nodes.Keys) Value(k);
        return memo;
    }

    /// <summary>The pixel as 8-bit RGB, as cppn-x's final node view shows it.</summary>
    public (int R, int G, int B) Pixel(int px, int py, int width, int height)
    {
        var v = Evaluate(px, py, width, height);
        bool colour = _nodes.Values.Any(n => n.Label == "hue");
        if (!colour)
        {
            string ink = _nodes.Values.Single(n => n.Type == "out").Key;
            int value = Red(v[ink]);
            return (value, value, value);
        }
        int sat = Blue(v[OutputKey("saturation")]);
        int tempHue = Red(v[OutputKey("hue")]);
        int val = Red(v[OutputKey("brightness")]);
        int hue = Blue(v[OutputKey("hue")]) > 0 ? (int)(tempHue * (360.0 / 255.0) + 360) : (int)(-(tempHue * (360.0 / 255.0)) + 360);
        return QtHsvToRgb(hue % 360, sat, val);
    }

    // Node::setPixel: red and blue channels of a node's picture.
    public static int Red(double value)
    {
        int red = 255;
        if (Math.Abs(value) < 1.0) red = (int)(Math.Abs(value) * 255);
        return red;
    }

    public static int Blue(double value)
    {
        int blue = (int)(Math.Min(Math.Max(value, 0.0), 1.0) * 255);
        if (value > 1.0) blue = (int)((1 - Math.Min(Math.Max((Math.Abs(value) - 1) / 5, 0.0), 1.0)) * 255);
        if (value < -1.0) blue = (int)(Math.Min(Math.Max((Math.Abs(value) - 1) / 5, 0.0), 1.0) * 255);
        return blue;
    }

    // QColor::setHsv followed by red()/green()/blue() (Qt 5: 16-bit channels, sector formula).
    public static (int R, int G, int B) QtHsvToRgb(int hue, int sat, int val)
    {
        static int To8(double c) { int x = (int)Math.Round(c * 65535, MidpointRounding.AwayFromZero); return (x - (x >> 8) + 0x80) >> 8; }
        if (sat == 0) return (val, val, val);
        double h = hue * 100 / 6000.0, s = sat * 0x101 / 65535.0, v = val * 0x101 / 65535.0;
        int i = (int)h;
        double f = h - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        var (r, g, b) = i switch { 0 => (v, t, p), 1 => (q, v, p), 2 => (p, v, t), 3 => (p, q, v), 4 => (t, p, v), _ => (v, p, q) };
        return (To8(r), To8(g), To8(b));
    }

    private static double Act(string name, double x) => name switch
    {
        "identity(x)" => x,
        "sin(x)" => Math.Sin(x),
        "cos(x)" => Math.Cos(x),
        "sigmoid(x)" => Table(Sigmoid, x),
        "gaussian(x)" => Table(Gaussian, x),
        _ => throw new NotSupportedException(name),
    };

    // cppn-x's SampledBoundedFunction: a table at resolution 0.001 between the points where the function flattens out.
    private sealed record Sampled(double[] Values, double Low, double High, int Offset);

    private static readonly Sampled Sigmoid = Sample(x => 1.0 / (1 + MathF.Exp((float)-x)) * 2.0 - 1.0, 15203);
    private static readonly Sampled Gaussian = Sample(x => MathF.Exp((float)(-x * x)) * 2.0 - 1.0, 5516);

    private static Sampled Sample(Func<double, double> f, int size)
    {
        double FindPoint(double center, double boundary)
        {
            double extreme = f(boundary);
            for (int i = 0; i < 1000; i++)
            {
                double m = (center + boundary) / 2.0;
                if (Math.Abs(f(m) - extreme) < 0.001) boundary = m; else center = m;
            }
            return boundary;
        }
        double low = FindPoint(0.0, -100.0) - 0.001;
        double high = FindPoint(0.0, 100.0) + 0.001;
        int offset = (int)(-low * 1000);
        var table = new double[size];
        for (int i = 0; i < size; i++) table[i] = f((i - offset) * 0.001);
        return new Sampled(table, low, high, offset);
    }

    private static double Table(Sampled s, double x)
    {
        if (x <= s.Low) return s.Values[0];
        if (x >= s.High) return s.Values[^1];
        return s.Values[s.Offset + (int)(x * 1000 + 0.5)];
    }
}
