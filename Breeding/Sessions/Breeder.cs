using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coevo.Breeding.Kinds;
using Coevo.Breeding.Storage;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.Schedules;
using Microsoft.Extensions.Caching.Memory;

namespace Coevo.Breeding.Sessions;

/// <summary>
/// The breeding sessions behind the page: every change (evolve, back, open, reset, import, settings) runs under the
/// session's lock and is stored before it returns, so two tabs on one session see one history and a crash loses at most
/// the click in flight. A new node's randomness comes from <see cref="SeedSequence"/> on the session's seed and the
/// node's id, so a session replays exactly. Parsed genomes and PNGs are cached (they never change).
/// </summary>
public sealed partial class Breeder : IDisposable
{
    /// <summary>Side of the grid's thumbnails, in pixels.</summary>
    public const int ThumbnailSize = 192;
    /// <summary>Side of a gallery PNG.</summary>
    public const int GallerySize = 512;
    /// <summary>Pictures larger than this (a side in pixels) are rendered one at a time.</summary>
    public const int LargeSize = 1024;
    /// <summary>Longest genome text accepted (characters).</summary>
    public const int MaxGenomeChars = 512 * 1024;
    /// <summary>Most genes (nodes + links, tree nodes) an imported genome may have.</summary>
    public const int MaxGenes = 20_000;

