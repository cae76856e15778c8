using System.CommandLine;
using System.Globalization;
using Coevo.Coevolution;
using Coevo.Coevolution.Gradient;
using Coevo.Coevolution.Imaging;
using Coevo.Experiments.Measuring;
using Coevo.Experiments.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace Coevo.Experiments.Cli;

// coevo sample, coevo latent interpolate|arithmetic, coevo inpaint: tools over a finished (or stopped) run folder.
public static partial class CoevoCli
{
    private const int MaxSamples = 100_000;

    private static Command SampleCommand(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("run-dir") { Description = "the run folder" };
        var n = IntOption("--n", "how many images [default: 64]");
        var output = new Option<string>("--output", "-o") { Description = "folder to write into (new or empty)", Required = true };
        var seed = IntOption("--seed", "seed of the latent vectors (a GAN's sample k is the same for the same seed) [default: the run's seed]");
        var cmd = new Command("sample", "Write images of a run as PNGs: a generator's samples (numbered, with a sheet to pick from for coevo latent), or an evolutionary run's best individuals.")
            { runDir, n, output, seed };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            int count = parse.GetValue(n) ?? 64;
            if (count < 1 || count > MaxSamples) throw new InputException($"--n must be between 1 and {MaxSamples}, got {count}");
            var run = OpenedRun.Open(parse.GetValue(runDir)!);
            string dir = OutputFolder(parse.GetValue(output)!);
            int s = parse.GetValue(seed) ?? run.Experiment.Config.Seed;
            var images = ImageSets.RunSamples(run, count, s);
            for (int i = 0; i < images.Count; i++) WritePng(images[i], Path.Combine(dir, $"sample-{i:D5}.png"));
            var shown = images.Take(256).ToList();
            new ContactSheet { Columns = Math.Min(16, shown.Count) }.Write(Path.Combine(dir, "sheet.png"), shown,
                shown.Select((_, i) => $"#{i}").ToList(), $"{run.Experiment.Config.Name}, {run.Position}: {(run.Experiment.Artist is IDifferentiableArtist ? $"samples of seed {s}" : "best individuals")}");
            stdout.WriteLine($"wrote {images.Count} images and sheet.png to {dir} ({run.Position})");
            return Ok;
        }));
        return cmd;
    }

    private static Command LatentCommand(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("latent", "Walks and sums in a GAN generator's latent space (Radford et al. 2016, §6); sample k is #k on the sheet of `coevo sample` with the same --seed.");
        cmd.Subcommands.Add(InterpolateCommand(stdout, stderr));
        cmd.Subcommands.Add(ArithmeticCommand(stdout, stderr));
        return cmd;
    }

    private static Command InterpolateCommand(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("run-dir") { Description = "a GAN run folder" };
        var pairs = new Option<string[]>("--pair") { Description = "two sample numbers A:B, one row each (repeatable) [default: 0:1 2:3 4:5 6:7]", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var steps = IntOption("--steps", "images per row, both ends included [default: 10]");
        var seed = IntOption("--seed", "seed of the latent vectors [default: the run's seed]");
        var linear = new Option<bool>("--linear") { Description = "walk the straight line instead of the great circle (slerp)" };
        var output = new Option<string>("--output", "-o") { Description = "PNG grid to write", Required = true };
        var cmd = new Command("interpolate", "A grid of walks in z-space between pairs of samples: smooth changes mean the generator learnt a manifold rather than memorised images.")
            { runDir, pairs, steps, seed, linear, output };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            int k = parse.GetValue(steps) ?? 10;
            if (k < 2 || k > 64) throw new InputException($"--steps must be between 2 and 64, got {k}");
            var rows = (parse.GetValue(pairs) is { Length: > 0 } p ? p : ["0:1", "2:3", "4:5", "6:7"]).Select(ParsePair).ToList();
            string png = OutputPng(parse.GetValue(output)!);
            var (run, g) = OpenGenerator(parse.GetValue(runDir)!);
            int s = parse.GetValue(seed) ?? run.Experiment.Config.Seed;
            using var z = LatentSpace.Draw(rows.Max(r => Math.Max(r.A, r.B)) + 1, g.LatentSize, s);
            var images = new List<Image>();
            var labels = new List<string>();
            foreach (var (a, b) in rows)
            {
                using var walk = LatentSpace.Interpolate(z[a], z[b], k, spherical: !parse.GetValue(linear));
                images.AddRange(g.Render(walk));
                labels.AddRange(Enumerable.Range(0, k).Select(i => i == 0 ? $"#{a}" : i == k - 1 ? $"#{b}" : ""));
            }
            new ContactSheet { Columns = k }.Write(png, images, labels, $"{run.Experiment.Config.Name}, {run.Position}: {(parse.GetValue(linear) ? "linear" : "spherical")} walks, seed {s}");
            stdout.WriteLine($"wrote {png} ({rows.Count} walks of {k} images)");
            return Ok;
        }));
        return cmd;
    }

    private static Command ArithmeticCommand(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("run-dir") { Description = "a GAN run folder" };
        var a = new Option<string>("--a") { Description = "samples averaged into A, e.g. 3,17,20", Required = true };
        var b = new Option<string>("--b") { Description = "samples averaged into B", Required = true };
        var c = new Option<string>("--c") { Description = "samples averaged into C", Required = true };
        var seed = IntOption("--seed", "seed of the latent vectors [default: the run's seed]");
        var output = new Option<string>("--output", "-o") { Description = "PNG grid to write", Required = true };
        var cmd = new Command("arithmetic", "\"A - B + C\" on averaged latent vectors (Radford et al.'s smiling woman - neutral woman + neutral man): rows A, B and C with their means, then the result and 7 neighbours (z + N(0, 0.25²)).")
            { runDir, a, b, c, seed, output };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            var groups = new[] { ("--a", parse.GetValue(a)!), ("--b", parse.GetValue(b)!), ("--c", parse.GetValue(c)!) }
                .Select(x => ParseList(x.Item2, x.Item1)).ToArray();
            string png = OutputPng(parse.GetValue(output)!);
            var (run, g) = OpenGenerator(parse.GetValue(runDir)!);
            int s = parse.GetValue(seed) ?? run.Experiment.Config.Seed;
            using var scope = NewDisposeScope();
            var z = LatentSpace.Draw(groups.SelectMany(x => x).Max() + 1, g.LatentSize, s);
            Tensor Group(int[] ids) => z.index_select(0, torch.tensor(ids.Select(i => (long)i).ToArray()));
            var images = new List<Image>();
            var labels = new List<string>();
            int columns = Math.Max(8, groups.Max(x => x.Length) + 1);
            string[] names = ["A", "B", "C"];
            for (int gi = 0; gi < 3; gi++)
            {
                var members = Group(groups[gi]);
                var row = g.Render(torch.cat([members, members.mean([0], keepdim: true)]));
                images.AddRange(row);
                labels.AddRange(groups[gi].Select(i => $"#{i}").Append($"mean {names[gi]}"));
                for (int pad = row.Count; pad < columns; pad++) { images.Add(Blank(row[0])); labels.Add(""); }
            }
            var result = LatentSpace.Arithmetic(Group(groups[0]), Group(groups[1]), Group(groups[2]));
            using var gen = new torch.Generator((ulong)s);
            var neighbours = result.unsqueeze(0) + 0.25 * torch.randn([columns - 1, g.LatentSize], generator: gen);
            images.AddRange(g.Render(torch.cat([result.unsqueeze(0), neighbours])));
            labels.AddRange(Enumerable.Range(0, columns).Select(i => i == 0 ? "A - B + C" : ""));
            new ContactSheet { Columns = columns }.Write(png, images, labels, $"{run.Experiment.Config.Name}, {run.Position}: A - B + C, seed {s}");
            stdout.WriteLine($"wrote {png}");
            return Ok;
        }));
        return cmd;
    }

    private static Command InpaintCommand(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("run-dir") { Description = "a GAN run folder (its generator and discriminator)" };
        var image = new Option<string>("--image") { Description = "PNG with a hole (resized to the generator's size)", Required = true };
        var mask = new Option<string>("--mask") { Description = "PNG: white where the image is known, black where it is to be filled", Required = true };
        var lambda = DoubleOption("--lambda", "weight of the prior loss log(1 - D(G(z))) [default: 0.003, Yeh et al.]");
        var steps = IntOption("--steps", "Adam steps on z [default: 1000]");
        var restarts = IntOption("--restarts", "starting points optimised together [default: 16]");
        var output = new Option<string>("--output", "-o") { Description = "folder to write into (new or empty)", Required = true };
        var cmd = new Command("inpaint", "Fill the holes of an image by optimising z (Yeh et al. 2016): contextual L1 on the known pixels plus lambda·log(1 - D(G(z))). Writes blend.png, generated.png, progress.png and loss.csv.")
            { runDir, image, mask, lambda, steps, restarts, output };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            double l = parse.GetValue(lambda) ?? 0.003;
            int n = parse.GetValue(steps) ?? 1000, r = parse.GetValue(restarts) ?? 16;
            if (l < 0 || l > 100) throw new InputException($"--lambda must be between 0 and 100, got {l}");
            if (n < 1 || n > 100_000) throw new InputException($"--steps must be between 1 and 100000, got {n}");
            if (r < 1 || r > 1024) throw new InputException($"--restarts must be between 1 and 1024, got {r}");
            var picture = Png.Read(parse.GetValue(image)!);
            var holes = Png.Read(parse.GetValue(mask)!);
            var (run, g) = OpenGenerator(parse.GetValue(runDir)!);
            if (run.Experiment.Critic is not IDifferentiableCritic d) throw new InputException("inpainting needs the run's discriminator, and this run's critic is not one", run.Directory);
            string dir = OutputFolder(parse.GetValue(output)!);
            using var scope = NewDisposeScope();
            int size = g.Output.Width;
            var x = ImageTensors.FromImages([picture], g.Output.Channels, size);
            var m = (ImageTensors.FromImages([holes], 1, size) > 0).to_type(ScalarType.Float32);
            var result = Inpainting.Run(g, d, x, m, new InpaintingOptions(l, n, r, Seed: run.Experiment.Config.Seed, RecordEvery: Math.Max(1, n / 10)));
            WritePng(ImageTensors.ToImages(result.Blend)[0], Path.Combine(dir, "blend.png"));
            WritePng(ImageTensors.ToImages(result.Generated)[0], Path.Combine(dir, "generated.png"));
            var progress = result.Progress.Select(p => ImageTensors.ToImages(p)[0]).Prepend(ImageTensors.ToImages(x * m - (1 - m))[0]).ToList();
            var steps0 = Enumerable.Range(0, result.Progress.Count).Select(i => Math.Min(i * Math.Max(1, n / 10), n)).ToList();
            new ContactSheet { Columns = Math.Min(12, progress.Count) }.Write(Path.Combine(dir, "progress.png"), progress,
                result.ContextualLoss.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"step {steps0[i]}: {c:0.000}")).Prepend("known pixels").ToList(),
                $"inpainting with {run.Experiment.Config.Name}, {run.Position}: G(z) of the best of {r} starts, contextual L1 under each");
            Coevo.Coevolution.IO.AtomicFile.WriteAllText(Path.Combine(dir, "loss.csv"), "step,contextual_l1\n" + string.Concat(
                result.ContextualLoss.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{steps0[i]},{c:G6}\n"))));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote blend.png, generated.png, progress.png and loss.csv to {dir} (contextual L1 {result.ContextualLoss[0]:0.000} -> {result.ContextualLoss[^1]:0.000})"));
            return Ok;
        }));
        return cmd;
    }

    private static (OpenedRun Run, IDifferentiableArtist Generator) OpenGenerator(string runDir)
    {
        var run = OpenedRun.Open(runDir);
        return run.Experiment.Artist is IDifferentiableArtist g ? (run, g)
            : throw new InputException($"this is not a GAN run: its {run.Experiment.Config.Artist.Component.Name} artist has no latent space (use coevo sample for its best individuals)", run.Directory);
    }

    private static (int A, int B) ParsePair(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b)
            || a > MaxSamples || b > MaxSamples)
            throw new InputException($"--pair: expected two sample numbers like 3:17, got '{text}'");
        return (a, b);
    }

    private static int[] ParseList(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ids = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]) || ids[i] > MaxSamples)
                throw new InputException($"{option}: expected sample numbers like 3,17,20, got '{text}'");
        return ids;
    }

    private static Image Blank(Image like)
    {
        var blank = new Image(like.Width, like.Height);
        Array.Fill(blank.Data, 1f);
        return blank;
    }
}
