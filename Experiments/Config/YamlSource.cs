using Coevo.Coevolution;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Coevo.Experiments.Config;

/// <summary>
/// A parsed YAML config that remembers where every node came from (file:line:column, or the --set argument that
/// replaced it), so every error can say where it is.
/// </summary>
public sealed class YamlSource
{
    private readonly Dictionary<YamlNode, string> _overrides = new(ReferenceEqualityComparer.Instance);

    /// <summary>The config file's path as the user gave it.</summary>
    public string File { get; }
    /// <summary>The root mapping.</summary>
    public YamlMappingNode Root { get; }

    private YamlSource(string file, YamlMappingNode root)
    {
        File = file;
        Root = root;
    }

    /// <summary>
    /// A config assembled from nodes of an already parsed file (e.g. one cell of a <c>coevo compare</c> matrix): its
    /// nodes keep their places in <paramref name="file"/>, so errors still point into it.
    /// </summary>
    public static YamlSource FromMapping(YamlMappingNode root, string file) => new(file, root);

    /// <summary>Reads and parses a config file; syntax errors become <see cref="InputException"/> with line and column.</summary>
    public static YamlSource Load(string path)
    {
        return Parse(Coevolution.IO.InputFile.ReadText(path, "config file"), path);
    }

    /// <summary>Deepest nesting of lists and mappings a config may have (YamlDotNet builds nodes recursively, and a
    /// few thousand levels would overflow the stack, which no handler can catch).</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors.</summary>
    public static YamlSource Parse(string text, string file)
    {
        if (TooDeep(text) is { } deep)
            throw new InputException($"lists and mappings nested deeper than {MaxDepth} levels", file, (int)deep.Line, (int)deep.Column);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InputException(Clean(e), file, (int)e.Start.Line, (int)e.Start.Column, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet throws this, not a YamlException, for e.g. a flow collection left open before a plain value ("a: [\nb").
            var at = LastGoodMark(text);
            throw new InputException("not valid YAML after this point (is a [ or { left open?)", file, (int)at.Line, (int)at.Column, e);
        }
        if (stream.Documents.Count == 0)
            throw new InputException("the config is empty", file);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var n = stream.Documents[0].RootNode;
            throw new InputException("the config must be a mapping of sections (name:, seed:, artist:, ...)", file, (int)n.Start.Line, (int)n.Start.Column);
        }
        return new YamlSource(file, root);
    }

    /// <summary>Where <paramref name="text"/> first nests deeper than <see cref="MaxDepth"/>, found with the (non-recursive)
    /// event parser; null when it does not, or when a syntax error comes first (the loader reports that).</summary>
    private static Mark? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                if (e is YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart && ++depth > MaxDepth) return e.Start;
                if (e is YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd) depth--;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException) { }
        return null;
    }

    /// <summary>Where the parser last made sense of <paramref name="text"/>.</summary>
    private static Mark LastGoodMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext()) last = parser.Current!.End;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException) { }
        return last.Line > 0 ? last : new Mark(0, 1, 1);
    }

    private static string Clean(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we print our own location.
        string m = e.Message;
        int i = m.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && m.StartsWith('(') ? m[(i + 3)..] : m;
    }

    /// <summary>True when <paramref name="node"/> came from a --set argument rather than the file.</summary>
    public bool IsOverride(YamlNode node) => _overrides.ContainsKey(node);

    /// <summary>An <see cref="InputException"/> located at <paramref name="node"/>.</summary>
    public InputException Error(YamlNode node, string problem)
    {
        if (_overrides.TryGetValue(node, out var origin))
            return new InputException($"{origin}: {problem}");
        return new InputException(problem, File, (int)node.Start.Line, (int)node.Start.Column);
    }

    /// <summary>
    /// Applies one <c>--set key.path=value</c>. The value is parsed as YAML (so <c>[1, 2]</c> is a list). Mappings on
    /// the path are created when missing. The replaced node's errors will name the --set argument.
    /// </summary>
    public void ApplyOverride(string assignment)
    {
        int eq = assignment.IndexOf('=');
        string origin = $"--set {(assignment.Length > 100 ? assignment[..100] + "..." : assignment)}";
        if (eq <= 0)
            throw new InputException($"{origin}: expected key.path=value, e.g. --set artist.population=64");
        string[] path = assignment[..eq].Trim().Split('.');
        if (path.Any(string.IsNullOrWhiteSpace))
            throw new InputException($"{origin}: empty key in '{assignment[..eq]}'");
        YamlNode value;
        if (TooDeep(assignment[(eq + 1)..]) is not null)
            throw new InputException($"{origin}: the value nests lists and mappings deeper than {MaxDepth} levels");
        try
        {
            var s = new YamlStream();
            s.Load(new StringReader(assignment[(eq + 1)..]));
            value = s.Documents.Count == 0 ? new YamlScalarNode("") : s.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new InputException($"{origin}: the value is not valid YAML: {Clean(e)}");
        }
        catch (InvalidOperationException e)
        {
            throw new InputException($"{origin}: the value is not valid YAML: {e.Message}");
        }
        MarkOverride(value, origin);

        var map = Root;
        for (int i = 0; i < path.Length - 1; i++)
        {
            var key = new YamlScalarNode(path[i]);
            if (map.Children.TryGetValue(key, out var child))
            {
                if (child is not YamlMappingNode m)
                    throw new InputException($"{origin}: '{string.Join('.', path[..(i + 1)])}' is not a section, cannot set '{path[i + 1]}' inside it");
                map = m;
            }
            else
            {
                var m = new YamlMappingNode();
                MarkOverride(key, origin);
                _overrides[m] = origin;
                map.Children[key] = m;
                map = m;
            }
        }
        var existing = map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == path[^1]);
        if (existing is null)
        {
            existing = new YamlScalarNode(path[^1]);
            MarkOverride(existing, origin);
        }
        map.Children[existing] = value;
    }

    private void MarkOverride(YamlNode node, string origin)
    {
        _overrides[node] = origin;
        foreach (var child in node.AllNodes) _overrides[child] = origin;
    }
}
