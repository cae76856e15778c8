namespace Coevo.Coevolution.Gradient;

/// <summary>
/// The arithmetic DCGAN generators and discriminators share: each width is one halving (or doubling) of the image,
/// so an image of side s with n widths has an s/2ⁿ core that must be whole and at least 2 (28 = 7·2², 64 = 4·2⁴).
/// </summary>
public static class DcganShape
{
    /// <summary>The side of the core feature map.</summary>
    public static int CoreSize(int imageSize, int widths) =>
        Problem(imageSize, 1, Enumerable.Repeat(1, widths).ToList()) is { } p ? throw new ArgumentException(p) : imageSize >> widths;

    /// <summary>What is wrong with this shape, or null.</summary>
    public static string? Problem(int imageSize, int channels, IReadOnlyList<int> widths)
    {
        if (channels is not (1 or 3)) return $"channels must be 1 or 3, got {channels}";
        if (widths.Count == 0 || widths.Any(w => w < 1)) return "widths needs at least one positive channel count";
        if (widths.Count > 10 || imageSize % (1 << widths.Count) != 0 || imageSize >> widths.Count < 2)
            return $"image_size {imageSize} does not halve {widths.Count} times (once per width) to a whole size of at least 2";
        return null;
    }
}
