using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution;

/// <summary>
/// An image maker. The harness asks it for images, has a critic score them and tells it the scores
/// (ask/tell), so any artist can be paired with any critic.
/// </summary>
public interface IArtist
{
    /// <summary>The images the artist offers for judgement now: its current population, or a batch of samples.</summary>
    IReadOnlyList<Image> Produce(Random rng);

    /// <summary>Learns from the critic's scores (higher is better) of the images from the last <see cref="Produce"/>.</summary>
    void Learn(IReadOnlyList<double> scores, Random rng);

    /// <summary>Writes everything needed to resume into <paramref name="directory"/> (atomic writes).</summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores the state written by <see cref="SaveCheckpoint"/>.</summary>
    void LoadCheckpoint(string directory);
}
