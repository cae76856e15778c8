using Coevo.Artists.Dcgan;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Gradient;
using Coevo.Critics.Cnn;
using static TorchSharp.torch;

namespace Coevo.Tests.Coevolution.Gradient;

/// <summary>Tiny GAN set-ups on generated data: 16x16 grey images of a bright square on black.</summary>
internal static class GanTestData
{
    public static ByteImageDataset Squares(int count = 64, int size = 16, int seed = 0)
    {
        var rng = new Random(seed);
        var pixels = new byte[count * size * size];
        for (int i = 0; i < count; i++)
        {
            int x0 = rng.Next(0, size - 6), y0 = rng.Next(0, size - 6), side = rng.Next(3, 7);
            for (int y = y0; y < y0 + side; y++)
                for (int x = x0; x < x0 + side; x++)
                    pixels[i * size * size + y * size + x] = 255;
        }
        return new ByteImageDataset("squares", size, size, 1, pixels, new int[count].Select(_ => -1).ToArray(), []);
    }

    public static DcganArtist Artist(int seed = 1) =>
        new(new DcganArtistOptions { ImageSize = 16, Widths = [32, 16], LatentSize = 8, Samples = 8, Lr = 1e-3 }, seed, CPU);

    public static CnnCritic Critic(int seed = 1, double dropout = 0, bool stddev = false) =>
        new(new CnnCriticOptions { ImageSize = 16, Widths = [8, 16], Dropout = dropout, MinibatchStddev = stddev, Lr = 1e-3 }, seed, CPU);
}
