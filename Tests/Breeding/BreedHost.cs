using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coevo.Breeding;
using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Breeding;

/// <summary>A breeding server in this process on a free loopback port, with an HTTP client for it.</summary>
internal sealed class BreedHost : IAsyncDisposable
{
    public BreedServer Server { get; }
    public HttpClient Http { get; }
    public string Dir { get; }

    private BreedHost(BreedServer server, string dir)
    {
        Server = server;
        Dir = dir;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Starts a server whose database lives in <paramref name="dir"/>; the start session is "default".</summary>
    public static async Task<BreedHost> Start(string dir, string artist = "cppn", string session = "default")
    {
        var options = new BreedOptions(artist, session, 0, "127.0.0.1", dir);
        var server = BreedServer.Create(options, threads: 2);
        await server.StartAsync(options);
        return new BreedHost(server, dir);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, object? json = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (json != null) req.Content = new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        using var res = await Http.SendAsync(req);
        return (res.StatusCode, await Body(res));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendRaw(HttpMethod method, string path, string body, string contentType)
    {
        using var req = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var res = await Http.SendAsync(req);
        return (res.StatusCode, await Body(res));
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> Get(string path) => Send(HttpMethod.Get, path);
    public Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, object json) => Send(HttpMethod.Post, path, json);

    /// <summary>A successful JSON call's body (fails the test with the server's message otherwise).</summary>
    public async Task<JsonElement> Ok(HttpMethod method, string path, object? json = null)
    {
        var (status, body) = await Send(method, path, json);
        Assert.IsTrue((int)status is >= 200 and < 300, $"{method} {path}: {(int)status} {body}");
        return body;
    }

    public async Task<Image> Png(string path)
    {
        using var res = await Http.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, res.StatusCode, path);
        Assert.AreEqual("image/png", res.Content.Headers.ContentType?.MediaType);
        return Coevo.Coevolution.Imaging.Png.Decode(await res.Content.ReadAsByteArrayAsync(), path);
    }

    public async Task<string> Text(string path)
    {
        using var res = await Http.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, res.StatusCode, path);
        return await res.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> Body(HttpResponseMessage res)
    {
        string text = await res.Content.ReadAsStringAsync();
        if (text.Length == 0) return default;
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { return JsonDocument.Parse(JsonSerializer.Serialize(text)).RootElement.Clone(); }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
