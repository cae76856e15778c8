using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Coevo.Breeding.Storage;

/// <summary>
/// <see cref="IBreedingStore"/> in one SQLite file (WAL journal, full sync: a committed change survives a crash of the
/// process or the machine). One connection per call from the driver's pool, so calls may come from any thread.
/// </summary>
public sealed class SqliteBreedingStore : IBreedingStore
{
    /// <summary>The database file's name inside the output folder.</summary>
    public const string FileName = "breeding.db";

    private const int SchemaVersion = 1;
    private readonly string _connectionString;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    public SqliteBreedingStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        Execute(c, "PRAGMA journal_mode=WAL;");
        long version = (long)Scalar(c, "PRAGMA user_version;")!;
        if (version > SchemaVersion)
            throw new Coevo.Coevolution.InputException($"the breeding database was written by a newer Coevo (schema {version}, this one knows {SchemaVersion})", path);
        Execute(c, """
            CREATE TABLE IF NOT EXISTS sessions (
              name TEXT PRIMARY KEY, artist TEXT NOT NULL, seed INTEGER NOT NULL, settings TEXT NOT NULL,
              current_node INTEGER NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS nodes (
              session TEXT NOT NULL REFERENCES sessions(name), id INTEGER NOT NULL, parent INTEGER, depth INTEGER NOT NULL,
              action TEXT NOT NULL, chosen TEXT NOT NULL, mutations INTEGER NOT NULL, genomes TEXT NOT NULL, created TEXT NOT NULL,
              PRIMARY KEY (session, id));
            CREATE TABLE IF NOT EXISTS gallery (
              id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, node INTEGER NOT NULL, member INTEGER NOT NULL,
              artist TEXT NOT NULL, title TEXT NOT NULL, tags TEXT NOT NULL, genome TEXT NOT NULL, png BLOB NOT NULL, created TEXT NOT NULL);
            """);
        Execute(c, $"PRAGMA user_version = {SchemaVersion};");
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Execute(c, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        return c;
    }

    /// <inheritdoc/>
    public IReadOnlyList<SessionRecord> Sessions()
    {
        using var c = Open();
        return Query(c, "SELECT name, artist, seed, settings, current_node, created FROM sessions ORDER BY created, name", ReadSession);
    }

    /// <inheritdoc/>
    public SessionRecord? Session(string name)
    {
        using var c = Open();
        return Query(c, "SELECT name, artist, seed, settings, current_node, created FROM sessions WHERE name = $a", ReadSession, name).FirstOrDefault();
    }

