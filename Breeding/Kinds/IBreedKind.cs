using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;

namespace Coevo.Breeding.Kinds;

/// <summary>
/// One artist as the breeder sees it: random genomes, the next generation from the person's choice, formats, rendering
/// and what to show about a genome. Genomes travel as <see cref="object"/> so sessions of every kind share one code path;
/// <see cref="BreedKind{T}"/> implements it once for any genome type.
/// </summary>
public interface IBreedKind
{
    /// <summary>The artist's name (cppn, gp, biomorph), as in <c>coevo breed --artist</c>.</summary>
    string Name { get; }
    /// <summary>A one-line description for the page.</summary>
    string Title { get; }
    /// <summary>File formats by extension; the first (json) is the one genomes are stored in.</summary>
    IReadOnlyList<string> Formats { get; }
    /// <summary>Throws <see cref="Coevolution.InputException"/> when a kind-specific setting is wrong (e.g. an unknown activation).</summary>
    void Check(BreedSettings settings);
    /// <summary>A fresh random generation: <see cref="BreedSettings.Children"/> + 1 genomes.</summary>
    IReadOnlyList<object> Random(BreedSettings settings, Random rng);
    /// <summary>The next generation: the first chosen member in the centre, then the children of the chosen ones.</summary>
    IReadOnlyList<object> Breed(IReadOnlyList<object> members, IReadOnlyList<int> chosen, BreedSettings settings, Random rng);
    /// <summary>The genome as text in <paramref name="format"/> (one of <see cref="Formats"/>).</summary>
    string Write(object genome, string format);
    /// <summary>Parses a genome; bad text is an <see cref="Coevolution.InputException"/> naming <paramref name="source"/>.</summary>
    object Read(string text, string format, string source);
    /// <summary>The genome's picture of <paramref name="view"/> at <paramref name="width"/> x <paramref name="height"/>.</summary>
    Image Render(object genome, int width, int height, Viewport view);
    /// <summary>Its size in genes (nodes, links, lines), for the genome size limit.</summary>
    int GeneCount(object genome);
    /// <summary>What hovering shows: nodes and links, tree depth.</summary>
    string Describe(object genome);
    /// <summary>Species of each member when the kind has them (NEAT), else null.</summary>
    int[]? Species(IReadOnlyList<object> members);
}
