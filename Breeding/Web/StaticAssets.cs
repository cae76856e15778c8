using System.Reflection;

namespace Coevo.Breeding.Web;

/// <summary>
/// The page's files (wwwroot/), compiled into the assembly and served from memory by exact path: nothing is read from
/// disk, so no request can name a file outside them.
/// </summary>
internal static class StaticAssets
{
    private const string Prefix = "wwwroot/";

    /// <summary>URL path to (content type, bytes); "/" is index.html.</summary>
    public static IReadOnlyDictionary<string, (string Type, byte[] Bytes)> All { get; } = Load();

    private static Dictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (string, byte[])>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            string path = "/" + name[Prefix.Length..];
            var entry = (Type(path), ms.ToArray());
            files[path] = entry;
            if (path == "/index.html") files["/"] = entry;
        }
        return files;
    }

    private static string Type(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
