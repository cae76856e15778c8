namespace Coevo.Artists.Cppn;

/// <summary>
/// Node activation functions. The signed sigmoid and gaussian are the cppn-x / Picbreeder forms with range [-1,1];
/// the unsigned ones (<see cref="USigmoid"/>, <see cref="UGaussian"/>) have range [0,1].
/// </summary>
public enum Activation
{
    /// <summary>f(x) = x.</summary>
    Identity,
    /// <summary>f(x) = sin x.</summary>
    Sin,
    /// <summary>f(x) = cos x.</summary>
    Cos,
    /// <summary>cppn-x gaussian: f(x) = 2·exp(−x²) − 1.</summary>
    Gaussian,
    /// <summary>cppn-x sigmoid: f(x) = 2/(1+exp(−x)) − 1 = tanh(x/2).</summary>
    Sigmoid,
    /// <summary>f(x) = tanh x.</summary>
    Tanh,
    /// <summary>f(x) = |x|.</summary>
    Abs,
    /// <summary>cppn-x step: f(x) = 1 if x &gt; 0, else 0.</summary>
    Step,
    /// <summary>Unsigned sigmoid: f(x) = 1/(1+exp(−x)).</summary>
    USigmoid,
    /// <summary>Unsigned gaussian: f(x) = exp(−x²).</summary>
    UGaussian,
}

/// <summary>Names of <see cref="Activation"/> values in JSON and in cppn-x XML.</summary>
public static class ActivationNames
{
    private static readonly (Activation Act, string Json, string Xml)[] Table =
    [
        (Activation.Identity, "identity", "identity(x)"),
        (Activation.Sin, "sin", "sin(x)"),
        (Activation.Cos, "cos", "cos(x)"),
        (Activation.Gaussian, "gaussian", "gaussian(x)"),
        (Activation.Sigmoid, "sigmoid", "sigmoid(x)"),
        (Activation.Tanh, "tanh", "tanh(x)"),
        (Activation.Abs, "abs", "abs(x)"),
        (Activation.Step, "step", "step(x)"),
        (Activation.USigmoid, "usigmoid", "usigmoid(x)"),
        (Activation.UGaussian, "ugaussian", "ugaussian(x)"),
    ];

    /// <summary>The activations new hidden nodes and activation changes draw from by default.</summary>
    public static IReadOnlyList<Activation> All { get; } = Table.Select(t => t.Act).ToArray();

    /// <summary>JSON name, e.g. "gaussian".</summary>
    public static string ToJson(Activation a) => Table.First(t => t.Act == a).Json;

    /// <summary>cppn-x XML name, e.g. "gaussian(x)".</summary>
    public static string ToXml(Activation a) => Table.First(t => t.Act == a).Xml;

    /// <summary>Parses a JSON name (case-insensitive); false if unknown.</summary>
    public static bool TryParseJson(string name, out Activation a) => TryFind(name, t => t.Json, out a);

    /// <summary>Parses a cppn-x XML name such as "sin(x)" (case-insensitive); false if unknown.</summary>
    public static bool TryParseXml(string name, out Activation a) => TryFind(name, t => t.Xml, out a);

    /// <summary>The JSON names, for error messages.</summary>
    public static string JsonList => string.Join(", ", Table.Select(t => t.Json));

    /// <summary>The XML names, for error messages.</summary>
    public static string XmlList => string.Join(", ", Table.Select(t => t.Xml));

    private static bool TryFind(string name, Func<(Activation Act, string Json, string Xml), string> key, out Activation a)
    {
        foreach (var t in Table)
            if (string.Equals(key(t), name.Trim(), StringComparison.OrdinalIgnoreCase)) { a = t.Act; return true; }
        a = default;
        return false;
    }

    /// <summary>Scalar reference value of an activation (double precision); used for constants and checks.</summary>
    public static double Apply(Activation a, double x) => a switch
    {
        Activation.Identity => x,
        Activation.Sin => Math.Sin(x),
        Activation.Cos => Math.Cos(x),
        Activation.Gaussian => 2 * Math.Exp(-x * x) - 1,
        Activation.Sigmoid => 2 / (1 + Math.Exp(-x)) - 1,
        Activation.Tanh => Math.Tanh(x),
        Activation.Abs => Math.Abs(x),
        Activation.Step => x > 0 ? 1 : 0,
        Activation.USigmoid => 1 / (1 + Math.Exp(-x)),
        Activation.UGaussian => Math.Exp(-x * x),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };
}
