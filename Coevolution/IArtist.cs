using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution;

/// <summary>
/// An image maker. Every artist offers images for judgement and can be checkpointed; how it learns is a further role:
/// <see cref="IEvolvingArtist"/> learns from a critic's scores, <see cref="Gradient.IDifferentiableArtist"/> from a
/// critic's gradients. A schedule asks for the role it needs, and <c>validate</c> rejects a pairing that lacks it.
/// </summary>
public interface IArtist
{
    /// <summary>The images the artist offers for judgement now: its current population, or a batch of samples.</summary>
    IReadOnlyList<Image> Produce(Random rng);

    /// <summary>Writes everything needed to resume into <paramref name="directory"/> (atomic writes).</summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores the state written by <see cref="SaveCheckpoint"/>.</summary>
    void LoadCheckpoint(string directory);
}

/// <summary>
/// An artist that learns from a critic's scores (ask/tell): evolution, with the scores of the images from the last
/// <see cref="IArtist.Produce"/> as fitness.
/// </summary>
public interface IEvolvingArtist : IArtist
{
    /// <summary>Learns from the critic's scores (higher is better) of the images from the last <see cref="IArtist.Produce"/>.</summary>
    void Learn(IReadOnlyList<double> scores, Random rng);
}
