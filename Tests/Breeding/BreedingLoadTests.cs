using System.Diagnostics;
using System.Net;
using Coevo.Tests.Support;

namespace Coevo.Tests.Breeding;

/// <summary>
/// A bounded load test on loopback only: 20 clients at once, each in its own session, create it, evolve a few
/// generations and fetch every thumbnail, as 20 people at their browsers would. Every request must succeed.
/// </summary>
[TestClass]
public class BreedingLoadTests : TempFolders
{
    private const int Clients = 20;
    private const int Generations = 3;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task TwentyClientsEvolvingInTheirOwnSessionsAreServedWithoutErrors()
    {
        await using var h = await BreedHost.Start(TempDir());
        Assert.IsTrue(IPAddress.IsLoopback(IPAddress.Parse(h.Server.Address.Host)), "the load stays on this machine");
        var artists = new[] { "cppn", "gp", "biomorph" };
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int requests = 0;
        var clock = Stopwatch.StartNew();

        async Task Client(int c)
        {
            string session = $"load{c}";
            async Task Call(Func<Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)>> call, string what)
            {
                var (status, body) = await call();
                Interlocked.Increment(ref requests);
                if ((int)status >= 300) failures.Add($"client {c} {what}: {(int)status} {body}");
            }
            async Task Images(int node, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    using var res = await h.Http.GetAsync($"/api/sessions/{session}/nodes/{node}/members/{i}/image");
                    Interlocked.Increment(ref requests);
                    if (res.StatusCode != HttpStatusCode.OK || (await res.Content.ReadAsByteArrayAsync()).Length < 100)
                        failures.Add($"client {c} image {node}/{i}: {(int)res.StatusCode}");
                }
            }
            await Call(() => h.Post("/api/sessions", new { name = session, artist = artists[c % 3], seed = c }), "create");
            await Images(1, 16);
            int node = 1;
            for (int g = 0; g < Generations; g++)
            {
                var (status, body) = await h.Post($"/api/sessions/{session}/evolve", new { node, chosen = new[] { 1 + (c + g) % 15, 1 + (c + 2 * g + 5) % 15 } });
                Interlocked.Increment(ref requests);
                if (status != HttpStatusCode.OK) { failures.Add($"client {c} evolve {g}: {(int)status} {body}"); return; }
                node = body.GetProperty("id").GetInt32();
                await Images(node, 16);
                await Call(() => h.Get($"/api/sessions/{session}/lineage"), "lineage");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => Client(c))));
        Console.WriteLine($"{Clients} clients, {requests} requests in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures.Take(10)));
        Assert.AreEqual(Clients * (1 + 16 + Generations * (1 + 16 + 1)), requests);
        var sessions = await h.Ok(HttpMethod.Get, "/api/sessions");
        Assert.AreEqual(Clients + 1, sessions.GetArrayLength());
    }
}
