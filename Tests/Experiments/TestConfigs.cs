using Coevo.Coevolution.Imaging;

namespace Coevo.Tests.Experiments;

/// <summary>Temporary folders with a small valid config (GP artist vs target-image critic) for CLI and config tests.</summary>
internal sealed class TestFolder : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("coevo-test-").FullName;

    public TestFolder()
    {
        var target = new Image(16, 16);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                target[x, y] = (x / 15f, y / 15f, 0.5f);
        Png.Write(target, Path.Combine(Dir, "target.png"));
    }

    /// <summary>A valid config; <paramref name="extra"/> lines are appended verbatim.</summary>
    public static string ValidYaml(string extra = "") => $"""
        name: tiny
        seed: 7
        threads: 2
        artist:
          type: biomorph
          population: 6
          image_size: 16
        critic:
          type: target
          image: target.png
        budget:
          generations: 3
        output:
          dir: runs
          sample_every: 2
          checkpoint_every: 2
        {extra}
        """;

    public string Write(string yaml, string name = "exp.yaml")
    {
        string path = Path.Combine(Dir, name);
        // run folders go inside this temporary folder, not the test's working directory
        File.WriteAllText(path, yaml.Replace("  dir: runs", $"  dir: {Path.Combine(Dir, "runs")}"));
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
