using System.Globalization;
using System.Text;
using System.Text.Json;
using Coevo.Coevolution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Coevo.Breeding.Web;

/// <summary>
/// Reads what a request carries, with a clear 4xx for anything wrong: bodies within a size limit, well-formed JSON of
/// the expected shape, ids and numbers within range. Problems are <see cref="InputException"/>s (400) or
/// <see cref="BadHttpRequestException"/>s with their status (413, 415).
/// </summary>
internal static class Requests
{
    /// <summary>Largest JSON body (bytes).</summary>
    public const int MaxJsonBytes = 64 * 1024;
    /// <summary>Largest uploaded genome (bytes).</summary>
    public const int MaxGenomeBytes = 1024 * 1024;

    /// <summary>
    /// Bodies up to this size are read to the end even when over a limit, so the client, still sending, gets the 413
    /// instead of a closed connection; larger ones are refused at once.
    /// </summary>
    public const int MaxDrainBytes = 8 * 1024 * 1024;

    /// <summary>The body as text, at most <paramref name="limit"/> bytes (413 beyond).</summary>
    public static async Task<string> Text(HttpContext ctx, int limit)
    {
        var feature = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = MaxDrainBytes;
        if (ctx.Request.ContentLength > MaxDrainBytes) throw TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        long total = 0;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            total += read;
            if (total <= limit) buffer.Write(chunk, 0, read);
        }
        if (total > limit) throw TooLarge(limit);
        try { return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length); }
        catch (DecoderFallbackException) { throw new InputException("the request body is not UTF-8 text"); }
    }

    /// <summary>The body as a JSON object (415 unless sent as application/json; 400 when malformed).</summary>
    public static async Task<JsonElement> Json(HttpContext ctx)
    {
        string? type = ctx.Request.ContentType;
        if (type is null || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException($"send JSON with Content-Type: application/json (got {type ?? "no content type"})", StatusCodes.Status415UnsupportedMediaType);
        string text = await Text(ctx, MaxJsonBytes);
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InputException("the request body must be a JSON object");
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new InputException($"malformed JSON: {e.Message}"); }
    }

    /// <summary>A required integer field.</summary>
    public static int Int(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v)) throw new InputException($"missing '{name}'");
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i)) throw new InputException($"'{name}' must be an integer, got {Clip(v.GetRawText())}");
        return i;
    }

    /// <summary>An optional string field.</summary>
    public static string? String(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new InputException($"'{name}' must be a string, got {Clip(v.GetRawText())}");
        return v.GetString();
    }

    /// <summary>A required array of integers.</summary>
    public static int[] Ints(JsonElement body, string name, int maxCount)
    {
        if (!body.TryGetProperty(name, out var v)) throw new InputException($"missing '{name}'");
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out _)))
            throw new InputException($"'{name}' must be an array of integers, got {Clip(v.GetRawText())}");
        if (v.GetArrayLength() > maxCount) throw new InputException($"'{name}' has {v.GetArrayLength()} entries; at most {maxCount}");
        return v.EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    /// <summary>An optional array of strings (empty when absent).</summary>
    public static string[] Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new InputException($"'{name}' must be an array of strings, got {Clip(v.GetRawText())}");
        return v.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    /// <summary>An integer from the route (an id); not a number is a 400 naming it.</summary>
    public static int RouteInt(HttpContext ctx, string name)
    {
        string text = ctx.Request.RouteValues[name] as string ?? "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            throw new InputException($"{name} must be a non-negative integer, got '{Clip(text)}'");
        return v;
    }

    /// <summary>A string from the route.</summary>
    public static string Route(HttpContext ctx, string name) => ctx.Request.RouteValues[name] as string ?? "";

    /// <summary>An optional query number within [min, max].</summary>
    public static double Query(HttpContext ctx, string name, double fallback, double min, double max)
    {
        string? text = ctx.Request.Query[name];
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new InputException($"'{name}' must be a number, got '{Clip(text)}'");
        if (v < min || v > max) throw new InputException($"'{name}' must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got {Clip(text)}");
        return v;
    }

    /// <summary>An optional query integer within [min, max].</summary>
    public static int QueryInt(HttpContext ctx, string name, int fallback, int min, int max)
    {
        double v = Query(ctx, name, fallback, min, max);
        if (v != Math.Floor(v)) throw new InputException($"'{name}' must be a whole number, got {v.ToString(CultureInfo.InvariantCulture)}");
        return (int)v;
    }

    private static BadHttpRequestException TooLarge(int limit) =>
        new($"the request body is larger than the limit of {limit / 1024} KiB", StatusCodes.Status413PayloadTooLarge);

    private static string Clip(string s) => s.Length > 60 ? s[..60] + "..." : s;
}
