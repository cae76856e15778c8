using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using Coevo.Coevolution;
using YamlDotNet.RepresentationModel;

namespace Coevo.Experiments.Config;

/// <summary>One settable option of an options class: its YAML key, type, default and constraints.</summary>
/// <param name="IsPath">A path (<see cref="ExistingPathAttribute"/> or <see cref="OutputPathAttribute"/>): resolved to a full path when bound.</param>
/// <param name="MustExist">A path that must exist (<see cref="ExistingPathAttribute"/>).</param>
public sealed record OptionInfo(PropertyInfo Property, string Key, string Description, RangeAttribute? Range, bool Required, bool IsPath, bool MustExist)
{
    /// <summary>A short name of the value type for messages and <c>coevo list</c>.</summary>
    public string TypeName => OptionBinder.Describe(Property.PropertyType);
}

/// <summary>
/// Binds a YAML mapping onto an options class (settable properties with defaults, snake_case keys), strictly:
/// unknown keys, wrong types, out-of-range values, missing required keys and missing paths are errors that name
/// file:line:column. Options classes that implement <see cref="IValidatableObject"/> check their cross-field constraints
/// here too, so a config that binds is one that runs. An option whose type is an options class itself is bound from a
/// nested mapping (<see cref="IsSection"/>). Plain reflection over one known options type; no scanning for types.
/// </summary>
public static class OptionBinder
{
    /// <summary>The options of <paramref name="type"/>, base-class options first.</summary>
    public static IReadOnlyList<OptionInfo> Options(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t != null && t != typeof(object); t = t.BaseType) chain.Insert(0, t);
        return chain
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.CanWrite && p.CanRead && p.GetSetMethod() != null)
            .Select(p => new OptionInfo(p, SnakeCase(p.Name),
                p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "",
                p.GetCustomAttribute<RangeAttribute>(),
                p.GetCustomAttribute<RequiredAttribute>() != null,
                p.GetCustomAttribute<ExistingPathAttribute>() != null || p.GetCustomAttribute<OutputPathAttribute>() != null,
                p.GetCustomAttribute<ExistingPathAttribute>() != null))
            .ToList();
    }

    /// <summary>A new <paramref name="type"/> with defaults overridden by <paramref name="map"/>.</summary>
    /// <param name="section">The section's name for messages, e.g. "artist (gp)".</param>
    /// <param name="ignoreKeys">Keys handled by the caller (e.g. <c>type</c>).</param>
    /// <param name="baseDirectory">Where relative paths start.</param>
    public static object Bind(Type type, YamlMappingNode? map, YamlSource source, string section, string baseDirectory, params string[] ignoreKeys)
    {
        var options = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"cannot create {type.Name}");
        var infos = Options(type);
        var byKey = infos.ToDictionary(i => i.Key);
        var seen = new HashSet<string>();
        if (map != null)
        {
            foreach (var (keyNode, valueNode) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                    throw source.Error(keyNode, $"expected a key name in {section}");
                if (ignoreKeys.Contains(key)) continue;
                if (!byKey.TryGetValue(key, out var info))
                {
                    var valid = infos.Select(i => i.Key).Concat(ignoreKeys).OrderBy(k => k);
                    string hint = Suggest(key, infos.Select(i => i.Key));
                    throw source.Error(keyNode, $"unknown key '{key}' in {section}{hint}; valid keys: {string.Join(", ", valid)}");
                }
                if (!seen.Add(key)) throw source.Error(keyNode, $"duplicate key '{key}' in {section}");
                object? value = IsSection(info.Property.PropertyType)
                    ? Bind(info.Property.PropertyType, valueNode as YamlMappingNode
                        ?? throw source.Error(valueNode, $"{section}.{key}: expected a mapping of its options ({string.Join(", ", Options(info.Property.PropertyType).Select(o => o.Key))})"),
                        source, $"{section}.{key}", baseDirectory)
                    : Convert(valueNode, info.Property.PropertyType, source, $"{section}.{key}");
                // What a user types with --set means a path from where they stand; a file's paths start at the file.
                Check(info, ref value, valueNode, source, section, source.IsOverride(valueNode) ? Directory.GetCurrentDirectory() : baseDirectory);
                info.Property.SetValue(options, value);
            }
        }
        var at = map is null ? source.Root : (YamlNode)map;
        foreach (var info in infos.Where(i => !seen.Contains(i.Key)))
        {
            if (info.Required)
                throw source.Error(at, $"missing required key '{info.Key}' in {section} ({info.Description})");
            // a default path must exist as much as a given one; defaults start at the current folder
            if (info.IsPath && info.Property.GetValue(options) is string { Length: > 0 } path)
            {
                object? value = path;
                Check(info, ref value, at, source, section, Directory.GetCurrentDirectory());
                info.Property.SetValue(options, value);
            }
        }
        if (options is IValidatableObject validatable)
            foreach (var problem in validatable.Validate(new ValidationContext(options)))
            {
                var member = problem.MemberNames.Select(m => infos.FirstOrDefault(i => i.Property.Name == m)).FirstOrDefault(i => i != null);
                var node = member is null || map is null ? at
                    : map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == member.Key).Key ?? at;
                throw source.Error(node, $"{section}: {problem.ErrorMessage}");
            }
        return options;
    }

    /// <summary>
    /// True when <paramref name="type"/> is an options class of its own (a class with a parameterless constructor that
    /// is not a string or list): it is bound from a nested mapping, so a component can group its options, e.g. by phase.
    /// </summary>
    public static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsArray && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        && type.GetConstructor(Type.EmptyTypes) != null;

    /// <summary>Checks the range and, for paths, existence; a path is replaced by its full form (relative ones start at <paramref name="baseDirectory"/>).</summary>
    private static void Check(OptionInfo info, ref object? value, YamlNode node, YamlSource source, string section, string baseDirectory)
    {
        if (info.Range is { } range && value != null)
        {
            double v = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            double min = System.Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            double max = System.Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            if (v < min || v > max || double.IsNaN(v))
                throw source.Error(node, $"{section}.{info.Key} must be between {Fmt(min)} and {Fmt(max)}, got {Fmt(v)}");
        }
        if (info.IsPath && value is string path)
        {
            if (path.Length == 0 || path.Contains('\0'))
                throw source.Error(node, $"{section}.{info.Key}: expected a path, got '{path}'");
            string full = Path.GetFullPath(Path.Combine(baseDirectory, path));
            if (info.MustExist && !File.Exists(full) && !Directory.Exists(full))
                throw source.Error(node, $"{section}.{info.Key}: path '{path}' does not exist (looked for {full})");
            if (!info.MustExist && FileOnTheWay(full) is { } file)
                throw source.Error(node, $"{section}.{info.Key}: '{file}' is a file, so '{path}' cannot be a folder");
            value = full;
        }
    }

    /// <summary>The file that stands where <paramref name="folder"/> or one of its parents should be a folder, if any.</summary>
    public static string? FileOnTheWay(string folder)
    {
        for (string? d = Path.GetFullPath(folder); d != null; d = Path.GetDirectoryName(d))
        {
            if (Directory.Exists(d)) return null;
            if (File.Exists(d)) return d;
        }
        return null;
    }

    private static string Fmt(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>Converts a YAML node to <paramref name="type"/>, or throws an error located at the node.</summary>
    public static object? Convert(YamlNode node, Type type, YamlSource source, string what)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying != null)
        {
            if (node is YamlScalarNode { Value: null or "" or "null" or "~" }) return null;
            type = underlying;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var array = Convert(node, type.GetGenericArguments()[0].MakeArrayType(), source, what);
            return Activator.CreateInstance(type, array);
        }
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var items = node switch
            {
                YamlSequenceNode seq => seq.Children.ToList(),
                YamlScalarNode => [node],
                _ => throw source.Error(node, $"{what}: expected a list of {Describe(element)}"),
            };
            var array = Array.CreateInstance(element, items.Count);
            for (int i = 0; i < items.Count; i++) array.SetValue(Convert(items[i], element, source, $"{what}[{i}]"), i);
            return array;
        }
        if (node is not YamlScalarNode scalar)
            throw source.Error(node, $"{what}: expected {Describe(type)}, got a {(node is YamlMappingNode ? "mapping" : "list")}");
        string text = scalar.Value ?? "";
        if (type == typeof(string))
        {
            if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && text is "" or "~" or "null")
                throw source.Error(node, $"{what}: expected a string, got nothing");
            return text;
        }
        object? parsed = null;
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i32)) parsed = i32;
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i64)) parsed = i64;
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f64) && double.IsFinite(f64)) parsed = f64;
        else if (type == typeof(float) && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f32) && float.IsFinite(f32)) parsed = f32;
        else if (type == typeof(bool) && text is "true" or "false") parsed = text == "true";
        else if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            var match = names.FirstOrDefault(n => SnakeCase(n) == text || n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (match is null)
                throw source.Error(node, $"{what}: '{text}' is not one of {string.Join(", ", names.Select(SnakeCase))}");
            parsed = Enum.Parse(type, match);
        }
        return parsed ?? throw source.Error(node, $"{what}: expected {Describe(type)}, got '{text}'");
    }

    /// <summary>"an integer", "a number", "true or false", "one of a, b" ...</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(SnakeCase));
        if (type.IsArray) return "a list of " + Describe(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return "a list of " + Describe(type.GetGenericArguments()[0]);
        if (IsSection(type)) return "a mapping of options";
        return type.Name;
    }

    /// <summary>PopulationSize → population_size.</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The options of an instance as a YAML mapping (the fully resolved config).</summary>
    /// <param name="options">The bound options.</param>
    /// <param name="path">Rewrites each path option's (full) value for the file, e.g. relative to where it is written.</param>
    public static YamlMappingNode ToYaml(object options, Func<string, string>? path = null)
    {
        var map = new YamlMappingNode();
        foreach (var info in Options(options.GetType()))
        {
            var value = info.Property.GetValue(options);
            if (value is null) continue;
            if (info.IsPath && path != null && value is string { Length: > 0 } p) value = path(p);
            map.Add(info.Key, IsSection(value.GetType()) ? ToYaml(value, path) : ToNode(value));
        }
        return map;
    }

    internal static YamlNode ToNode(object value) => value switch
    {
        System.Collections.IList a => new YamlSequenceNode(a.Cast<object>().Select(ToNode)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow },
        bool b => new YamlScalarNode(b ? "true" : "false"),
        Enum e => new YamlScalarNode(SnakeCase(e.ToString())),
        IFormattable f => new YamlScalarNode(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => new YamlScalarNode(value.ToString()),
    };

    /// <summary>The default value of an option, formatted for <c>coevo list</c>.</summary>
    public static string DefaultText(OptionInfo info, object defaults)
    {
        var v = info.Property.GetValue(defaults);
        if (info.Required) return "(required)";
        return v switch
        {
            null => "(none)",
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            System.Collections.IList a => "[" + string.Join(", ", a.Cast<object>().Select(x => ((YamlScalarNode)ToNode(x)).Value)) + "]",
            _ when IsSection(v.GetType()) => "{" + string.Join(", ", Options(v.GetType()).Select(o => $"{o.Key}: {DefaultText(o, v)}")) + "}",
            _ => ((YamlScalarNode)ToNode(v)).Value ?? "",
        };
    }

    private static string Suggest(string key, IEnumerable<string> valid)
    {
        var best = valid.Select(v => (v, d: Levenshtein(key, v))).OrderBy(x => x.d).FirstOrDefault();
        return best.v != null && best.d <= Math.Max(2, key.Length / 3) ? $" (did you mean '{best.v}'?)" : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
