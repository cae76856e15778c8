using System.Text.Json;
using System.Text.Json.Nodes;
using Coevo.Coevolution;

namespace Coevo.Breeding.Kinds;

/// <summary>
/// A session's breeding settings: how many children a generation has, how many mutations each child gets, and for CPPNs
/// the colour mode of random networks and the activations mutations may use. Immutable; stored as JSON.
/// </summary>
public sealed record BreedSettings
{
    /// <summary>Fewest children a generation may have.</summary>
    public const int MinChildren = 8;
    /// <summary>Most children a generation may have.</summary>
    public const int MaxChildren = 30;
    /// <summary>Fewest mutations per child.</summary>
    public const int MinMutations = 1;
    /// <summary>Most mutations per child.</summary>
    public const int MaxMutations = 10;

    /// <summary>Children per generation (the parent is shown besides them).</summary>
    public int Children { get; init; } = 15;
    /// <summary>Mutations applied to each child.</summary>
    public int Mutations { get; init; } = 1;
    /// <summary>CPPN only: colour mode of random networks (grey, hsv or rgb).</summary>
    public string Color { get; init; } = "hsv";
    /// <summary>CPPN only: activation names that new nodes and activation changes draw from.</summary>
    public IReadOnlyList<string> Activations { get; init; } = ["sin", "cos", "gaussian", "sigmoid", "tanh", "identity", "abs", "step"];

    /// <summary>The settings as a JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["children"] = Children,
        ["mutations"] = Mutations,
        ["color"] = Color,
        ["activations"] = new JsonArray(Activations.Select(a => (JsonNode)a).ToArray()),
    };

    /// <summary>
    /// These settings with the fields present in <paramref name="patch"/> replaced; unknown fields, wrong types and
    /// out-of-range values are <see cref="InputException"/>s naming the field.
    /// </summary>
    public BreedSettings With(JsonElement patch, string source)
    {
        if (patch.ValueKind != JsonValueKind.Object) throw new InputException("settings must be a JSON object", source);
        var s = this;
        foreach (var p in patch.EnumerateObject())
        {
            s = p.Name switch
            {
                "children" => s with { Children = Int(p, MinChildren, MaxChildren, source) },
                "mutations" => s with { Mutations = Int(p, MinMutations, MaxMutations, source) },
                "color" => s with { Color = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Wrong(p, "a string", source) },
                "activations" => s with { Activations = Strings(p, source) },
                _ => throw new InputException($"unknown setting '{p.Name}'; known: children, mutations, color, activations", source),
            };
        }
        return s;
    }

    /// <summary>Settings read back from <see cref="ToJson"/>'s text.</summary>
    public static BreedSettings Parse(string json, string source)
    {
        using var doc = JsonDocument.Parse(json);
        return new BreedSettings().With(doc.RootElement, source);
    }

    private static int Int(JsonProperty p, int min, int max, string source)
    {
        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out int v))
            throw Wrong(p, $"an integer from {min} to {max}", source);
        if (v < min || v > max) throw new InputException($"'{p.Name}' must be from {min} to {max}, got {v}", source);
        return v;
    }

    private static string[] Strings(JsonProperty p, string source)
    {
        if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Wrong(p, "an array of strings", source);
        return p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private static InputException Wrong(JsonProperty p, string what, string source) =>
        new($"'{p.Name}' must be {what}, got {p.Value.GetRawText()}", source);
}
