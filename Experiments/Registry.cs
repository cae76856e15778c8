using Coevo.Artists.Biomorph;
using Coevo.Artists.Cppn;
using Coevo.Artists.CppnSgd;
using Coevo.Artists.Dcgan;
using Coevo.Artists.Gp;
using Coevo.Coevolution;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Schedules;
using Coevo.Critics.Cnn;
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

/// <summary>
/// A registered component: chosen in YAML by <c>type: Name</c>, configured by an options class, made as
/// <paramref name="ProductType"/>, whose role interfaces say how it learns (<see cref="Roles"/>).
/// </summary>
public sealed record Component(ComponentKind Kind, string Name, string Description, Type OptionsType, Type ProductType, Func<object, ComponentContext, object> Create)
{
    /// <summary>A fresh options object holding the defaults.</summary>
    public object DefaultOptions() => Activator.CreateInstance(OptionsType)!;

    /// <summary>How it learns, from the roles its type takes on: "evolves", "learns by gradient", "learns from images", "fixed".</summary>
    public IReadOnlyList<string> Roles
    {
        get
        {
            var roles = new List<string>();
            if (ProductType.IsAssignableTo(typeof(IEvolvingArtist))) roles.Add("evolves");
            if (ProductType.IsAssignableTo(typeof(IDifferentiableArtist)) || ProductType.IsAssignableTo(typeof(IDifferentiableCritic))) roles.Add("learns by gradient");
            if (ProductType.IsAssignableTo(typeof(ILearningCritic))) roles.Add("learns from images");
            if (Kind == ComponentKind.Critic && roles.Count == 0) roles.Add("fixed");
            return roles;
        }
    }
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

        Artist<DcganArtistOptions, DcganArtist>("dcgan", "Radford et al. (2016): a DCGAN generator, trained by SGD through a discriminator's gradients (gan schedule)",
            (o, c) => DcganArtist.Create(o, c)),

        Artist<CppnSgdArtistOptions, CppnSgdArtist>("cppn_sgd", "a CPPN as a TorchSharp module with latent inputs, trained by SGD instead of evolved (gan schedule)",
            (o, c) => CppnSgdArtist.Create(o, c)),

        Artist<BiomorphArtistOptions>("biomorph", "Dawkins' biomorphs (1986): a nine-gene recursive tree of lines, mutated ±1 a gene",
            (o, c) => BiomorphArtist.Create(o, c)),

        Critic<TargetImageCriticOptions>("target", "similarity to a target PNG (1 = identical): mse, grey_mse, ssim or structure",
            (o, c) => TargetImageCritic.Create(o, c)),

        Critic<GpCriticOptions, GpCritic>("gp_critic", "HERCL-style (Vickers, Soderlund & Blair): an evolved program over image features tells real from artist images; learns",
            (o, c) => GpCritic.Create(o, c)),

        Critic<ComplexityCriticOptions>("aesthetic_complexity", "Machado & Cardoso: image complexity (JPEG error over compression ratio) over processing complexity (PNG size at two zlib efforts)",
            (o, c) => ComplexityCritic.Create(o, c)),

        Critic<BellCurveCriticOptions>("aesthetic_bell", "Ross & Ralph: closeness of the colour-gradient responses to a bell curve, e^(-DFN)",
            (o, c) => BellCurveCritic.Create(o, c)),

        Critic<CnnCriticOptions, CnnCritic>("cnn", "a DCGAN discriminator (Radford et al. 2016): D's probability that an image is real; trained by SGD in a GAN or on real vs artist images",
            (o, c) => CnnCritic.Create(o, c)),

        Critic<NoveltyCriticOptions, NoveltyCritic>("novelty", "Saunders' curious agents: distance to the k nearest of an archive of earlier artist images in feature space; learns",
            (o, c) => NoveltyCritic.Create(o, c)),

        Schedule<EvolveScheduleOptions>("evolve", "the artist evolves; each generation the critic's scores are its fitness",
            (o, _) => new EvolveSchedule(o)),

        Schedule<CoevolveOptions>("coevolve", "HERCL-style co-evolution: the critic learns real vs archived artist images, then the artists evolve to fool it; earlier critics vote",
            (o, _) => new CoevolveSchedule(o)),

        Schedule<GanOptions>("gan", "a GAN (Goodfellow et al. 2014): artist and critic trained by alternating SGD on the data's real images",
            (o, _) => new GanSchedule(o)),

        Dataset<FashionMnistOptions>("fashion_mnist", "Fashion-MNIST: 28x28 grey clothing images from IDX files, with an optional class filter",
            (o, c) => FashionMnist.Create(o, c)),

        Dataset<ImageFolderOptions>("image_folder", "PNG images from a folder, resized to one size; subfolders are classes",
            (o, c) => ImageFolder.Create(o, c)),
    ];

    private static Component Artist<TOptions>(string name, string description, Func<TOptions, ComponentContext, IArtist> create) where TOptions : new() =>
        Artist<TOptions, IEvolvingArtist>(name, description, (o, c) => (IEvolvingArtist)create(o, c));

    private static Component Artist<TOptions, T>(string name, string description, Func<TOptions, ComponentContext, T> create) where TOptions : new() where T : IArtist =>
        new(ComponentKind.Artist, name, description, typeof(TOptions), typeof(T), (o, c) => create((TOptions)o, c));

    private static Component Critic<TOptions>(string name, string description, Func<TOptions, ComponentContext, ICritic> create) where TOptions : new() =>
        Critic<TOptions, ICritic>(name, description, create);

    private static Component Critic<TOptions, T>(string name, string description, Func<TOptions, ComponentContext, T> create) where TOptions : new() where T : ICritic =>
        new(ComponentKind.Critic, name, description, typeof(TOptions), typeof(T), (o, c) => create((TOptions)o, c));

    private static Component Dataset<TOptions>(string name, string description, Func<TOptions, ComponentContext, IImageDataset> create) where TOptions : new() =>
        new(ComponentKind.Dataset, name, description, typeof(TOptions), typeof(IImageDataset), (o, c) => create((TOptions)o, c));

    private static Component Schedule<TOptions>(string name, string description, Func<TOptions, ComponentContext, ISchedule> create) where TOptions : new() =>
        new(ComponentKind.Schedule, name, description, typeof(TOptions), typeof(ISchedule), (o, c) => create((TOptions)o, c));
}
