using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Coevo.Coevolution.Datasets;

/// <summary>Which half of Fashion-MNIST.</summary>
public enum DatasetSplit
{
    /// <summary>The 60,000 training images.</summary>
    Train,
    /// <summary>The 10,000 test images (files named t10k-*).</summary>
    Test,
}

/// <summary>Options of the Fashion-MNIST dataset.</summary>
[Description("Fashion-MNIST (28x28 grey clothing images, 10 classes) from IDX files")]
public sealed class FashionMnistOptions : IValidatableObject
{
    [Description("folder holding train-images-idx3-ubyte.gz etc. (Debian's dataset-fashion-mnist installs them here)")]
    [ExistingPath]
    public string Path { get; set; } = FashionMnist.DefaultDirectory;

    [Description("train (60,000 images) or test (10,000)")]
    public DatasetSplit Split { get; set; } = DatasetSplit.Train;

    [Description("keep only these classes, by index 0-9 or name (e.g. Sneaker, \"Ankle boot\"); empty keeps all")]
    public List<string> Classes { get; set; } = [];

    [Description("keep at most this many images (the first ones after filtering); 0 keeps all")]
    [Range(0, 1_000_000)]
    public int Limit { get; set; }

    /// <summary>Unknown class names are a config error (found before any file is read).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try { FashionMnist.ParseClasses(Classes, "classes"); }
        catch (InputException e) { problem = e.Problem; }
        if (problem != null) yield return new ValidationResult($"classes: {problem}", [nameof(Classes)]);
    }
}

/// <summary>Loads Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) from its IDX files.</summary>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The ten class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Loads the split described by <paramref name="options"/>; a relative path starts at the context's base folder.</summary>
    public static ByteImageDataset Create(FashionMnistOptions options, ComponentContext context) =>
        Load(System.IO.Path.Combine(context.BaseDirectory, options.Path), options.Split, options.Classes, options.Limit);

    /// <summary>
    /// Loads a split from <paramref name="directory"/> (files <c>{train|t10k}-{images-idx3|labels-idx1}-ubyte[.gz]</c>),
    /// keeping only <paramref name="classes"/> (indices or names) when any are given, and at most <paramref name="limit"/> images (0 = all).
    /// Labels keep their original values 0-9.
    /// </summary>
    public static ByteImageDataset Load(string directory, DatasetSplit split = DatasetSplit.Train, IReadOnlyList<string>? classes = null, int limit = 0)
    {
        if (!Directory.Exists(directory)) throw new InputException("Fashion-MNIST folder not found", directory);
        string prefix = split == DatasetSplit.Train ? "train" : "t10k";
        string imagesPath = Find(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(directory, $"{prefix}-labels-idx1-ubyte");
        return Load(imagesPath, labelsPath, classes, limit, $"fashion-mnist {prefix}");
    }

    /// <summary>Loads a pair of IDX files directly (see <see cref="Load(string, DatasetSplit, IReadOnlyList{string}?, int)"/>).</summary>
    public static ByteImageDataset Load(string imagesPath, string labelsPath, IReadOnlyList<string>? classes, int limit, string name)
    {
        bool[]? keep = ParseClasses(classes, imagesPath);
        var (count, rows, cols, pixels) = Idx.ReadImages(imagesPath);
        byte[] labels = Idx.ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new InputException($"{labels.Length} labels in {labelsPath} but {count} images in this file", imagesPath);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= ClassNames.Count)
                throw new InputException($"label {labels[i]} of item {i} is outside 0..{ClassNames.Count - 1}", labelsPath);

        int per = rows * cols;
        var selected = new List<int>();
        for (int i = 0; i < count && (limit <= 0 || selected.Count < limit); i++)
            if (keep == null || keep[labels[i]]) selected.Add(i);

        byte[] outPixels;
        if (selected.Count == count) outPixels = pixels;
        else
        {
            outPixels = new byte[(long)selected.Count * per];
            for (int k = 0; k < selected.Count; k++)
                pixels.AsSpan(selected[k] * per, per).CopyTo(outPixels.AsSpan(k * per, per));
        }
        int[] outLabels = selected.Select(i => (int)labels[i]).ToArray();
        if (keep != null)
            name += $" [{string.Join(", ", Enumerable.Range(0, keep.Length).Where(c => keep[c]).Select(c => ClassNames[c]))}]";
        return new ByteImageDataset($"{name} ({selected.Count})", cols, rows, 1, outPixels, outLabels, ClassNames);
    }

    /// <summary>The class index of a filter entry: a number 0-9 or a name (case, spaces and punctuation ignored; "T-shirt" works).</summary>
    public static int ClassIndex(string entry, string source)
    {
        string e = entry.Trim();
        if (int.TryParse(e, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int k))
        {
            if (k < 0 || k >= ClassNames.Count)
                throw new InputException($"class filter {k} is outside 0..{ClassNames.Count - 1}", source);
            return k;
        }
        string key = Normalise(e);
        for (int c = 0; c < ClassNames.Count; c++)
            if (Normalise(ClassNames[c]) == key || ClassNames[c].Split('/').Any(part => Normalise(part) == key))
                return c;
        throw new InputException($"class filter '{entry}' is not a Fashion-MNIST class; use 0-9 or one of: {string.Join(", ", ClassNames)}", source);
    }

    internal static bool[]? ParseClasses(IReadOnlyList<string>? classes, string source)
    {
        if (classes == null || classes.Count == 0) return null;
        var keep = new bool[ClassNames.Count];
        foreach (var entry in classes) keep[ClassIndex(entry, source)] = true;
        return keep;
    }

    private static string Normalise(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            string p = System.IO.Path.Combine(directory, candidate);
            if (File.Exists(p)) return p;
        }
        throw new InputException($"Fashion-MNIST file {stem}.gz (or {stem}) not found in this folder", directory);
    }
}
