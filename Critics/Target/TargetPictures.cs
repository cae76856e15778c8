using Coevo.Coevolution.Imaging;

namespace Coevo.Critics.Target;

/// <summary>
/// The example target pictures shipped in <c>Experiments/configs/targets/</c>, drawn with <see cref="Canvas"/> so they
/// can be regenerated at any size. Both are smooth, simple shapes that GP trees and CPPNs can visibly approach.
/// </summary>
public static class TargetPictures
{
    /// <summary>File name -> picture, as shipped.</summary>
    public static IReadOnlyDictionary<string, Func<int, Image>> All { get; } = new Dictionary<string, Func<int, Image>>
    {
        ["radial-disc.png"] = RadialDisc,
        ["sun-horizon.png"] = SunOverHorizon,
    };

    /// <summary>A warm disc shaded from yellow at the centre to red at its rim, on dark blue.</summary>
    public static Image RadialDisc(int size)
    {
        using var c = new Canvas(size, size, new Rgb(0.05, 0.07, 0.25));
        c.FillRadialGradientCircle(size * 0.5, size * 0.5, size * 0.38, new Rgb(1.0, 0.95, 0.4), new Rgb(0.85, 0.15, 0.1));
        return c.ToImage();
    }

    /// <summary>A yellow sun in an orange-to-blue sky above a dark green ground.</summary>
    public static Image SunOverHorizon(int size)
    {
        using var c = new Canvas(size, size);
        double horizon = size * 0.68;
        c.FillLinearGradientRectangle(0, 0, size, horizon, 0, 0, new Rgb(0.15, 0.3, 0.75), 0, horizon, new Rgb(1.0, 0.6, 0.3));
        c.FillCircle(size * 0.5, horizon - size * 0.12, size * 0.17, new Rgb(1.0, 0.9, 0.25));
        c.FillLinearGradientRectangle(0, horizon, size, size - horizon, 0, horizon, new Rgb(0.12, 0.4, 0.15), 0, size, new Rgb(0.04, 0.18, 0.06));
        return c.ToImage();
    }
}
