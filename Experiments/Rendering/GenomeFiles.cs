using System.Text.Json;
using Coevo.Artists.Biomorph;
using Coevo.Artists.Cppn;
using Coevo.Artists.Gp;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;

namespace Coevo.Experiments.Rendering;

/// <summary>
/// Reads any genome file Coevo knows and renders it: JSON (dispatched on its top-level <c>"kind"</c>), GP
/// S-expressions (<c>.sexp</c>) and Picbreeder cppn-x XML (<c>.xml</c>). One explicit list, like the registry.
/// </summary>
public static class GenomeFiles
{
    /// <summary>A genome kind: its JSON <c>kind</c>, the formats that read it and its renderer.</summary>
    private sealed record Kind(string Name, string[] Extensions, Func<string, string, bool, Func<int, int, Image>> Load);

    private static readonly Kind[] Kinds =
    [
        Of("gp", new GpRenderer(), new GpJsonFormat(), new GpSExpressionFormat()),
        Of("cppn", new CppnRenderer(), new CppnJsonFormat(), new CppnXmlFormat()),
        Of("biomorph", new BiomorphRenderer(), new BiomorphFormat()),
    ];

    /// <summary>A genome kind whose JSON format comes first; further formats are chosen by file extension.</summary>
    private static Kind Of<T>(string name, IRenderer<T> renderer, IGenomeFormat<T> json, params IGenomeFormat<T>[] others) =>
        new(name, others.Select(f => "." + f.Extension).ToArray(), (text, source, isJson) =>
        {
            var format = isJson ? json : others.First(f => source.EndsWith("." + f.Extension, StringComparison.OrdinalIgnoreCase));
            T genome = GenomeFile.Parse(format, text, source);
            return (w, h) => renderer.Render(genome, w, h);
        });

    /// <summary>Every extension <see cref="Load"/> accepts.</summary>
    public static IEnumerable<string> Extensions => Kinds.SelectMany(k => k.Extensions).Prepend(".json");

    /// <summary>Reads a genome file; returns a function that renders it at a size. Errors name the file.</summary>
    public static Func<int, int, Image> Load(string path)
    {
        string text = InputFile.ReadText(path, "genome file");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".json")
        {
            string kind = JsonKind(text, path);
            var k = Kinds.FirstOrDefault(k => k.Name == kind)
                ?? throw new InputException($"unknown genome kind '{kind}'; known kinds: {string.Join(", ", Kinds.Select(k => k.Name))}", path);
            return k.Load(text, path, true);
        }
        var byExt = Kinds.FirstOrDefault(k => k.Extensions.Contains(ext))
            ?? throw new InputException($"unknown genome file type '{ext}'; expected one of {string.Join(", ", Extensions)}", path);
        return byExt.Load(text, path, false);
    }

    private static string JsonKind(string text, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String)
                return kind.GetString()!;
            throw new InputException("a genome JSON file needs a top-level \"kind\" (gp, cppn or biomorph)", path);
        }
        catch (JsonException e)
        {
            throw new InputException($"not valid JSON: {e.Message}", path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1, e);
        }
    }
}
