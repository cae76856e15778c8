using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Coevo.Coevolution.Imaging;

namespace Coevo.Coevolution.Datasets;

/// <summary>Options of the image-folder dataset.</summary>
[Description("a folder of PNG images, resized to one size; subfolders, when present, are the classes")]
public sealed class ImageFolderOptions
{
    [Description("the folder of .png files (or of one subfolder of .png files per class)")]
    [ExistingPath]
    [System.ComponentModel.DataAnnotations.Required]
    public string Path { get; set; } = "";

    [Description("width every image is resized to")]
    [Range(1, 4096)]
    public int Width { get; set; } = 64;

    [Description("height every image is resized to")]
    [Range(1, 4096)]
    public int Height { get; set; } = 64;

    [Description("store one grey channel instead of RGB")]
    public bool Grayscale { get; set; }

    [Description("keep at most this many images (in name order); 0 keeps all")]
    [Range(0, 1_000_000)]
    public int Limit { get; set; }
}

/// <summary>
/// Loads every PNG in a folder, resized (<see cref="Image.Resize"/>) to one size. If the folder has subfolders
/// holding PNGs, each such subfolder is a class (in ordinal name order, as torchvision's ImageFolder) and
/// PNGs directly in the folder are unlabelled; otherwise all images are unlabelled (-1).
/// </summary>
public static class ImageFolder
{
    /// <summary>Loads the folder described by <paramref name="options"/>; a relative path starts at the context's base folder.</summary>
    public static ByteImageDataset Create(ImageFolderOptions options, ComponentContext context) =>
        Load(System.IO.Path.Combine(context.BaseDirectory, options.Path), options.Width, options.Height, options.Grayscale, options.Limit);

    /// <summary>Loads and resizes the PNGs under <paramref name="directory"/>.</summary>
    public static ByteImageDataset Load(string directory, int width, int height, bool grayscale = false, int limit = 0)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"size must be positive, got {width}x{height}");
        if (!Directory.Exists(directory))
            throw new InputException(File.Exists(directory) ? "expected a folder of PNG images, found a file" : "image folder not found", directory);

        var files = new List<(string Path, int Label)>();
        var classNames = new List<string>();
        foreach (var sub in Directory.GetDirectories(directory).OrderBy(d => d, StringComparer.Ordinal))
        {
            var pngs = Pngs(sub);
            if (pngs.Length == 0) continue;
            int label = classNames.Count;
            classNames.Add(System.IO.Path.GetFileName(sub));
            files.AddRange(pngs.Select(p => (p, label)));
        }
        files.AddRange(Pngs(directory).Select(p => (p, -1)));
        if (files.Count == 0) throw new InputException("no .png files in this folder or its subfolders", directory);
        if (limit > 0 && files.Count > limit) files = files.Take(limit).ToList();

        int channels = grayscale ? 1 : 3;
        int per = channels * width * height;
        var pixels = new byte[(long)files.Count * per];
        var labels = new int[files.Count];
        try
        {
            Parallel.For(0, files.Count, i =>
        {
            var img = Png.Read(files[i].Path);
            if (img.Width != width || img.Height != height) img = img.Resize(width, height);
            var dst = pixels.AsSpan(i * per, per);
            if (grayscale)
            {
                var g = img.ToGray();
                for (int k = 0; k < g.Length; k++) dst[k] = Png.ToByte(g[k]);
            }
            else
                for (int k = 0; k < per; k++) dst[k] = Png.ToByte(img.Data[k]);
            labels[i] = files[i].Label;
            });
        }
        catch (AggregateException ae) when (ae.InnerExceptions.OfType<InputException>().Any())
        {
            // Report the first bad file as a plain InputException, as a sequential loader would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ae.InnerExceptions.OfType<InputException>().First());
        }
        string name = $"folder {System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(directory))} ({files.Count})";
        return new ByteImageDataset(name, width, height, channels, pixels, labels, classNames);
    }

    private static string[] Pngs(string dir) =>
        Directory.GetFiles(dir).Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
}
