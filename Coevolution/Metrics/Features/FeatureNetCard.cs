using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coevo.Coevolution.Metrics.Features;

/// <summary>
/// What a feature network is: the JSON file beside its safetensors weights (same name, <c>.json</c>). It says which
/// images it expects, what it was trained on, how well it classifies, and the command and seed that made it, so a
/// figure measured with it can name it (<see cref="Label"/>) and be reproduced.
/// </summary>
public sealed record FeatureNetCard
{
    /// <summary>Short name, used by <c>--features NAME</c> and in the metrics line, e.g. <c>coevo-fashion-mnist</c>.</summary>
    public required string Name { get; init; }
    /// <summary>What figures are labelled with, e.g. "Coevo Fashion-MNIST features" (as in "FID (Coevo Fashion-MNIST features)").</summary>
    public required string Label { get; init; }
    /// <summary>Input width in pixels; other sizes are resized to it.</summary>
    public required int Width { get; init; }
    /// <summary>Input height in pixels.</summary>
    public required int Height { get; init; }
    /// <summary>Input channels: 1 (grey; colour images are turned grey) or 3.</summary>
    public required int Channels { get; init; }
    /// <summary>Length of a feature vector.</summary>
    public required int FeatureDim { get; init; }
    /// <summary>The classes the network was trained to tell apart, by label.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }
    /// <summary>Fraction of the held-out images classified correctly.</summary>
    public required double TestAccuracy { get; init; }
    /// <summary>The held-out images the accuracy was measured on.</summary>
    public required string TestSet { get; init; }
    /// <summary>The images it was trained on.</summary>
    public required string TrainSet { get; init; }
    /// <summary>The command that made it.</summary>
    public required string Command { get; init; }
    /// <summary>The training seed.</summary>
    public required int Seed { get; init; }
    /// <summary>Passes over the training images.</summary>
    public required int Epochs { get; init; }
    /// <summary>SHA-256 of the weights file, so a card is never read with other weights.</summary>
    public required string WeightsSha256 { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The card as indented JSON with snake_case keys.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a card; a missing or malformed one is an <see cref="InputException"/> naming the file.</summary>
    public static FeatureNetCard Read(string path)
    {
        if (!File.Exists(path)) throw new InputException("feature network card (.json beside the weights) not found", path);
        try
        {
            var card = JsonSerializer.Deserialize<FeatureNetCard>(File.ReadAllText(path), Json)
                ?? throw new InputException("the feature network card is empty", path);
            if (card.Channels is not (1 or 3) || card.Width < 4 || card.Height < 4 || card.FeatureDim < 1 || card.ClassNames.Count < 2)
                throw new InputException($"the feature network card describes an impossible network ({card.Channels} channels, {card.Width}x{card.Height}, {card.FeatureDim} features, {card.ClassNames.Count} classes)", path);
            return card;
        }
        catch (JsonException e)
        {
            throw new InputException($"corrupt feature network card: {e.Message}", path, inner: e);
        }
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
