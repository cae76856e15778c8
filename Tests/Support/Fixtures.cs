namespace Coevo.Tests.Support;

/// <summary>Paths of the real Picbreeder genomes in Tests/Fixtures/picbreeder (copied next to the test assembly).</summary>
internal static class Fixtures
{
    public static string Picbreeder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "picbreeder", name);
}
