using System.Net;
using Coevo.Breeding.Kinds;
using Coevo.Breeding.Sessions;
using Coevo.Breeding.Storage;
using Coevo.Breeding.Web;
using Coevo.Coevolution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coevo.Breeding;

/// <summary>What <c>coevo breed</c> was asked for.</summary>
/// <param name="Artist">The artist of a new session (cppn, gp or biomorph).</param>
/// <param name="Session">The session to open, created when it does not exist.</param>
/// <param name="Port">TCP port; 0 picks a free one.</param>
/// <param name="Host">Address to listen on; loopback unless asked otherwise.</param>
/// <param name="OutDir">Folder of the database (<see cref="SqliteBreedingStore.FileName"/>).</param>
public sealed record BreedOptions(string Artist = "cppn", string Session = "default", int Port = BreedOptions.DefaultPort,
                                  string Host = "127.0.0.1", string OutDir = "results/breeding")
{
    /// <summary>The port used unless <c>--port</c> says otherwise.</summary>
    public const int DefaultPort = 8642;
}

/// <summary>
/// The breeding web server: ASP.NET Core (Kestrel) serving the page from memory and the API of <see cref="Api"/>,
/// with sessions stored in SQLite under the output folder. Bad requests get a 4xx with a JSON message and the server
/// keeps serving; bodies are capped; requests must name this server in their Host header when it listens on loopback
/// (so a web page elsewhere cannot reach it through DNS rebinding).
/// </summary>
public sealed class BreedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Breeder _breeder;
    private readonly IBreedingStore _store;

    private BreedServer(WebApplication app, Breeder breeder, IBreedingStore store)
    {
        _app = app;
        _breeder = breeder;
        _store = store;
    }

    /// <summary>The sessions behind the server.</summary>
    public Breeder Breeder => _breeder;

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:8642/</c> (known after <see cref="StartAsync"/>).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds a server (not yet listening). Bad options are <see cref="InputException"/>s.</summary>
    public static BreedServer Create(BreedOptions options, int threads)
    {
        BreedKinds.Get(options.Artist);
        Breeder.CheckName(options.Session);
        if (options.Port is < 0 or > 65535) throw new InputException($"--port must be from 0 to 65535, got {options.Port}");
        IPAddress address = options.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(options.Host, out var a) ? a
            : throw new InputException($"--host must be an IP address (e.g. 127.0.0.1 or 0.0.0.0) or localhost, got '{options.Host}'");
        string dir = Path.GetFullPath(options.OutDir);
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new InputException($"cannot create the output folder: {e.Message}", options.OutDir, inner: e); }

        var store = new SqliteBreedingStore(Path.Combine(dir, SqliteBreedingStore.FileName));
        var breeder = new Breeder(store, threads);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Requests.MaxGenomeBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Listen(address, options.Port);
        });
        var app = builder.Build();
        bool loopback = IPAddress.IsLoopback(address);
        app.Use(async (ctx, next) =>
        {
            try
            {
                if (loopback && !IsLoopbackHost(ctx.Request.Host))
                    throw new BadHttpRequestException($"this server answers only to localhost, not to Host '{ctx.Request.Host}'", StatusCodes.Status421MisdirectedRequest);
                ctx.Response.Headers.XContentTypeOptions = "nosniff";
                await next(ctx);
                // Paths that look like file names bypass the fallback endpoint; they get the same message.
                if (ctx.Response.StatusCode == StatusCodes.Status404NotFound && !ctx.Response.HasStarted && ctx.Response.ContentType is null)
                    throw BreedingException.NotFound($"no such endpoint: {ctx.Request.Method} {ctx.Request.Path}");
            }
            catch (InputException e) { await Api.Error(ctx, StatusCodes.Status400BadRequest, e.Message); }
            catch (BreedingException e) { await Api.Error(ctx, e.Status, e.Message); }
            catch (BadHttpRequestException e) { await Api.Error(ctx, e.StatusCode, e.Message); }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested) { }
            catch (Exception e) when (!ctx.Response.HasStarted)
            {
                Console.Error.WriteLine($"error: {ctx.Request.Method} {ctx.Request.Path}: {e}");
                await Api.Error(ctx, StatusCodes.Status500InternalServerError, $"internal error: {e.Message}");
            }
        });
        foreach (var (path, (type, bytes)) in StaticAssets.All)
            app.MapGet(path, async ctx =>
            {
                ctx.Response.ContentType = type;
                ctx.Response.Headers.CacheControl = "no-cache";
                ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'";
                await ctx.Response.Body.WriteAsync(bytes);
            });
        Api.Map(app, breeder);
        app.MapFallback(ctx => throw BreedingException.NotFound($"no such endpoint: {ctx.Request.Method} {ctx.Request.Path}"));
        return new BreedServer(app, breeder, store);
    }

    /// <summary>Opens (or creates) the starting session and starts listening; a port in use is an <see cref="InputException"/>.</summary>
    public async Task StartAsync(BreedOptions options, CancellationToken cancel = default)
    {
        await _breeder.OpenOrCreate(options.Session, options.Artist);
        try { await _app.StartAsync(cancel); }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        { throw new InputException($"cannot listen on {options.Host}:{options.Port}: {e.Message}; choose another --port"); }
        string bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        Address = new Uri($"http://{(options.Host == "localhost" ? "localhost" : uri.Host)}:{uri.Port}/");
    }

    /// <summary>
    /// <c>coevo breed</c>: starts the server, prints its address (opening nothing), serves until <paramref name="cancel"/>
    /// fires (Ctrl-C), then stops gracefully. Returns the exit code (0).
    /// </summary>
    public static async Task<int> Serve(BreedOptions options, int threads, TextWriter stdout, CancellationToken cancel)
    {
        await using var server = Create(options, threads);
        await server.StartAsync(options, cancel);
        var session = server.Breeder.Session(options.Session);
        stdout.WriteLine($"breeding {session.Artist} in session '{session.Name}' (database {Path.GetFullPath(Path.Combine(options.OutDir, SqliteBreedingStore.FileName))})");
        if (session.Artist != options.Artist)
            stdout.WriteLine($"note: session '{session.Name}' already exists and breeds {session.Artist}; --artist applies to new sessions only");
        if (!IPAddress.IsLoopback(IPAddress.TryParse(options.Host, out var a) ? a : IPAddress.Loopback))
            stdout.WriteLine($"warning: listening on {options.Host}: anyone who can reach this machine can use the breeder");
        stdout.WriteLine($"open {server.Address}#session={session.Name} in a browser; Ctrl-C stops the server");
        stdout.Flush();
        try { await Task.Delay(Timeout.Infinite, cancel); }
        catch (OperationCanceledException) { }
        stdout.WriteLine("stopped");
        return 0;
    }

    private static bool IsLoopbackHost(HostString host) =>
        host.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || host.Host.StartsWith("127.", StringComparison.Ordinal);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _breeder.Dispose();
        _store.Dispose();
    }
}
