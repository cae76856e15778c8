namespace Coevo.Tests.Support;

/// <summary>Base for test classes that need scratch folders; every folder made by <see cref="TempDir"/> is deleted after each test.</summary>
public abstract class TempFolders
{
    private readonly List<string> _made = [];

    /// <summary>A new empty folder under the system temp folder.</summary>
    protected string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "coevo-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _made.Add(dir);
        return dir;
    }

    [TestCleanup]
    public void DeleteTempFolders()
    {
        foreach (var d in _made)
            if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        _made.Clear();
    }
}
