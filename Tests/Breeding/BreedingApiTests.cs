using System.Net;
using System.Text.Json;
using Coevo.Artists.Cppn;
using Coevo.Artists.Gp;
using Coevo.Coevolution.Imaging;
using Coevo.Tests.Support;

namespace Coevo.Tests.Breeding;

/// <summary>Every endpoint of the breeding API against a real server in this process, and every kind of bad request.</summary>
[TestClass]
public class BreedingApiTests : TempFolders
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "picbreeder", name);

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static async Task<JsonElement> NewSession(BreedHost h, string name, string artist, object? settings = null, int seed = 7) =>
        await h.Ok(HttpMethod.Post, "/api/sessions", new { name, artist, seed, settings = settings ?? new { } });

    [TestMethod]
    public async Task ArtistsAndSessionsAreListed()
    {
        await using var h = await BreedHost.Start(TempDir(), "gp", "first");
        var artists = await h.Ok(HttpMethod.Get, "/api/artists");
        CollectionAssert.AreEqual(new[] { "cppn", "gp", "biomorph" }, artists.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToArray());
        var cppn = artists.EnumerateArray().First(a => a.GetProperty("name").GetString() == "cppn");
        CollectionAssert.AreEqual(new[] { "json", "xml" }, cppn.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ToArray());
        var sessions = await h.Ok(HttpMethod.Get, "/api/sessions");
        Assert.AreEqual(1, sessions.GetArrayLength());
        Assert.AreEqual("first", sessions[0].GetProperty("name").GetString());
        Assert.AreEqual("gp", sessions[0].GetProperty("artist").GetString());
    }

    [TestMethod]
    [DataRow("cppn")]
    [DataRow("gp")]
    [DataRow("biomorph")]
    public async Task ASessionStartsRandomAndEvolvesFromTheChosenOnes(string artist)
    {
        await using var h = await BreedHost.Start(TempDir());
        var s = await NewSession(h, "s1", artist);
        Assert.AreEqual(artist, s.GetProperty("artist").GetString());
        var first = s.GetProperty("current");
        Assert.AreEqual(16, first.GetProperty("members").GetArrayLength(), "15 children and the centre");
        Assert.IsFalse(string.IsNullOrEmpty(first.GetProperty("members")[3].GetProperty("info").GetString()));
        int id = first.GetProperty("id").GetInt32();

        var thumb = await h.Png($"/api/sessions/s1/nodes/{id}/members/5/image");
        Assert.AreEqual(192, thumb.Width);
        Assert.AreEqual(192, thumb.Height);

        string chosen = await h.Text($"/api/sessions/s1/nodes/{id}/members/5/genome");
        var next = await h.Ok(HttpMethod.Post, "/api/sessions/s1/evolve", new { node = id, chosen = new[] { 5 } });
        Assert.AreEqual(id, next.GetProperty("parent").GetInt32());
        Assert.AreEqual(1, next.GetProperty("depth").GetInt32());
        CollectionAssert.AreEqual(new[] { 5 }, Ints(next.GetProperty("chosen")));
        int child = next.GetProperty("id").GetInt32();
        Assert.AreEqual(chosen, await h.Text($"/api/sessions/s1/nodes/{child}/members/0/genome"), "the chosen one is the parent in the centre");
        var children = new List<string>();
        for (int i = 1; i < 16; i++) children.Add(await h.Text($"/api/sessions/s1/nodes/{child}/members/{i}/genome"));
        Assert.IsTrue(children.Count(c => c != chosen) >= 12, "children are mutants of the parent");

        var session = await h.Ok(HttpMethod.Get, "/api/sessions/s1");
        Assert.AreEqual(child, session.GetProperty("current").GetProperty("id").GetInt32(), "the new generation is current");
        var lineage = await h.Ok(HttpMethod.Get, "/api/sessions/s1/lineage");
        Assert.AreEqual(2, lineage.GetProperty("nodes").GetArrayLength());
        Assert.AreEqual(child, lineage.GetProperty("current").GetInt32());
    }

    [TestMethod]
    public async Task TwoChosenGiveCrossesWithTheFirstInTheCentre()
    {
        await using var h = await BreedHost.Start(TempDir());
        var s = await NewSession(h, "x", "biomorph");
        int id = s.GetProperty("current").GetProperty("id").GetInt32();
        var a = JsonDocument.Parse(await h.Text($"/api/sessions/x/nodes/{id}/members/2/genome")).RootElement;
        var b = JsonDocument.Parse(await h.Text($"/api/sessions/x/nodes/{id}/members/9/genome")).RootElement;
        var next = await h.Ok(HttpMethod.Post, "/api/sessions/x/evolve", new { node = id, chosen = new[] { 9, 2 } });
        int n = next.GetProperty("id").GetInt32();
        var centre = JsonDocument.Parse(await h.Text($"/api/sessions/x/nodes/{n}/members/0/genome")).RootElement;
        CollectionAssert.AreEqual(Ints(a.GetProperty("genes")), Ints(centre.GetProperty("genes")), "the lower-numbered choice stays in the centre");
        int[] ga = Ints(a.GetProperty("genes")), gb = Ints(b.GetProperty("genes"));
        for (int i = 1; i < 16; i++)
        {
            // A cross takes each gene from one parent, then one mutation moves one gene (vector or other) by one.
            var g = Ints(JsonDocument.Parse(await h.Text($"/api/sessions/x/nodes/{n}/members/{i}/genome")).RootElement.GetProperty("genes"));
            int off = Enumerable.Range(0, 8).Count(k => g[k] != ga[k] && g[k] != gb[k]);
            Assert.IsTrue(off <= 1, $"child {i}: {off} genes from neither parent");
        }
    }

    [TestMethod]
    public async Task BackOpenAndResetMoveThroughTheLineage()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "l", "gp");
        var n2 = await h.Ok(HttpMethod.Post, "/api/sessions/l/evolve", new { node = 1, chosen = new[] { 1 } });
        var n3 = await h.Ok(HttpMethod.Post, "/api/sessions/l/evolve", new { node = n2.GetProperty("id").GetInt32(), chosen = new[] { 4 } });
        Assert.AreEqual(3, n3.GetProperty("id").GetInt32());

        var back = await h.Ok(HttpMethod.Post, "/api/sessions/l/back", new { node = 3 });
        Assert.AreEqual(2, back.GetProperty("id").GetInt32());
        Assert.AreEqual(2, (await h.Ok(HttpMethod.Get, "/api/sessions/l")).GetProperty("current").GetProperty("id").GetInt32());

        var open = await h.Ok(HttpMethod.Post, "/api/sessions/l/open", new { node = 1 });
        Assert.AreEqual(1, open.GetProperty("id").GetInt32());
        var branch = await h.Ok(HttpMethod.Post, "/api/sessions/l/evolve", new { node = 1, chosen = new[] { 7 } });
        Assert.AreEqual(1, branch.GetProperty("parent").GetInt32());
        var nodes = (await h.Ok(HttpMethod.Get, "/api/sessions/l/lineage")).GetProperty("nodes").EnumerateArray().ToArray();
        Assert.AreEqual(2, nodes.Count(n => n.GetProperty("parent").ValueKind == JsonValueKind.Number && n.GetProperty("parent").GetInt32() == 1),
                        "node 1 has two branches");

        var reset = await h.Ok(HttpMethod.Post, "/api/sessions/l/reset", new { });
        Assert.AreEqual(JsonValueKind.Null, reset.GetProperty("parent").ValueKind);
        Assert.AreEqual(0, reset.GetProperty("depth").GetInt32());
        Assert.AreEqual(5, reset.GetProperty("id").GetInt32());

        var node = await h.Ok(HttpMethod.Get, "/api/sessions/l/nodes/3");
        Assert.AreEqual(2, node.GetProperty("parent").GetInt32());
        Assert.AreEqual(16, node.GetProperty("members").GetArrayLength());

        var (status, body) = await h.Post("/api/sessions/l/back", new { node = 1 });
        Assert.AreEqual(HttpStatusCode.Conflict, status);
        StringAssert.Contains(body.GetProperty("error").GetString(), "nothing to go back to");
    }

    [TestMethod]
    public async Task SettingsChangeChildrenMutationsAndActivations()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "c", "cppn");
        var s = await h.Ok(Patch, "/api/sessions/c/settings", new { children = 8, mutations = 6, activations = new[] { "sin" } });
        Assert.AreEqual(8, s.GetProperty("settings").GetProperty("children").GetInt32());
        Assert.AreEqual(6, s.GetProperty("settings").GetProperty("mutations").GetInt32());
        int from = 1;
        for (int gen = 0; gen < 3; gen++)
        {
            var next = await h.Ok(HttpMethod.Post, "/api/sessions/c/evolve", new { node = from, chosen = new[] { 1 } });
            Assert.AreEqual(9, next.GetProperty("members").GetArrayLength(), "8 children and the parent");
            Assert.AreEqual(6, next.GetProperty("mutations").GetInt32());
            int id = next.GetProperty("id").GetInt32();
            var format = new CppnJsonFormat();
            var parent = format.Read(await h.Text($"/api/sessions/c/nodes/{id}/members/0/genome"), "parent");
            var parentActs = parent.Nodes.ToDictionary(n => n.Id, n => n.Activation);
            for (int i = 1; i < 9; i++)
            {
                var child = format.Read(await h.Text($"/api/sessions/c/nodes/{id}/members/{i}/genome"), "child");
                foreach (var n in child.Nodes.Skip(CppnGenome.InputCount))
                    if (!parentActs.TryGetValue(n.Id, out var old) || old != n.Activation)
                        Assert.AreEqual(Activation.Sin, n.Activation, $"node {n.Id} of child {i} is new or changed, so it draws from the chosen activations");
            }
            from = id;
        }
    }

    [TestMethod]
    public async Task ImportsPicbreederXmlGpAndBiomorphGenomes()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "pb", "cppn");
        string xml = File.ReadAllText(Fixture("745_LetterG.xml"));
        var (status, node) = await h.SendRaw(HttpMethod.Post, "/api/sessions/pb/import", xml, "application/xml");
        Assert.AreEqual(HttpStatusCode.OK, status, node.ToString());
        Assert.AreEqual("import", node.GetProperty("action").GetString());
        int id = node.GetProperty("id").GetInt32();
        var expected = new CppnXmlFormat().Read(xml, "fixture");
        Assert.AreEqual(new CppnJsonFormat().Write(expected), await h.Text($"/api/sessions/pb/nodes/{id}/members/0/genome"));
        var served = await h.Png($"/api/sessions/pb/nodes/{id}/members/0/image?size=128");
        var direct = Png.Decode(Png.Encode(new CppnRenderer().Render(expected, 128, 128)), "direct");
        CollectionAssert.AreEqual(direct.Data, served.Data, "the imported genome draws as Picbreeder's");

        // Export as cppn-x XML and import again: the same genome.
        string exported = await h.Text($"/api/sessions/pb/nodes/{id}/members/0/genome?format=xml");
        var again = await h.SendRaw(HttpMethod.Post, "/api/sessions/pb/import?format=xml", exported, "text/plain");
        Assert.AreEqual(new CppnJsonFormat().Write(expected),
                        await h.Text($"/api/sessions/pb/nodes/{again.Body.GetProperty("id").GetInt32()}/members/0/genome"));

        await NewSession(h, "gp", "gp");
        string sexp = "(sin (* x (+ y 0.5)))";
        var gp = await h.SendRaw(HttpMethod.Post, "/api/sessions/gp/import", sexp, "text/plain");
        Assert.AreEqual(HttpStatusCode.OK, gp.Status, gp.Body.ToString());
        Assert.AreEqual(GpSExpressionFormat.Parse(sexp).ToString(),
                        (await h.Text($"/api/sessions/gp/nodes/{gp.Body.GetProperty("id").GetInt32()}/members/0/genome?format=sexp")).Trim());

        await NewSession(h, "bm", "biomorph");
        string bm = """{"kind": "biomorph", "genes": [1, 2, 3, -1, -2, -3, 4, 5], "depth": 6}""";
        var b = await h.SendRaw(HttpMethod.Post, "/api/sessions/bm/import", bm, "application/json");
        Assert.AreEqual(HttpStatusCode.OK, b.Status, b.Body.ToString());
        var centre = JsonDocument.Parse(await h.Text($"/api/sessions/bm/nodes/{b.Body.GetProperty("id").GetInt32()}/members/0/genome")).RootElement;
        CollectionAssert.AreEqual(new[] { 1, 2, 3, -1, -2, -3, 4, 5 }, Ints(centre.GetProperty("genes")));
    }

    [TestMethod]
    public async Task RendersLargeAndZoomedPicturesAndExportsGenomes()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "r", "cppn");
        var big = await h.Png("/api/sessions/r/nodes/1/members/2/image?size=1024");
        Assert.AreEqual(1024, big.Width);
        // Zoom 2 about the centre at 128 px shows exactly the middle of the whole picture at 256 px.
        var whole = await h.Png("/api/sessions/r/nodes/1/members/2/image?size=256");
        var zoomed = await h.Png("/api/sessions/r/nodes/1/members/2/image?size=128&zoom=2");
        for (int y = 0; y < 128; y += 7)
            for (int x = 0; x < 128; x += 5)
                Assert.AreEqual(whole[x + 64, y + 64], zoomed[x, y], $"pixel {x},{y}");
        // Panning right by half the picture shows what was right of the centre.
        var panned = await h.Png("/api/sessions/r/nodes/1/members/2/image?size=128&zoom=2&x=0.5");
        Assert.AreEqual(whole[128 + 64, 64], panned[64, 0]);

        using var res = await h.Http.GetAsync("/api/sessions/r/nodes/1/members/2/genome?format=xml&download=1");
        Assert.AreEqual("attachment; filename=\"r-n1-m2.xml\"", res.Content.Headers.ContentDisposition?.ToString());
        StringAssert.Contains(await res.Content.ReadAsStringAsync(), "<genome");
        using var png = await h.Http.GetAsync("/api/sessions/r/nodes/1/members/2/image?size=1024&download=1");
        Assert.AreEqual("r-n1-m2-1024px.png", png.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [TestMethod]
    public async Task TheGalleryKeepsTitlesTagsGenomesAndPngs()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "g", "biomorph");
        string genome = await h.Text("/api/sessions/g/nodes/1/members/4/genome");
        var (status, item) = await h.Post("/api/gallery", new { session = "g", node = 1, member = 4, title = "  Insect  ", tags = new[] { "bug", " legs ", "bug", "" } });
        Assert.AreEqual(HttpStatusCode.Created, status, item.ToString());
        int id = item.GetProperty("id").GetInt32();
        Assert.AreEqual("Insect", item.GetProperty("title").GetString());
        CollectionAssert.AreEqual(new[] { "bug", "legs" }, item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
        var list = await h.Ok(HttpMethod.Get, "/api/gallery");
        Assert.AreEqual(1, list.GetArrayLength());
        Assert.AreEqual(id, list[0].GetProperty("id").GetInt32());
        Assert.AreEqual(genome, await h.Text($"/api/gallery/{id}/genome"));
        var png = await h.Png($"/api/gallery/{id}/image");
        Assert.AreEqual(512, png.Width);

        Assert.AreEqual(HttpStatusCode.NoContent, (await h.Send(HttpMethod.Delete, $"/api/gallery/{id}")).Status);
        Assert.AreEqual(0, (await h.Ok(HttpMethod.Get, "/api/gallery")).GetArrayLength());
        var gone = await h.Get($"/api/gallery/{id}/image");
        Assert.AreEqual(HttpStatusCode.NotFound, gone.Status);
    }

    /// <summary>Each bad request: its status and a word of its message. The server answers normally afterwards.</summary>
    [TestMethod]
    public async Task BadRequestsGetA4xxWithAMessageAndTheServerKeepsServing()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "b", "cppn");
        var big = new string('a', 2 * 1024 * 1024);
        var tooManyChars = "(+ x " + new string(' ', 600 * 1024) + " y)";
        var cases = new (string What, Func<Task<(HttpStatusCode, JsonElement)>> Call, HttpStatusCode Status, string Message)[]
        {
            ("unknown session", () => h.Get("/api/sessions/nope"), HttpStatusCode.NotFound, "no session 'nope'"),
            ("unknown node", () => h.Get("/api/sessions/b/nodes/99"), HttpStatusCode.NotFound, "has no node 99"),
            ("node not a number", () => h.Get("/api/sessions/b/nodes/abc"), HttpStatusCode.BadRequest, "node must be a non-negative integer"),
            ("unknown member", () => h.Get("/api/sessions/b/nodes/1/members/40/image"), HttpStatusCode.NotFound, "members 0 to 15"),
            ("unknown gallery item", () => h.Get("/api/gallery/77/image"), HttpStatusCode.NotFound, "no gallery item 77"),
            ("delete unknown gallery item", () => h.Send(HttpMethod.Delete, "/api/gallery/77"), HttpStatusCode.NotFound, "no gallery item 77"),
            ("unknown endpoint", () => h.Get("/api/nothing"), HttpStatusCode.NotFound, "no such endpoint"),
            ("unknown file", () => h.Get("/secrets.txt"), HttpStatusCode.NotFound, "no such endpoint: GET /secrets.txt"),
            ("wrong method", () => h.Send(HttpMethod.Delete, "/api/sessions/b"), HttpStatusCode.NotFound, "no such endpoint: DELETE"),
            ("malformed JSON", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/evolve", "{\"node\": 1, \"chosen\": [1", "application/json"), HttpStatusCode.BadRequest, "malformed JSON"),
            ("JSON not an object", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/evolve", "[1]", "application/json"), HttpStatusCode.BadRequest, "must be a JSON object"),
            ("not JSON at all", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/evolve", "node=1", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json"),
            ("missing field", () => h.Post("/api/sessions/b/evolve", new { chosen = new[] { 1 } }), HttpStatusCode.BadRequest, "missing 'node'"),
            ("wrong field type", () => h.Post("/api/sessions/b/evolve", new { node = 1, chosen = "1" }), HttpStatusCode.BadRequest, "'chosen' must be an array of integers"),
            ("nothing chosen", () => h.Post("/api/sessions/b/evolve", new { node = 1, chosen = Array.Empty<int>() }), HttpStatusCode.BadRequest, "choose at least one"),
            ("chosen out of range", () => h.Post("/api/sessions/b/evolve", new { node = 1, chosen = new[] { 16 } }), HttpStatusCode.BadRequest, "members 0 to 15"),
            ("chosen twice", () => h.Post("/api/sessions/b/evolve", new { node = 1, chosen = new[] { 2, 2 } }), HttpStatusCode.BadRequest, "twice"),
            ("unknown artist", () => h.Post("/api/sessions", new { name = "z", artist = "dcgan" }), HttpStatusCode.BadRequest, "unknown artist 'dcgan'"),
            ("session name with a path", () => h.Post("/api/sessions", new { name = "../etc", artist = "gp" }), HttpStatusCode.BadRequest, "session names are"),
            ("session exists", () => h.Post("/api/sessions", new { name = "b", artist = "gp" }), HttpStatusCode.Conflict, "already exists"),
            ("too few children", () => h.Post("/api/sessions", new { name = "z", artist = "gp", settings = new { children = 7 } }), HttpStatusCode.BadRequest, "'children' must be from 8 to 30"),
            ("too many children", () => h.Send(Patch, "/api/sessions/b/settings", new { children = 31 }), HttpStatusCode.BadRequest, "'children' must be from 8 to 30"),
            ("too many mutations", () => h.Send(Patch, "/api/sessions/b/settings", new { mutations = 11 }), HttpStatusCode.BadRequest, "'mutations' must be from 1 to 10"),
            ("unknown setting", () => h.Send(Patch, "/api/sessions/b/settings", new { speed = 3 }), HttpStatusCode.BadRequest, "unknown setting 'speed'"),
            ("unknown activation", () => h.Send(Patch, "/api/sessions/b/settings", new { activations = new[] { "relu" } }), HttpStatusCode.BadRequest, "unknown activation 'relu'"),
            ("no activation", () => h.Send(Patch, "/api/sessions/b/settings", new { activations = Array.Empty<string>() }), HttpStatusCode.BadRequest, "at least one activation"),
            ("size too large", () => h.Get("/api/sessions/b/nodes/1/members/0/image?size=5000"), HttpStatusCode.BadRequest, "'size' must be from 16 to 4096"),
            ("size not a number", () => h.Get("/api/sessions/b/nodes/1/members/0/image?size=big"), HttpStatusCode.BadRequest, "'size' must be a number"),
            ("zoom out of range", () => h.Get("/api/sessions/b/nodes/1/members/0/image?zoom=0"), HttpStatusCode.BadRequest, "'zoom' must be from"),
            ("unknown export format", () => h.Get("/api/sessions/b/nodes/1/members/0/genome?format=sexp"), HttpStatusCode.BadRequest, "not 'sexp'"),
            ("oversized body", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/import", big, "text/plain"), HttpStatusCode.RequestEntityTooLarge, "larger than the limit"),
            ("oversized genome", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/import", tooManyChars, "text/plain"), HttpStatusCode.BadRequest, "at most 524288"),
            ("malformed XML", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/import", "<genome><nodes>", "text/plain"), HttpStatusCode.BadRequest, "uploaded genome"),
            ("genome of another artist", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/import", "(+ x y)", "text/plain"), HttpStatusCode.BadRequest, "this is a gp genome, but the session breeds cppn"),
            ("malformed JSON genome", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/import", "{\"kind\": \"cppn\", ", "text/plain"), HttpStatusCode.BadRequest, "uploaded genome:1:18: not valid JSON"),
            ("bad genome", () => h.SendRaw(HttpMethod.Post, "/api/sessions/b/import", "{\"kind\": \"cppn\", \"nodes\": 3}", "text/plain"), HttpStatusCode.BadRequest, "uploaded genome"),
            ("gallery without title", () => h.Post("/api/gallery", new { session = "b", node = 1, member = 0, title = " " }), HttpStatusCode.BadRequest, "title"),
            ("gallery of unknown node", () => h.Post("/api/gallery", new { session = "b", node = 9, member = 0, title = "t" }), HttpStatusCode.NotFound, "has no node 9"),
        };
        foreach (var (what, call, expected, message) in cases)
        {
            var (status, body) = await call();
            Assert.AreEqual(expected, status, what);
            Assert.AreEqual(JsonValueKind.Object, body.ValueKind, $"{what}: {body}");
            StringAssert.Contains(body.GetProperty("error").GetString(), message, what);
        }
        // Another host name (DNS rebinding) is refused.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        rebound.Headers.Host = "attacker.example";
        using var refused = await h.Http.SendAsync(rebound);
        Assert.AreEqual(HttpStatusCode.MisdirectedRequest, refused.StatusCode);

        var still = await h.Ok(HttpMethod.Post, "/api/sessions/b/evolve", new { node = 1, chosen = new[] { 1 } });
        Assert.AreEqual(2, still.GetProperty("id").GetInt32(), "nothing bad was stored, and the server still breeds");
    }

    [TestMethod]
    public async Task ARestartResumesExactlyAndASeedReplaysASession()
    {
        string dir = TempDir();
        int current, nodes, gallery;
        string genome;
        await using (var h = await BreedHost.Start(dir))
        {
            await NewSession(h, "p", "gp", seed: 42);
            await h.Ok(HttpMethod.Post, "/api/sessions/p/evolve", new { node = 1, chosen = new[] { 3, 8 } });
            await h.Ok(Patch, "/api/sessions/p/settings", new { mutations = 3 });
            await h.Ok(HttpMethod.Post, "/api/sessions/p/evolve", new { node = 2, chosen = new[] { 5 } });
            await h.Ok(HttpMethod.Post, "/api/sessions/p/back", new { node = 3 });
            await h.Ok(HttpMethod.Post, "/api/gallery", new { session = "p", node = 3, member = 2, title = "kept" });
            current = (await h.Ok(HttpMethod.Get, "/api/sessions/p")).GetProperty("current").GetProperty("id").GetInt32();
            nodes = (await h.Ok(HttpMethod.Get, "/api/sessions/p/lineage")).GetProperty("nodes").GetArrayLength();
            gallery = (await h.Ok(HttpMethod.Get, "/api/gallery")).GetArrayLength();
            genome = await h.Text("/api/sessions/p/nodes/3/members/7/genome");
        }
        await using (var h = await BreedHost.Start(dir))
        {
            var s = await h.Ok(HttpMethod.Get, "/api/sessions/p");
            Assert.AreEqual(current, s.GetProperty("current").GetProperty("id").GetInt32());
            Assert.AreEqual(3, s.GetProperty("settings").GetProperty("mutations").GetInt32());
            Assert.AreEqual(nodes, (await h.Ok(HttpMethod.Get, "/api/sessions/p/lineage")).GetProperty("nodes").GetArrayLength());
            Assert.AreEqual(gallery, (await h.Ok(HttpMethod.Get, "/api/gallery")).GetArrayLength());
            Assert.AreEqual(genome, await h.Text("/api/sessions/p/nodes/3/members/7/genome"));

            // The same seed and the same clicks give the same pictures, in another session.
            await NewSession(h, "q", "gp", seed: 42);
            await h.Ok(HttpMethod.Post, "/api/sessions/q/evolve", new { node = 1, chosen = new[] { 3, 8 } });
            await h.Ok(Patch, "/api/sessions/q/settings", new { mutations = 3 });
            await h.Ok(HttpMethod.Post, "/api/sessions/q/evolve", new { node = 2, chosen = new[] { 5 } });
            Assert.AreEqual(genome, await h.Text("/api/sessions/q/nodes/3/members/7/genome"));
        }
    }

    [TestMethod]
    public async Task ConcurrentChangesToOneSessionAreSerialised()
    {
        await using var h = await BreedHost.Start(TempDir());
        await NewSession(h, "t", "biomorph");
        var calls = Enumerable.Range(1, 8).Select(i => h.Ok(HttpMethod.Post, "/api/sessions/t/evolve", new { node = 1, chosen = new[] { i } })).ToArray();
        var results = await Task.WhenAll(calls);
        var ids = results.Select(r => r.GetProperty("id").GetInt32()).OrderBy(i => i).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(2, 8).ToArray(), ids, "every tab's click got its own node");
        var lineage = await h.Ok(HttpMethod.Get, "/api/sessions/t/lineage");
        Assert.AreEqual(9, lineage.GetProperty("nodes").GetArrayLength());
        Assert.IsTrue(results.All(r => r.GetProperty("parent").GetInt32() == 1));
        Assert.IsTrue(ids.Contains(lineage.GetProperty("current").GetInt32()));
    }

    [TestMethod]
    public async Task ThePageAndItsFilesAreServedAndNothingElse()
    {
        await using var h = await BreedHost.Start(TempDir());
        string html = await h.Text("/");
        StringAssert.Contains(html, "<script src=\"/app.js\"");
        Assert.IsFalse(html.Contains("http://") || html.Contains("https://"), "nothing comes from another server");
        StringAssert.Contains(await h.Text("/app.js"), "async function evolve()");
        StringAssert.Contains(await h.Text("/style.css"), ".cell");
        foreach (var path in new[] { "/../Coevo.Breeding.dll", "/%2e%2e/%2e%2e/etc/passwd", "/wwwroot/app.js", "/breeding.db" })
            Assert.AreEqual(HttpStatusCode.NotFound, (await h.Get(path)).Status, path);
    }
}
