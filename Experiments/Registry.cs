using Coevo.Artists.Biomorph;
using Coevo.Artists.Cppn;
using Coevo.Artists.Gp;
using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Schedules;
using Coevo.Critics.Aesthetic;
using Coevo.Critics.Gp;
using Coevo.Critics.Novelty;
using Coevo.Critics.Target;

namespace Coevo.Experiments;

/// <summary>What role a component plays in an experiment.</summary>
public enum ComponentKind
{
    /// <summary>Makes images.</summary>
    Artist,
    /// <summary>Judges images.</summary>
    Critic,
    /// <summary>Decides who learns when.</summary>
    Schedule,
    /// <summary>Real images (the <c>data:</c> section).</summary>
    Dataset,
}

/// <summary>A registered component: chosen in YAML by <c>type: Name</c>, configured by an options class.</summary>
public sealed record Component(ComponentKind Kind, string Name, string Description, Type OptionsType, Func<object, ComponentContext, object> Create)
{
    /// <summary>A fresh options object holding the defaults.</summary>
    public object DefaultOptions() => Activator.CreateInstance(OptionsType)!;
}

/// <summary>
/// The one explicit list of every artist, critic and schedule a config may name. Adding a component means adding
/// a line here; nothing is discovered by reflection.
/// </summary>
public static class Registry
{
    /// <summary>Every component, in the order <c>coevo list</c> shows them.</summary>
    public static IReadOnlyList<Component> All { get; } =
    [
        Artist<GpArtistOptions>("gp", "Karl Sims (1991): expression trees over x, y and r that give RGB",
            (o, c) => GpArtist.Create(o, c)),

        Artist<CppnArtistOptions>("cppn", "Picbreeder (Secretan 2011): CPPNs evolved with NEAT; can start from real Picbreeder genomes",
            (o, c) => CppnArtist.Create(o, c)),

        Artist<BiomorphArtistOptions>("biomorph", "Dawkins' biomorphs (1986): a nine-gene recursive tree of lines, mutated ±1 a gene",
            (o, c) => BiomorphArtist.Create(o, c)),

        Critic<TargetImageCriticOptions>("target", "similarity to a target PNG (1 = identical): mse, grey_mse, ssim or structure",
            (o, c) => TargetImageCritic.Create(o, c)),

        Critic<GpCriticOptions>("gp_critic", "HERCL-style (Vickers, Soderlund & Blair): an evolved program over image features tells real from artist images; learns",
            (o, c) => GpCritic.Create(o, c)),

        Critic<ComplexityCriticOptions>("aesthetic_complexity", "Machado & Cardoso: image complexity (JPEG error over compression ratio) over processing complexity (PNG size at two zlib efforts)",
            (o, c) => ComplexityCritic.Create(o, c)),

        Critic<BellCurveCriticOptions>("aesthetic_bell", "Ross & Ralph: closeness of the colour-gradient responses to a bell curve, e^(-DFN)",
            (o, c) => BellCurveCritic.Create(o, c)),

        Critic<NoveltyCriticOptions>("novelty", "Saunders' curious agents: distance to the k nearest of an archive of earlier artist images in feature space; learns",
            (o, c) => NoveltyCritic.Create(o, c)),

        Schedule<EvolveScheduleOptions>("evolve", "the artist evolves; each generation the critic's scores are its fitness",
            (o, _) => new EvolveSchedule(o)),

        Dataset<FashionMnistOptions>("fashion_mnist", "Fashion-MNIST: 28x28 grey clothing images from IDX files, with an optional class filter",
            (o, c) => FashionMnist.Create(o, c)),

        Dataset<ImageFolderOptions>("image_folder", "PNG images from a folder, resized to one size; subfolders are classes",
            (o, c) => ImageFolder.Create(o, c)),
    ];

    private static Component Artist<TOptions>(string name, string description, Func<TOptions, ComponentContext, IArtist> create) where TOptions : new() =>
        new(ComponentKind.Artist, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));

    private static Component Critic<TOptions>(string name, string description, Func<TOptions, ComponentContext, ICritic> create) where TOptions : new() =>
        new(ComponentKind.Critic, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));

    private static Component Dataset<TOptions>(string name, string description, Func<TOptions, ComponentContext, IImageDataset> create) where TOptions : new() =>
        new(ComponentKind.Dataset, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));

    private static Component Schedule<TOptions>(string name, string description, Func<TOptions, ComponentContext, ISchedule> create) where TOptions : new() =>
        new(ComponentKind.Schedule, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));
}
