using System.Text.Json;
using System.Text.Json.Nodes;
using Coevo.Breeding.Kinds;
using Coevo.Breeding.Sessions;
using Coevo.Breeding.Storage;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coevo.Breeding.Web;

/// <summary>The HTTP API the page talks to (JSON in and out, PNGs and genome files out). Every endpoint is listed here.</summary>
internal static class Api
{
    /// <summary>Smallest and largest rendered side in pixels (thumbnails and downloads).</summary>
    public const int MinSize = 16, MaxSize = 4096;

    public static void Map(IEndpointRouteBuilder app, Breeder breeder)
    {
        app.MapGet("/api/artists", () => Json(new JsonArray(BreedKinds.All.Select(k => (JsonNode)new JsonObject
        {
            ["name"] = k.Name,
            ["title"] = k.Title,
            ["formats"] = Strings(k.Formats),
        }).ToArray())));

        app.MapGet("/api/sessions", () => Json(new JsonArray(breeder.Store.Sessions().Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["artist"] = s.Artist,
            ["created"] = s.Created,
        }).ToArray())));

        app.MapPost("/api/sessions", async ctx =>
        {
            var body = await Requests.Json(ctx);
            string name = Requests.String(body, "name") ?? throw new InputException("missing 'name'");
            string artist = Requests.String(body, "artist") ?? throw new InputException("missing 'artist'");
            var settings = body.TryGetProperty("settings", out var patch) ? new BreedSettings().With(patch, "settings") : new BreedSettings();
            int? seed = body.TryGetProperty("seed", out _) ? Requests.Int(body, "seed") : null;
            var s = await breeder.CreateSession(name, artist, settings, seed);
            await Write(ctx, SessionView(breeder, s), StatusCodes.Status201Created);
        });

        app.MapGet("/api/sessions/{session}", ctx => Write(ctx, SessionView(breeder, breeder.Session(Requests.Route(ctx, "session")))));

        app.MapMethods("/api/sessions/{session}/settings", ["PATCH"], async ctx =>
        {
            var body = await Requests.Json(ctx);
            var s = await breeder.UpdateSettings(Requests.Route(ctx, "session"), body);
            await Write(ctx, SessionView(breeder, s));
        });

        app.MapGet("/api/sessions/{session}/lineage", ctx =>
        {
            var s = breeder.Session(Requests.Route(ctx, "session"));
            return Write(ctx, new JsonObject
            {
                ["current"] = s.CurrentNode,
                ["nodes"] = new JsonArray(breeder.Store.Lineage(s.Name).Select(n => (JsonNode)NodeSummary(n)).ToArray()),
            });
        });

        app.MapGet("/api/sessions/{session}/nodes/{node}", ctx =>
        {
            string session = Requests.Route(ctx, "session");
            return Write(ctx, NodeView(breeder, session, breeder.Node(session, Requests.RouteInt(ctx, "node"))));
        });

        app.MapPost("/api/sessions/{session}/evolve", async ctx =>
        {
            var body = await Requests.Json(ctx);
            string session = Requests.Route(ctx, "session");
            var node = await breeder.Evolve(session, Requests.Int(body, "node"), Requests.Ints(body, "chosen", BreedSettings.MaxChildren + 1));
            await Write(ctx, NodeView(breeder, session, node));
        });

        app.MapPost("/api/sessions/{session}/back", async ctx =>
        {
            var body = await Requests.Json(ctx);
            string session = Requests.Route(ctx, "session");
            await Write(ctx, NodeView(breeder, session, await breeder.Back(session, Requests.Int(body, "node"))));
        });

        app.MapPost("/api/sessions/{session}/open", async ctx =>
        {
            var body = await Requests.Json(ctx);
            string session = Requests.Route(ctx, "session");
            await Write(ctx, NodeView(breeder, session, await breeder.Open(session, Requests.Int(body, "node"))));
        });

        app.MapPost("/api/sessions/{session}/reset", async ctx =>
        {
            string session = Requests.Route(ctx, "session");
            await Write(ctx, NodeView(breeder, session, await breeder.Reset(session)));
        });

        app.MapPost("/api/sessions/{session}/import", async ctx =>
        {
            string session = Requests.Route(ctx, "session");
            breeder.Session(session);
            string? format = ctx.Request.Query["format"];
            string text = await Requests.Text(ctx, Requests.MaxGenomeBytes);
            await Write(ctx, NodeView(breeder, session, await breeder.Import(session, text, string.IsNullOrEmpty(format) ? null : format)));
        });

        app.MapGet("/api/sessions/{session}/nodes/{node}/members/{member}/image", async ctx =>
        {
            string session = Requests.Route(ctx, "session");
            int node = Requests.RouteInt(ctx, "node"), member = Requests.RouteInt(ctx, "member");
            int size = Requests.QueryInt(ctx, "size", Breeder.ThumbnailSize, MinSize, MaxSize);
            var view = new Viewport(Requests.Query(ctx, "x", 0, -1000, 1000), Requests.Query(ctx, "y", 0, -1000, 1000),
                                    Requests.Query(ctx, "zoom", 1, 0.01, 10000));
            var png = breeder.Picture(session, node, member, size, view);
            ctx.Response.Headers.CacheControl = "private, max-age=3600";
            if (ctx.Request.Query.ContainsKey("download")) Attachment(ctx, $"{session}-n{node}-m{member}-{size}px.png");
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(png);
        });

        app.MapGet("/api/sessions/{session}/nodes/{node}/members/{member}/genome", async ctx =>
        {
            string session = Requests.Route(ctx, "session");
            int node = Requests.RouteInt(ctx, "node"), member = Requests.RouteInt(ctx, "member");
            string format = ctx.Request.Query["format"].FirstOrDefault() ?? "json";
            string text = breeder.GenomeText(session, node, member, format);
            if (ctx.Request.Query.ContainsKey("download")) Attachment(ctx, $"{session}-n{node}-m{member}.{format}");
            await Text(ctx, text, format);
        });

        app.MapGet("/api/gallery", () => Json(new JsonArray(breeder.Store.Gallery().Select(i => (JsonNode)GalleryView(i)).ToArray())));

        app.MapPost("/api/gallery", async ctx =>
        {
            var body = await Requests.Json(ctx);
            var item = breeder.SaveToGallery(Requests.String(body, "session") ?? throw new InputException("missing 'session'"),
                Requests.Int(body, "node"), Requests.Int(body, "member"), Requests.String(body, "title") ?? "", Requests.Strings(body, "tags"));
            await Write(ctx, GalleryView(item), StatusCodes.Status201Created);
        });

        app.MapGet("/api/gallery/{id}/image", async ctx =>
        {
            var item = breeder.GalleryItem(Requests.RouteInt(ctx, "id"));
            if (ctx.Request.Query.ContainsKey("download")) Attachment(ctx, $"gallery-{item.Id}.png");
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(item.Png);
        });

        app.MapGet("/api/gallery/{id}/genome", async ctx =>
        {
            var item = breeder.GalleryItem(Requests.RouteInt(ctx, "id"));
            if (ctx.Request.Query.ContainsKey("download")) Attachment(ctx, $"gallery-{item.Id}-{item.Artist}.json");
            await Text(ctx, item.Genome, "json");
        });

        app.MapDelete("/api/gallery/{id}", ctx =>
        {
            int id = Requests.RouteInt(ctx, "id");
            if (!breeder.Store.RemoveFromGallery(id)) throw BreedingException.NotFound($"no gallery item {id}");
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    private static JsonObject SessionView(Breeder breeder, SessionRecord s)
    {
        var kind = Breeder.Kind(s);
        return new JsonObject
        {
            ["name"] = s.Name,
            ["artist"] = s.Artist,
            ["title"] = kind.Title,
            ["formats"] = Strings(kind.Formats),
            ["seed"] = s.Seed,
            ["created"] = s.Created,
            ["settings"] = Breeder.Settings(s).ToJson(),
            ["current"] = NodeView(breeder, s.Name, breeder.Node(s.Name, s.CurrentNode)),
        };
    }

    private static JsonObject NodeSummary(NodeRecord n) => new()
    {
        ["id"] = n.Id,
        ["parent"] = n.Parent,
        ["depth"] = n.Depth,
        ["action"] = n.Action,
        ["chosen"] = new JsonArray(n.Chosen.Select(c => (JsonNode)c).ToArray()),
        ["mutations"] = n.Mutations,
        ["created"] = n.Created,
    };

    private static JsonObject NodeView(Breeder breeder, string session, NodeRecord n)
    {
        var (info, species) = breeder.Describe(session, n);
        var view = NodeSummary(n);
        view["members"] = new JsonArray(Enumerable.Range(0, n.Genomes.Count).Select(i => (JsonNode)new JsonObject
        {
            ["index"] = i,
            ["info"] = info[i],
            ["species"] = species?[i],
        }).ToArray());
        return view;
    }

    private static JsonObject GalleryView(GalleryItem i) => new()
    {
        ["id"] = i.Id,
        ["session"] = i.Session,
        ["node"] = i.Node,
        ["member"] = i.Member,
        ["artist"] = i.Artist,
        ["title"] = i.Title,
        ["tags"] = Strings(i.Tags),
        ["created"] = i.Created,
    };

    /// <summary>Messages keep their quotes readable (the API's JSON is never embedded in HTML).</summary>
    private static readonly JsonSerializerOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(s => (JsonNode)s).ToArray());

    private static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(Output), "application/json; charset=utf-8");

    private static Task Write(HttpContext ctx, JsonNode node, int status = StatusCodes.Status200OK)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        return ctx.Response.WriteAsync(node.ToJsonString(Output));
    }

    private static Task Text(HttpContext ctx, string text, string format)
    {
        ctx.Response.ContentType = format switch
        {
            "json" => "application/json; charset=utf-8",
            "xml" => "application/xml; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return ctx.Response.WriteAsync(text);
    }

    /// <summary>Marks the response as a download; the file name is made here from checked ids, never taken from the client.</summary>
    private static void Attachment(HttpContext ctx, string fileName) =>
        ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";

    /// <summary>Writes <c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static Task Error(HttpContext ctx, int status, string message)
    {
        ctx.Response.Clear();
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        return ctx.Response.WriteAsync(new JsonObject { ["error"] = message }.ToJsonString(Output));
    }
}
