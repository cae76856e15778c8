using SkiaSharp;

namespace Coevo.Coevolution.Imaging;

/// <summary>
/// DejaVu Sans, regular and bold, embedded in this assembly (files and licence beside this one), so text renders
/// the same on every machine: nothing is looked up among the system's fonts.
/// </summary>
internal static class Fonts
{
    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold.ttf"));

    /// <summary>DejaVu Sans.</summary>
    public static SKTypeface Regular => LazyRegular.Value;
    /// <summary>DejaVu Sans Bold.</summary>
    public static SKTypeface Bold => LazyBold.Value;

    private static SKTypeface Load(string file)
    {
        string name = "Coevo.Fonts." + file;
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"font resource {name} is missing from {typeof(Fonts).Assembly.GetName().Name}");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"SkiaSharp could not load the embedded font {file}");
    }
}
