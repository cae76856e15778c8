using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Coevolution.Gradient;

/// <summary>
/// Where images meet tensors: batches of <see cref="Image"/>s or dataset images become [N, C, H, W] float tensors in
/// [-1, 1] (a tanh generator's range), and tensors become images again. Grey (C = 1) is the mean of R, G and B, as
/// <see cref="Image.ToGray"/>; images of another size are resized first (<see cref="Image.Resize"/>).
/// </summary>
public static class ImageTensors
{
    /// <summary>Images -> [N, <paramref name="channels"/>, <paramref name="size"/>, <paramref name="size"/>] in [-1, 1] on <paramref name="device"/>.</summary>
    public static Tensor FromImages(IReadOnlyList<Image> images, int channels, int size, Device? device = null)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), "channels must be 1 or 3");
        int plane = size * size, per = channels * plane;
        var data = new float[images.Count * per];
        for (int i = 0; i < images.Count; i++)
        {
            var img = images[i].Width == size && images[i].Height == size ? images[i] : images[i].Resize(size, size);
            var dst = data.AsSpan(i * per, per);
            if (channels == 3) img.Data.AsSpan().CopyTo(dst);
            else img.ToGray().AsSpan().CopyTo(dst);
        }
        for (int k = 0; k < data.Length; k++) data[k] = data[k] * 2f - 1f;
        return torch.tensor(data, [images.Count, channels, size, size], device: device);
    }

    /// <summary>Dataset images at <paramref name="indices"/> -> [N, C, H, W] in [-1, 1] (C = the dataset's channels).</summary>
    public static Tensor FromDataset(IImageDataset dataset, ReadOnlySpan<int> indices, Device? device = null)
    {
        var data = new float[indices.Length * dataset.Channels * dataset.Height * dataset.Width];
        dataset.CopyBatch(indices, data, PixelRange.MinusOneToOne);
        return torch.tensor(data, [indices.Length, dataset.Channels, dataset.Height, dataset.Width], device: device);
    }

    /// <summary>[N, C, H, W] in [-1, 1] (C = 1 or 3) -> N RGB images in [0, 1], clamped.</summary>
    public static IReadOnlyList<Image> ToImages(Tensor batch)
    {
        if (batch.dim() != 4 || batch.shape[1] is not (1 or 3))
            throw new ArgumentException($"expected [N, 1|3, H, W], got [{string.Join(", ", batch.shape)}]", nameof(batch));
        int n = (int)batch.shape[0], c = (int)batch.shape[1], h = (int)batch.shape[2], w = (int)batch.shape[3];
        using var cpu = batch.detach().to(torch.CPU).add(1).div_(2).clamp_(0, 1).contiguous();
        var all = cpu.data<float>().ToArray();
        var result = new Image[n];
        int plane = h * w;
        for (int i = 0; i < n; i++)
        {
            var data = new float[3 * plane];
            for (int ch = 0; ch < 3; ch++)
                Array.Copy(all, i * c * plane + (c == 3 ? ch : 0) * plane, data, ch * plane, plane);
            result[i] = new Image(w, h, data);
        }
        return result;
    }
}
