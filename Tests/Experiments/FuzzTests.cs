using System.Text;
using Coevo.Artists.Gp;
using Coevo.Tests.Support;

namespace Coevo.Tests.Experiments;

/// <summary>
/// Seeded fuzzing: hundreds of mutated configs and genome files through <c>validate</c> and <c>render</c>. Every one
/// must end with exit 0, or exit 2 and a one-line message naming the file; never exit 1, a stack trace or a crash.
/// </summary>
[TestClass]
public class FuzzTests
{
    private static readonly string[] Values =
    [
        "-1", "0", "1", "2.5", "1e309", "nan", ".inf", "-0", "100000", "4096", "abc", "\"\"", "''", "[]", "{}", "[1, 2]", "~",
        "null", "true", "sin cos foo", "all", "../../nowhere.png", "/dev/zero", "/proc/x", new string('x', 300), "é∂", "a: b",
        "&anchor x", "*alias", "!!binary AAAA", "|", ">", "[", "{", "'", "\"", "#", "- x", "64", "2", "gp", "cppn", "target",
        "2147483648", "-2147483649", "0x10", "1_000", "ssim", "structure", "tournament", "grey", "hsv", "target.png",
    ];

    private static readonly string[] Lines = [": :", "- x", "\t", "  ", "[", "{", "key: [", "%YAML 1.2", "---", "...", "? a", "a: &x 1", "b: *x", "<<: {}"];

    private static string MutateConfig(string text, Random rng)
    {
        var lines = text.Split('\n').ToList();
        for (int m = rng.Next(1, 4); m > 0 && lines.Count > 0; m--)
        {
            int i = rng.Next(lines.Count);
            switch (rng.Next(9))
            {
                case 0 or 1 or 2: // a new value
                    int colon = lines[i].IndexOf(':');
                    if (colon > 0) lines[i] = lines[i][..(colon + 1)] + " " + Values[rng.Next(Values.Length)];
                    break;
                case 3: lines.RemoveAt(i); break;
                case 4: lines.Insert(i, lines[rng.Next(lines.Count)]); break;
                case 5: lines.Insert(i, Lines[rng.Next(Lines.Length)]); break;
                case 6: lines[i] = rng.Next(2) == 0 ? "  " + lines[i] : lines[i].TrimStart(); break;
                case 7: return string.Join('\n', lines)[..rng.Next(string.Join('\n', lines).Length + 1)];
                case 8:
                    var chars = lines[i].ToCharArray().ToList();
                    chars.Insert(rng.Next(chars.Count + 1), "\0\r\u00ff\t:-[]{}#&*!|>'\"%@`,?"[rng.Next(21)]);
                    lines[i] = new string(chars.ToArray());
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    private static byte[] MutateBytes(byte[] bytes, Random rng)
    {
        var list = bytes.ToList();
        for (int m = rng.Next(1, 6); m > 0 && list.Count > 0; m--)
        {
            int i = rng.Next(list.Count);
            switch (rng.Next(6))
            {
                case 0: list[i] = (byte)rng.Next(256); break;
                case 1: list.RemoveAt(i); break;
                case 2: list.Insert(i, (byte)"0123456789-.eE,:{}[]()<>\"/ "[rng.Next(27)]); break;
                case 3: list.RemoveRange(i, list.Count - i); break; // truncate
                case 4: // a number made huge, negative or not a number
                    string n = new[] { "1e308", "-99999999999", "NaN", "-1", "0", "2147483648" }[rng.Next(6)];
                    list.InsertRange(i, Encoding.ASCII.GetBytes(n));
                    break;
                case 5: // a chunk duplicated elsewhere
                    int len = Math.Min(rng.Next(1, 64), list.Count - i);
                    list.InsertRange(rng.Next(list.Count), list.GetRange(i, len));
                    break;
            }
        }
        return list.ToArray();
    }

    private static void AssertExitOkOrNamed((int Code, string Out, string Err) r, string file, params string[] alsoNamed)
    {
        string what = $"{file}: exit {r.Code}: {r.Err}";
        Assert.IsTrue(r.Code is 0 or 2, what);
        Assert.DoesNotContain("   at ", r.Err, what);
        if (r.Code == 2)
        {
            Assert.AreEqual(1, r.Err.TrimEnd().Split('\n').Length, what);
            Assert.IsTrue(alsoNamed.Prepend(file).Any(r.Err.Contains), what);
        }
    }

    [TestMethod]
    public void MutatedConfigsAreValidOrNamedBadInput()
    {
        using var folder = new TestFolder();
        var bases = new List<string> { TestFolder.ValidYaml() };
        foreach (var artist in new[] { "gp", "cppn" }) bases.Add(TestFolder.ValidYaml().Replace("type: biomorph", $"type: {artist}"));
        bases.Add(TestFolder.ValidYaml("data:\n  type: fashion_mnist\n  split: test\n  classes: [Sneaker]\n  limit: 20"));
        var rng = new Random(8);
        int ok = 0, bad = 0;
        for (int i = 0; i < 240; i++)
        {
            string path = Path.Combine(folder.Dir, $"fuzz-{i}.yaml");
            File.WriteAllText(path, MutateConfig(bases[i % bases.Count], rng));
            var r = Cli.Run("validate", path);
            AssertExitOkOrNamed(r, path, folder.Dir, "/dev/", "/proc/", "--set");
            if (r.Code == 0) ok++; else bad++;
        }
        Assert.IsTrue(ok > 20 && bad > 100, $"{ok} valid and {bad} rejected: the mutations should reach both");
    }

    [TestMethod]
    public void MutatedGenomeFilesRenderOrAreNamedBadInput()
    {
        using var folder = new TestFolder();
        var gp = new GpGenerator(new GpSettings()).Create(new Random(3));
        var sources = new List<(string Name, byte[] Bytes)>
        {
            ("tree.sexp", Encoding.UTF8.GetBytes(new GpSExpressionFormat().Write(gp))),
            ("tree.json", Encoding.UTF8.GetBytes(new GpJsonFormat().Write(gp))),
            ("insect.json", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "configs", "targets", "biomorph-insect.json"))),
        };
        foreach (var name in new[] { "745_LetterG.xml", "121_ShortSDCoif.xml" }) sources.Add((name, File.ReadAllBytes(Fixtures.Picbreeder(name))));
        var cppn = Cli.Run("run", folder.Write(TestFolder.ValidYaml().Replace("type: biomorph", "type: cppn")), "--out", Path.Combine(folder.Dir, "cppn"));
        Assert.AreEqual(0, cppn.Code, cppn.Err);
        sources.Add(("net.json", File.ReadAllBytes(Path.Combine(folder.Dir, "cppn", "best.json"))));

        var rng = new Random(9);
        string png = Path.Combine(folder.Dir, "out.png");
        int ok = 0, bad = 0;
        for (int i = 0; i < 240; i++)
        {
            var (name, bytes) = sources[i % sources.Count];
            string path = Path.Combine(folder.Dir, $"fuzz-{i}-{name}");
            File.WriteAllBytes(path, MutateBytes(bytes, rng));
            var r = Cli.Run("render", path, "--size", "8", "-o", png);
            AssertExitOkOrNamed(r, path);
            if (r.Code == 0) ok++; else bad++;
        }
        Assert.IsTrue(ok > 10 && bad > 100, $"{ok} rendered and {bad} rejected: the mutations should reach both");
    }
}
