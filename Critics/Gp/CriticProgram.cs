using Coevo.Coevolution.Evolution;

namespace Coevo.Critics.Gp;

/// <summary>The node kinds of a GP critic program: terminals read a feature or hold a constant; functions combine.</summary>
public enum CriticOp
{
    /// <summary>The value of one image feature (<see cref="Features.ImageFeatures.Names"/>).</summary>
    Feature,
    /// <summary>A constant.</summary>
    Const,
    /// <summary>a + b</summary>
    Add,
    /// <summary>a − b</summary>
    Sub,
    /// <summary>a · b</summary>
    Mul,
    /// <summary>Protected division: a / b, or 1 when |b| &lt; 1e-9.</summary>
    Div,
    /// <summary>min(a, b)</summary>
    Min,
    /// <summary>max(a, b)</summary>
    Max,
    /// <summary>−a</summary>
    Neg,
    /// <summary>|a|</summary>
    Abs,
    /// <summary>a &gt; b ? c : d</summary>
    IfGreater,
}

/// <summary>Names and arities of <see cref="CriticOp"/>s, as the text format writes them.</summary>
public static class CriticOps
{
    /// <summary>Every function (non-terminal), in a fixed order.</summary>
    public static IReadOnlyList<CriticOp> Functions { get; } =
        [CriticOp.Add, CriticOp.Sub, CriticOp.Mul, CriticOp.Div, CriticOp.Min, CriticOp.Max, CriticOp.Neg, CriticOp.Abs, CriticOp.IfGreater];

    /// <summary>How many arguments <paramref name="op"/> takes.</summary>
    public static int Arity(CriticOp op) => op switch
    {
        CriticOp.Feature or CriticOp.Const => 0,
        CriticOp.Neg or CriticOp.Abs => 1,
        CriticOp.IfGreater => 4,
        _ => 2,
    };

    /// <summary>The name in S-expressions.</summary>
    public static string Name(CriticOp op) => op switch
    {
        CriticOp.Add => "+",
        CriticOp.Sub => "-",
        CriticOp.Mul => "*",
        CriticOp.Div => "/",
        CriticOp.Min => "min",
        CriticOp.Max => "max",
        CriticOp.Neg => "neg",
        CriticOp.Abs => "abs",
        CriticOp.IfGreater => "if>",
        CriticOp.Feature => "feature",
        _ => "const",
    };

    /// <summary>The function named <paramref name="name"/>, if there is one.</summary>
    public static bool TryParseFunction(string name, out CriticOp op)
    {
        foreach (var f in Functions)
            if (Name(f) == name) { op = f; return true; }
        op = default;
        return false;
    }
}

/// <summary>
/// One immutable node of a GP critic program over an image's feature vector. Subtrees are shared freely between
/// programs; size and depth are cached (<see cref="TreeNode{TSelf}"/>).
/// </summary>
public sealed class CriticNode : TreeNode<CriticNode>
{
    /// <summary>The node's kind.</summary>
    public CriticOp Op { get; }
    /// <summary>The constant (<see cref="CriticOp.Const"/>) or the feature index (<see cref="CriticOp.Feature"/>); 0 otherwise.</summary>
    public double Value { get; }

    private CriticNode(CriticOp op, double value, CriticNode[] children) : base(children)
    {
        if (children.Length != CriticOps.Arity(op))
            throw new ArgumentException($"'{CriticOps.Name(op)}' takes {CriticOps.Arity(op)} argument(s), got {children.Length}");
        Op = op;
        Value = value;
    }

    /// <inheritdoc />
    protected override CriticNode WithNewChildren(CriticNode[] children) => new(Op, Value, children);

    /// <summary>A terminal reading feature <paramref name="index"/>.</summary>
    public static CriticNode Feature(int index) =>
        index >= 0 ? new(CriticOp.Feature, index, []) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>A constant terminal (finite).</summary>
    public static CriticNode Constant(double value) =>
        double.IsFinite(value) ? new(CriticOp.Const, value, []) : throw new ArgumentException($"constant must be finite, got {value}");

    /// <summary>A function node.</summary>
    public static CriticNode Function(CriticOp op, params CriticNode[] children) =>
        CriticOps.Arity(op) > 0 ? new(op, 0, (CriticNode[])children.Clone()) : throw new ArgumentException($"'{CriticOps.Name(op)}' is a terminal");

    /// <summary>The feature index of a <see cref="CriticOp.Feature"/> node.</summary>
    public int FeatureIndex => (int)Value;

    /// <summary>The program's output for a feature vector. Never NaN: protected division, and NaN from ∞ − ∞ becomes 0.</summary>
    public double Evaluate(ReadOnlySpan<double> features)
    {
        double v = Op switch
        {
            CriticOp.Feature => features[(int)Value],
            CriticOp.Const => Value,
            CriticOp.Add => Children[0].Evaluate(features) + Children[1].Evaluate(features),
            CriticOp.Sub => Children[0].Evaluate(features) - Children[1].Evaluate(features),
            CriticOp.Mul => Children[0].Evaluate(features) * Children[1].Evaluate(features),
            CriticOp.Div => Divide(Children[0].Evaluate(features), Children[1].Evaluate(features)),
            CriticOp.Min => Math.Min(Children[0].Evaluate(features), Children[1].Evaluate(features)),
            CriticOp.Max => Math.Max(Children[0].Evaluate(features), Children[1].Evaluate(features)),
            CriticOp.Neg => -Children[0].Evaluate(features),
            CriticOp.Abs => Math.Abs(Children[0].Evaluate(features)),
            CriticOp.IfGreater => Children[0].Evaluate(features) > Children[1].Evaluate(features)
                ? Children[2].Evaluate(features) : Children[3].Evaluate(features),
            _ => throw new InvalidOperationException($"unknown op {Op}"),
        };
        return double.IsNaN(v) ? 0 : v;
    }

    private static double Divide(double a, double b) => Math.Abs(b) < 1e-9 ? 1 : a / b;

    /// <summary>The S-expression form.</summary>
    public override string ToString() => CriticProgramFormat.Format(this);
}

/// <summary>
/// The GP critic's genome: an immutable expression over an image's feature vector whose output, squashed by the
/// logistic function, is the critic's belief that the image is real. Operators return new programs.
/// </summary>
public sealed class CriticProgram(CriticNode root)
{
    /// <summary>The root node.</summary>
    public CriticNode Root { get; } = root ?? throw new ArgumentNullException(nameof(root));
    /// <summary>Number of nodes.</summary>
    public int Size => Root.Size;
    /// <summary>Depth (a lone terminal has depth 1).</summary>
    public int Depth => Root.Depth;

    /// <summary>The raw output for a feature vector (never NaN).</summary>
    public double Evaluate(ReadOnlySpan<double> features) => Root.Evaluate(features);

    /// <summary>The output squashed to (0,1) by the logistic function: the "realness" of the image.</summary>
    public double Realness(ReadOnlySpan<double> features) => Logistic(Evaluate(features));

    /// <summary>1 / (1 + e^−x).</summary>
    public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The S-expression form.</summary>
    public override string ToString() => Root.ToString();
}
