using Coevo.Coevolution;
using Coevo.Coevolution.Schedules;

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
        Schedule<EvolveScheduleOptions>("evolve", "the artist evolves; each generation the critic's scores are its fitness",
            (o, _) => new EvolveSchedule(o)),
    ];

    private static Component Artist<TOptions>(string name, string description, Func<TOptions, ComponentContext, IArtist> create) where TOptions : new() =>
        new(ComponentKind.Artist, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));

    private static Component Critic<TOptions>(string name, string description, Func<TOptions, ComponentContext, ICritic> create) where TOptions : new() =>
        new(ComponentKind.Critic, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));

    private static Component Schedule<TOptions>(string name, string description, Func<TOptions, ComponentContext, ISchedule> create) where TOptions : new() =>
        new(ComponentKind.Schedule, name, description, typeof(TOptions), (o, c) => create((TOptions)o, c));
}
