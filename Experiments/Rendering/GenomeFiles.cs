using Coevo.Breeding.Kinds;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;

namespace Coevo.Experiments.Rendering;

/// <summary>
/// Reads any genome file Coevo knows and renders it: JSON (dispatched on its top-level <c>"kind"</c>), GP
/// S-expressions (<c>.sexp</c>) and Picbreeder cppn-x XML (<c>.xml</c>), through the one list of genome kinds
/// (<see cref="BreedKinds"/>).
/// </summary>
public static class GenomeFiles
{
    /// <summary>Every extension <see cref="Load"/> accepts.</summary>
    public static IEnumerable<string> Extensions => BreedKinds.Formats.Select(f => "." + f);

    /// <summary>Reads a genome file; returns a function that renders it at a size. Errors name the file.</summary>
    public static Func<int, int, Image> Load(string path)
    {
        string text = InputFile.ReadText(path, "genome file");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(ext))
            throw new InputException($"unknown genome file type '{ext}'; expected one of {string.Join(", ", Extensions)}", path);
        string format = ext[1..];
        var kind = BreedKinds.OfText(text, format, path);
        object genome = kind.Read(text, format, path);
        return (w, h) => kind.Render(genome, w, h, Viewport.Whole);
    }
}
