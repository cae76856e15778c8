using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution;

/// <summary>Judges images. Higher scores mean the critic likes an image more (closer to a goal, more "real").</summary>
public interface ICritic
{
    /// <summary>One score per image, in order. Must be deterministic for the same images and state.</summary>
    IReadOnlyList<double> Score(IReadOnlyList<Image> images);
}
