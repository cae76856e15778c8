namespace Coevo.Artists.Gp;

/// <summary>The node kinds of a GP expression tree (Sims 1991): terminals, arithmetic, trigonometric, control, colour and texture.</summary>
public enum GpOp : byte
{
    /// <summary>The pixel's x coordinate in [-1,1], left to right.</summary>
    X,
    /// <summary>The pixel's y coordinate in [-1,1], top to bottom.</summary>
    Y,
    /// <summary>Distance from the image centre, sqrt(x²+y²).</summary>
    R,
    /// <summary>An ephemeral scalar constant (the same in all three channels).</summary>
    Const,
    /// <summary>An ephemeral colour-vector constant (one value per channel).</summary>
    Color,
    /// <summary>a + b.</summary>
    Add,
    /// <summary>a − b.</summary>
    Sub,
    /// <summary>a · b.</summary>
    Mul,
    /// <summary>Protected division: a / b, or 1 where |b| ≤ 1e-6.</summary>
    Div,
    /// <summary>Protected floored modulo: a − b·floor(a/b), or 0 where |b| ≤ 1e-6.</summary>
    Mod,
    /// <summary>min(a, b).</summary>
    Min,
    /// <summary>max(a, b).</summary>
    Max,
    /// <summary>|a|.</summary>
    Abs,
    /// <summary>sin a.</summary>
    Sin,
    /// <summary>cos a.</summary>
    Cos,
    /// <summary>atan2(a, b) (a plays y, b plays x).</summary>
    Atan2,
    /// <summary>Protected exp: exp(clamp(a, −10, 10)).</summary>
    Exp,
    /// <summary>Protected log: log(max(|a|, 1e-6)).</summary>
    Log,
    /// <summary>if-then-else on sign: c &gt; 0 ? a : b, per channel.</summary>
    If,
    /// <summary>Seeded 2-D value noise sampled at (a, b), in [−1,1]; the seed is stored in the node.</summary>
    Noise,
    /// <summary>Seeded colour noise: three independent value-noise channels sampled at (a, b).</summary>
    ColorNoise,
    /// <summary>hsv→rgb: hue, saturation and value from the three arguments (each mapped from [−1,1]).</summary>
    Hsv,
    /// <summary>Warp: evaluates its first argument at the coordinates displaced by the second (x) and third (y).</summary>
    Warp,
    /// <summary>Builds a colour: red from the first argument's red channel, green from the second's, blue from the third's.</summary>
    Rgb,
}

/// <summary>Static facts about <see cref="GpOp"/>: arity, S-expression name, groups used by the generators.</summary>
public static class GpOps
{
    /// <summary>Every op, in enum order.</summary>
    public static IReadOnlyList<GpOp> All { get; } = Enum.GetValues<GpOp>();

    /// <summary>Every function (arity ≥ 1).</summary>
    public static IReadOnlyList<GpOp> Functions { get; } = All.Where(o => Arity(o) > 0).ToArray();

    /// <summary>The coordinate terminals x, y, r.</summary>
    public static IReadOnlyList<GpOp> Variables { get; } = [GpOp.X, GpOp.Y, GpOp.R];

    /// <summary>Number of children a node of this kind has.</summary>
    public static int Arity(GpOp op) => op switch
    {
        GpOp.X or GpOp.Y or GpOp.R or GpOp.Const or GpOp.Color => 0,
        GpOp.Abs or GpOp.Sin or GpOp.Cos or GpOp.Exp or GpOp.Log => 1,
        GpOp.Add or GpOp.Sub or GpOp.Mul or GpOp.Div or GpOp.Mod or GpOp.Min or GpOp.Max or GpOp.Atan2
            or GpOp.Noise or GpOp.ColorNoise => 2,
        GpOp.If or GpOp.Hsv or GpOp.Warp or GpOp.Rgb => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown GP op"),
    };

    /// <summary>True for noise ops, which carry a seed.</summary>
    public static bool HasSeed(GpOp op) => op is GpOp.Noise or GpOp.ColorNoise;

    /// <summary>The name used in the S-expression and JSON forms.</summary>
    public static string Name(GpOp op) => op switch
    {
        GpOp.X => "x",
        GpOp.Y => "y",
        GpOp.R => "r",
        GpOp.Const => "const",
        GpOp.Color => "color",
        GpOp.Add => "+",
        GpOp.Sub => "-",
        GpOp.Mul => "*",
        GpOp.Div => "/",
        GpOp.Mod => "mod",
        GpOp.Min => "min",
        GpOp.Max => "max",
        GpOp.Abs => "abs",
        GpOp.Sin => "sin",
        GpOp.Cos => "cos",
        GpOp.Atan2 => "atan2",
        GpOp.Exp => "exp",
        GpOp.Log => "log",
        GpOp.If => "if",
        GpOp.Noise => "noise",
        GpOp.ColorNoise => "color-noise",
        GpOp.Hsv => "hsv",
        GpOp.Warp => "warp",
        GpOp.Rgb => "rgb",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown GP op"),
    };

    private static readonly Dictionary<string, GpOp> ByName = All.ToDictionary(Name, o => o);

    /// <summary>The op with this S-expression/JSON name, if any.</summary>
    public static bool TryParse(string name, out GpOp op) => ByName.TryGetValue(name, out op);

    /// <summary>All names, for error messages.</summary>
    public static string KnownNames => string.Join(" ", All.Where(o => o is not (GpOp.Const or GpOp.Color)).Select(Name));
}
