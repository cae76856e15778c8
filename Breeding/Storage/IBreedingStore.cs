namespace Coevo.Breeding.Storage;

/// <summary>A breeding session: which artist, its seed, its settings (JSON) and the lineage node it shows now.</summary>
public sealed record SessionRecord(string Name, string Artist, int Seed, string Settings, int CurrentNode, DateTime Created);

/// <summary>
/// One node of a session's lineage: a generation shown on the grid. <paramref name="Parent"/> is the node it was bred
/// from (null for a random or imported start), <paramref name="Chosen"/> the members of the parent the person chose,
/// <paramref name="Genomes"/> the members as stored genome texts (empty in lineage listings).
/// </summary>
public sealed record NodeRecord(int Id, int? Parent, int Depth, string Action, IReadOnlyList<int> Chosen, int Mutations,
                                IReadOnlyList<string> Genomes, DateTime Created);

/// <summary>A saved image: the genome text, a PNG and where it came from. Listings leave out the genome and the PNG.</summary>
public sealed record GalleryItem(int Id, string Session, int Node, int Member, string Artist, string Title,
                                 IReadOnlyList<string> Tags, string Genome, byte[]? Png, DateTime Created);

/// <summary>
/// Where sessions, their lineage and the gallery live. Each method is atomic: a crash leaves either all of a change or
/// none of it. Callers serialise changes to one session; the store may be used from many threads.
/// </summary>
public interface IBreedingStore : IDisposable
{
    /// <summary>Every session, oldest first.</summary>
    IReadOnlyList<SessionRecord> Sessions();
    /// <summary>The session called <paramref name="name"/>, or null.</summary>
    SessionRecord? Session(string name);
    /// <summary>Creates a session with its first node (which becomes current); false if the name is taken.</summary>
    bool CreateSession(SessionRecord session, NodeRecord first);
    /// <summary>Adds a node to a session and makes it current.</summary>
    void AddNode(string session, NodeRecord node);
    /// <summary>Makes an existing node current.</summary>
    void SetCurrent(string session, int node);
    /// <summary>Replaces a session's settings (JSON).</summary>
    void SetSettings(string session, string settings);
    /// <summary>The node with its genomes, or null.</summary>
    NodeRecord? Node(string session, int id);
    /// <summary>The id the next node of the session gets (one above the highest so far).</summary>
    int NextNodeId(string session);
    /// <summary>Every node of the session without genomes, in id order.</summary>
    IReadOnlyList<NodeRecord> Lineage(string session);
    /// <summary>Saves an item (its id is ignored) and returns it with the id it got.</summary>
    GalleryItem AddToGallery(GalleryItem item);
    /// <summary>The gallery, newest first, without genomes and PNGs.</summary>
    IReadOnlyList<GalleryItem> Gallery();
    /// <summary>One item with its genome and PNG, or null.</summary>
    GalleryItem? GalleryItem(int id);
    /// <summary>Removes an item; false if there was none.</summary>
    bool RemoveFromGallery(int id);
}
