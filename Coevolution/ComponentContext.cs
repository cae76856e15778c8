namespace Coevo.Coevolution;

/// <summary>What a component factory gets besides its own options: the run's seed, threads and where relative paths start.</summary>
/// <param name="Seed">The run's seed; components derive their own <see cref="Random"/> from it.</param>
/// <param name="Threads">How many threads CPU-parallel work may use (rendering, scoring).</param>
/// <param name="BaseDirectory">The config file's folder; relative paths in options are resolved against it.</param>
public sealed record ComponentContext(int Seed, int Threads, string BaseDirectory)
{
    /// <summary>The config's <c>device:</c> (cpu or cuda); torch components resolve it once with <see cref="Gradient.TorchDevices.Resolve"/>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The experiment's real images (the <c>data:</c> section), loaded on first use; null without one.</summary>
    public Lazy<Datasets.IImageDataset>? Data { get; init; }
}

/// <summary>
/// Marks a string option as a path to an existing file or folder. The config binder resolves it (a path written in a
/// config file from the file's folder; one given with --set, or a default, from the current folder) and rejects it,
/// with file:line:column, when nothing is there.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExistingPathAttribute : Attribute { }

/// <summary>Marks a string option as a path that need not exist yet (a folder to write into); resolved like
/// <see cref="ExistingPathAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputPathAttribute : Attribute { }