    /// <inheritdoc/>
    public bool CreateSession(SessionRecord session, NodeRecord first)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        if (Scalar(c, "SELECT 1 FROM sessions WHERE name = $a", session.Name) is not null) return false;
        Execute(c, "INSERT INTO sessions VALUES ($a, $b, $c, $d, $e, $f)",
                session.Name, session.Artist, session.Seed, session.Settings, first.Id, Time(session.Created));
        InsertNode(c, session.Name, first);
        tx.Commit();
        return true;
    }

    /// <inheritdoc/>
    public void AddNode(string session, NodeRecord node)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        InsertNode(c, session, node);
        Execute(c, "UPDATE sessions SET current_node = $a WHERE name = $b", node.Id, session);
        tx.Commit();
    }

    /// <inheritdoc/>
    public void SetCurrent(string session, int node)
    {
        using var c = Open();
        Execute(c, "UPDATE sessions SET current_node = $a WHERE name = $b", node, session);
    }

    /// <inheritdoc/>
    public void SetSettings(string session, string settings)
    {
        using var c = Open();
        Execute(c, "UPDATE sessions SET settings = $a WHERE name = $b", settings, session);
    }

    /// <inheritdoc/>
    public NodeRecord? Node(string session, int id)
    {
        using var c = Open();
        return Query(c, "SELECT id, parent, depth, action, chosen, mutations, genomes, created FROM nodes WHERE session = $a AND id = $b",
                     r => ReadNode(r, withGenomes: true), session, id).FirstOrDefault();
    }

    /// <inheritdoc/>
    public int NextNodeId(string session)
    {
        using var c = Open();
        return Convert.ToInt32(Scalar(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM nodes WHERE session = $a", session), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public IReadOnlyList<NodeRecord> Lineage(string session)
    {
        using var c = Open();
        return Query(c, "SELECT id, parent, depth, action, chosen, mutations, '[]', created FROM nodes WHERE session = $a ORDER BY id",
                     r => ReadNode(r, withGenomes: false), session);
    }

    /// <inheritdoc/>
    public GalleryItem AddToGallery(GalleryItem item)
    {
        using var c = Open();
        var id = Scalar(c, "INSERT INTO gallery (session, node, member, artist, title, tags, genome, png, created) " +
                           "VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i) RETURNING id",
            item.Session, item.Node, item.Member, item.Artist, item.Title, JsonSerializer.Serialize(item.Tags), item.Genome,
            item.Png ?? [], Time(item.Created));
        return item with { Id = Convert.ToInt32(id, CultureInfo.InvariantCulture) };
    }

    /// <inheritdoc/>
    public IReadOnlyList<GalleryItem> Gallery()
    {
        using var c = Open();
        return Query(c, "SELECT id, session, node, member, artist, title, tags, '', NULL, created FROM gallery ORDER BY id DESC", ReadItem);
    }

    /// <inheritdoc/>
    public GalleryItem? GalleryItem(int id)
    {
        using var c = Open();
        return Query(c, "SELECT id, session, node, member, artist, title, tags, genome, png, created FROM gallery WHERE id = $a", ReadItem, id).FirstOrDefault();
    }

    /// <inheritdoc/>
    public bool RemoveFromGallery(int id)
    {
        using var c = Open();
        return Execute(c, "DELETE FROM gallery WHERE id = $a", id) > 0;
    }

    /// <summary>Closes pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    private static void InsertNode(SqliteConnection c, string session, NodeRecord n) =>
        Execute(c, "INSERT INTO nodes VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i)",
                session, n.Id, n.Parent, n.Depth, n.Action, JsonSerializer.Serialize(n.Chosen), n.Mutations,
                JsonSerializer.Serialize(n.Genomes), Time(n.Created));

    private static SessionRecord ReadSession(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), ParseTime(r.GetString(5)));

    private static NodeRecord ReadNode(SqliteDataReader r, bool withGenomes) =>
        new(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetInt32(2), r.GetString(3),
            JsonSerializer.Deserialize<int[]>(r.GetString(4))!, r.GetInt32(5),
            withGenomes ? JsonSerializer.Deserialize<string[]>(r.GetString(6))! : [], ParseTime(r.GetString(7)));

    private static GalleryItem ReadItem(SqliteDataReader r) =>
        new(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.GetString(5),
            JsonSerializer.Deserialize<string[]>(r.GetString(6))!, r.GetString(7), r.IsDBNull(8) ? null : (byte[])r[8], ParseTime(r.GetString(9)));

    private static string Time(DateTime t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
    private static DateTime ParseTime(string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static SqliteCommand Command(SqliteConnection c, string sql, object?[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        for (int i = 0; i < args.Length; i++) cmd.Parameters.AddWithValue("$" + (char)('a' + i), args[i] ?? DBNull.Value);
        return cmd;
    }

    private static int Execute(SqliteConnection c, string sql, params object?[] args)
    {
        using var cmd = Command(c, sql, args);
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql, params object?[] args)
    {
        using var cmd = Command(c, sql, args);
        return cmd.ExecuteScalar();
    }

    private static List<T> Query<T>(SqliteConnection c, string sql, Func<SqliteDataReader, T> read, params object?[] args)
    {
        using var cmd = Command(c, sql, args);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(read(r));
        return list;
    }
}
