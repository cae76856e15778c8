using System.Runtime.CompilerServices;

namespace Coevo.Tests.Artists.Cppn;

/// <summary>Paths of the Picbreeder fixture genomes kept beside these tests.</summary>
internal static class Fixtures
{
    public static string Path(string name, [CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "Fixtures", name);
}
