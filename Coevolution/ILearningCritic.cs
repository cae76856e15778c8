using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution;

/// <summary>
/// A critic that learns to tell real images from artists' images (HERCL's critic, a CNN trained on an archive of
/// negatives, a novelty archive). Co-evolution alternates its <see cref="Learn"/> with the artists' evolution; old
/// critics are kept, frozen, in a hall of fame.
/// </summary>
public interface ILearningCritic : ICritic
{
    /// <summary>
    /// One unit of learning (a generation of an evolved critic, an epoch of SGD) on <paramref name="real"/> (label 1)
    /// against <paramref name="fake"/> (label 0). Returns what it measured, at least <c>accuracy</c> on that set
    /// after the unit: the balanced accuracy, the mean of the real and the artist images' shares on the right side of
    /// 0.5 (so a few artist images among many real ones count half; co-evolution's critic phase ends on it).
    /// </summary>
    IReadOnlyDictionary<string, double> Learn(IReadOnlyList<Image> real, IReadOnlyList<Image> fake, Random rng);

    /// <summary>A snapshot that scores as this critic does now and never learns again (for the hall of fame).</summary>
    ICritic Freeze();

    /// <summary>Writes everything needed to resume into <paramref name="directory"/> (atomic writes).</summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores the state written by <see cref="SaveCheckpoint"/>.</summary>
    void LoadCheckpoint(string directory);
}
