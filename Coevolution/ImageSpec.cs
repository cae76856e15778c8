namespace Coevo.Coevolution;

/// <summary>The size and channels of images a component makes or takes (channels: 1 grey, 3 RGB).</summary>
public readonly record struct ImageSpec(int Width, int Height, int Channels)
{
    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