    private readonly IBreedingStore _store;
    private readonly int _threads;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly SemaphoreSlim _largeRenders = new(1, 1);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256L << 20 });

    /// <summary>A breeder over <paramref name="store"/>, rendering on up to <paramref name="threads"/> threads.</summary>
    public Breeder(IBreedingStore store, int threads)
    {
        _store = store;
        _threads = Math.Max(1, threads);
    }

    /// <summary>The store (for listings).</summary>
    public IBreedingStore Store => _store;

    // ---- sessions -------------------------------------------------------------------------------------------------

    /// <summary>The session; 404 when there is none.</summary>
    public SessionRecord Session(string name) =>
        _store.Session(CheckName(name)) ?? throw BreedingException.NotFound($"no session '{name}'");

    /// <summary>The artist of a session.</summary>
    public static IBreedKind Kind(SessionRecord s) => BreedKinds.Get(s.Artist);

    /// <summary>The settings of a session.</summary>
    public static BreedSettings Settings(SessionRecord s) => BreedSettings.Parse(s.Settings, $"session '{s.Name}' settings");

    /// <summary>Creates a session with a random first generation; 409 when the name is taken.</summary>
    public async Task<SessionRecord> CreateSession(string name, string artist, BreedSettings settings, int? seed = null)
    {
        CheckName(name);
        var kind = BreedKinds.Get(artist);
        kind.Check(settings);
        return await Locked(name, () =>
        {
            int s = seed ?? System.Random.Shared.Next();
            var first = NewNode(kind, 1, null, 0, "random", [], settings, kind.Random(settings, SeedSequence.For(s, 1)));
            var record = new SessionRecord(name, kind.Name, s, settings.ToJson().ToJsonString(), first.Id, DateTime.UtcNow);
            if (!_store.CreateSession(record, first)) throw BreedingException.Conflict($"a session called '{name}' already exists");
            return record;
        }, create: true);
    }

    /// <summary>The session called <paramref name="name"/>, created with <paramref name="artist"/> when it does not exist yet.</summary>
    public async Task<SessionRecord> OpenOrCreate(string name, string artist)
    {
        var existing = _store.Session(CheckName(name));
        if (existing != null) return existing;
        try { return await CreateSession(name, artist, new BreedSettings()); }
        catch (BreedingException e) when (e.Status == 409) { return Session(name); }
    }

    /// <summary>Changes settings (only the fields in <paramref name="patch"/>).</summary>
    public Task<SessionRecord> UpdateSettings(string name, JsonElement patch) => Locked(name, () =>
    {
        var s = Session(name);
        var settings = Settings(s).With(patch, "settings");
        Kind(s).Check(settings);
        _store.SetSettings(name, settings.ToJson().ToJsonString());
        return Session(name);
    });

    // ---- the lineage ------------------------------------------------------------------------------------------------

    /// <summary>A node with its genomes; 404 when the session or node does not exist.</summary>
    public NodeRecord Node(string session, int id)
    {
        Session(session);
        // Nodes never change once stored, so a cached one is as good as a fresh read (pictures ask for it 16 times).
        if (_cache.TryGetValue(("node", session, id), out NodeRecord? cached)) return cached!;
        var node = _store.Node(session, id) ?? throw BreedingException.NotFound($"session '{session}' has no node {id}");
        _cache.Set(("node", session, id), node, new MemoryCacheEntryOptions { Size = node.Genomes.Sum(g => (long)g.Length) + 256 });
        return node;
    }

    /// <summary>Breeds the next generation from the members of <paramref name="from"/> the person chose; it becomes current.</summary>
    public Task<NodeRecord> Evolve(string name, int from, IReadOnlyList<int> chosen) => Locked(name, () =>
    {
        var s = Session(name);
        var parent = Node(name, from);
        if (chosen.Count == 0) throw new InputException("choose at least one image to breed from");
        foreach (int c in chosen)
            if (c < 0 || c >= parent.Genomes.Count)
                throw new InputException($"'chosen' holds {c}, but node {from} has members 0 to {parent.Genomes.Count - 1}");
        if (chosen.Distinct().Count() != chosen.Count) throw new InputException("'chosen' names a member twice");
        var kind = Kind(s);
        var settings = Settings(s);
        int id = _store.NextNodeId(name);
        var members = kind.Breed(Genomes(name, parent), chosen, settings, SeedSequence.For(s.Seed, id));
        var node = NewNode(kind, id, parent.Id, parent.Depth + 1, "evolve", chosen, settings, members);
        _store.AddNode(name, node);
        Prerender(name, node, members);
        return node;
    });

    /// <summary>Goes back one step: the parent of <paramref name="from"/> becomes current; 409 at a first generation.</summary>
    public Task<NodeRecord> Back(string name, int from) => Locked(name, () =>
    {
        var node = Node(name, from);
        if (node.Parent is not int parent) throw BreedingException.Conflict($"node {from} is a first generation; there is nothing to go back to");
        _store.SetCurrent(name, parent);
        return Node(name, parent);
    });

    /// <summary>Reopens any node of the lineage (to branch from it).</summary>
    public Task<NodeRecord> Open(string name, int id) => Locked(name, () =>
    {
        var node = Node(name, id);
        _store.SetCurrent(name, id);
        return node;
    });

    /// <summary>Starts again from a fresh random generation (a new root of the lineage).</summary>
    public Task<NodeRecord> Reset(string name) => Locked(name, () =>
    {
        var s = Session(name);
        var kind = Kind(s);
        var settings = Settings(s);
        int id = _store.NextNodeId(name);
        var members = kind.Random(settings, SeedSequence.For(s.Seed, id));
        var node = NewNode(kind, id, null, 0, "random", [], settings, members);
        _store.AddNode(name, node);
        Prerender(name, node, members);
        return node;
    });

    /// <summary>
    /// Starts a new root from an uploaded genome (JSON, S-expression or cppn-x XML; <paramref name="format"/> null to
    /// tell by the first character): the genome in the centre, its mutants around it.
    /// </summary>
    public Task<NodeRecord> Import(string name, string text, string? format) => Locked(name, () =>
    {
        var s = Session(name);
        var kind = Kind(s);
        var genome = ReadUpload(kind, text, format);
        var settings = Settings(s);
        int id = _store.NextNodeId(name);
        var members = kind.Breed([genome], [0], settings, SeedSequence.For(s.Seed, id));
        var node = NewNode(kind, id, null, 0, "import", [], settings, members);
        _store.AddNode(name, node);
        Prerender(name, node, members);
        return node;
    });

    // ---- pictures and genomes ---------------------------------------------------------------------------------------

    /// <summary>A member's picture as PNG bytes (cached).</summary>
    public byte[] Picture(string session, int node, int member, int size, Viewport view)
    {
        var n = Node(session, node);
        CheckMember(n, member);
        return Picture(session, n, member, size, view, () => Genomes(session, n)[member]);
    }

    /// <summary>A member's genome as text in <paramref name="format"/>.</summary>
    public string GenomeText(string session, int node, int member, string format)
    {
        var s = Session(session);
        var n = Node(session, node);
        CheckMember(n, member);
        var kind = Kind(s);
        if (!kind.Formats.Contains(format))
            throw new InputException($"{kind.Name} genomes can be had as {string.Join(", ", kind.Formats)}, not '{format}'");
        return kind.Write(Genomes(session, n)[member], format);
    }

    /// <summary>Hover texts and species of a node's members.</summary>
    public (string[] Info, int[]? Species) Describe(string session, NodeRecord node)
    {
        var kind = Kind(Session(session));
        var genomes = Genomes(session, node);
        return _cache.GetOrCreate(("describe", session, node.Id), e =>
        {
            e.Size = 1024;
            return (genomes.Select(kind.Describe).ToArray(), kind.Species(genomes));
        });
    }

    // ---- gallery ----------------------------------------------------------------------------------------------------

    /// <summary>Saves a member to the gallery with a PNG of <see cref="GallerySize"/> pixels.</summary>
    public GalleryItem SaveToGallery(string session, int node, int member, string title, IReadOnlyList<string> tags)
    {
        title = title.Trim();
        if (title.Length == 0) throw new InputException("give the picture a title");
        if (title.Length > 200) throw new InputException($"the title has {title.Length} characters; at most 200");
        if (tags.Count > 20) throw new InputException($"{tags.Count} tags; at most 20");
        var cleanTags = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToArray();
        foreach (var t in cleanTags) if (t.Length > 40) throw new InputException($"the tag '{t[..20]}...' is longer than 40 characters");
        var s = Session(session);
        var n = Node(session, node);
        CheckMember(n, member);
        var png = Picture(session, node, member, GallerySize, Viewport.Whole);
        return _store.AddToGallery(new GalleryItem(0, session, node, member, s.Artist, title, cleanTags, n.Genomes[member], png, DateTime.UtcNow));
    }

    /// <summary>A gallery item with its genome and PNG; 404 when there is none.</summary>
    public GalleryItem GalleryItem(int id) => _store.GalleryItem(id) ?? throw BreedingException.NotFound($"no gallery item {id}");

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /// <summary>Session names: letters, digits, '-', '_' and '.', 1 to 64 of them, starting with a letter or digit.</summary>
    public static string CheckName(string name) =>
        NamePattern().IsMatch(name) ? name
        : throw new InputException($"session names are 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit; got '{Clip(name)}'");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "..." : s;

    private static void CheckMember(NodeRecord n, int member)
    {
        if (member < 0 || member >= n.Genomes.Count)
            throw BreedingException.NotFound($"node {n.Id} has members 0 to {n.Genomes.Count - 1}, not {member}");
    }

    private static NodeRecord NewNode(IBreedKind kind, int id, int? parent, int depth, string action, IReadOnlyList<int> chosen,
                                      BreedSettings settings, IReadOnlyList<object> members) =>
        new(id, parent, depth, action, chosen.ToArray(), settings.Mutations, members.Select(m => kind.Write(m, "json")).ToArray(), DateTime.UtcNow);

    private IReadOnlyList<object> Genomes(string session, NodeRecord node) =>
        _cache.GetOrCreate(("genomes", session, node.Id), e =>
        {
            e.Size = node.Genomes.Sum(g => (long)g.Length) + 1;
            var kind = Kind(Session(session));
            return node.Genomes.Select((g, i) => kind.Read(g, "json", $"session '{session}' node {node.Id} member {i}")).ToArray();
        })!;

    private byte[] Picture(string session, NodeRecord n, int member, int size, Viewport view, Func<object> genome)
    {
        // Keyed by the genome itself, so the parent kept in the centre of the next generation is not drawn again.
        var key = ("png", n.Genomes[member], size, view);
        if (_cache.TryGetValue(key, out byte[]? png)) return png!;
        var kind = Kind(Session(session));
        bool large = size > LargeSize;
        if (large) _largeRenders.Wait(); // one large render at a time: a 4096² picture needs ~0.5 GB on the way
        try { png = size <= ThumbnailSize ? Png.EncodeQuick(kind.Render(genome(), size, size, view)) : Png.Encode(kind.Render(genome(), size, size, view)); }
        finally { if (large) _largeRenders.Release(); }
        _cache.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length });
        return png;
    }

    private void Prerender(string session, NodeRecord node, IReadOnlyList<object> members)
    {
        _cache.Set(("genomes", session, node.Id), members.ToArray(), new MemoryCacheEntryOptions { Size = node.Genomes.Sum(g => (long)g.Length) + 1 });
        Parallelism.Map(Enumerable.Range(0, members.Count).ToArray(),
                        i => Picture(session, node, i, ThumbnailSize, Viewport.Whole, () => members[i]), _threads);
    }

    private object ReadUpload(IBreedKind kind, string text, string? format)
    {
        const string source = "uploaded genome";
        if (text.Length > MaxGenomeChars) throw new InputException($"the genome has {text.Length} characters; at most {MaxGenomeChars}", source);
        string trimmed = text.TrimStart();
        format ??= trimmed.StartsWith('{') ? "json" : trimmed.StartsWith('<') ? "xml" : "sexp";
        string genomeKind = BreedKinds.OfText(text, format, source).Name;
        if (genomeKind != kind.Name)
            throw new InputException($"this is a {genomeKind} genome, but the session breeds {kind.Name}; start a {genomeKind} session to breed it", source);
        var genome = kind.Read(text, format, source);
        int genes = kind.GeneCount(genome);
        if (genes > MaxGenes) throw new InputException($"the genome has {genes} genes; at most {MaxGenes}", source);
        return genome;
    }

    private async Task<T> Locked<T>(string session, Func<T> body, bool create = false)
    {
        if (!create) Session(session); // only sessions that exist get a lock (a request cannot make them up by the thousand)
        var gate = _locks.GetOrAdd(session, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try { return body(); }
        finally { gate.Release(); }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _cache.Dispose();
        _largeRenders.Dispose();
    }
}
