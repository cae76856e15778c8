using System.Diagnostics;
using System.Globalization;

namespace Coevo.Bench.Gan;

/// <summary>
/// `bench/run gan-quality`: quality in equal time. Trains Experiments/configs/dcgan-fashion.yaml with `coevo run` for
/// --minutes, then the pytorch/examples recipe on the same networks with Debian's PyTorch
/// (bench/reference/pytorch_dcgan_train.py) for the same wall-clock time, one after the other on the same machine,
/// and measures both with `coevo metrics` on --samples generated images against the Fashion-MNIST test set.
/// With --together 1 both train at the same time, each with --threads threads (1 each on a 2-core machine), which halves
/// the wall-clock time and gives both the same share of the machine.
/// </summary>
public static class GanQualityBench
{
    public static int Run(BenchArgs a)
    {
        double minutes = a.Double("minutes", 30);
        int samples = a.Int("samples", 5000);
        bool together = a.Int("together", 0) == 1;
        int threads = a.Int("threads", together ? 1 : 2);
        string outDir = a.String("out", Path.Combine(Path.GetTempPath(), $"coevo-gan-quality-{DateTime.Now:yyyyMMdd-HHmmss}"));
        a.RejectUnknown();
        string repo = Path.GetFullPath(Path.Combine(BenchUtil.ReferenceDir(), "..", ".."));
        string coevo = Path.Combine(AppContext.BaseDirectory, "coevo.dll");
        Directory.CreateDirectory(outDir);
        string coevoRun = Path.Combine(outDir, "coevo"), pytorchRun = Path.Combine(outDir, "pytorch");
        string seconds = (minutes * 60).ToString(CultureInfo.InvariantCulture);

        Console.Error.WriteLine($"# training Coevo's DCGAN for {minutes} min into {coevoRun} ({threads} threads{(together ? ", alongside the PyTorch reference" : "")})");
        var clock = Stopwatch.StartNew();
        double coevoMinutes = 0;
        var coevoTraining = Task.Run(() =>
        {
            Exec("dotnet", [coevo, "run", Path.Combine(repo, "Experiments", "configs", "dcgan-fashion.yaml"), "--out", coevoRun,
                "--set", $"budget.seconds={seconds}", "--set", $"threads={threads}"], repo);
            coevoMinutes = clock.Elapsed.TotalMinutes;
        });
        if (!together) coevoTraining.Wait();

        string refSteps = "skipped";
        string? pytorchLine = null;
        if (BenchUtil.MissingPythonModule("torch") is { } missing)
            Console.Error.WriteLine($"# skipped the PyTorch reference: {missing}");
        else
        {
            Console.Error.WriteLine($"# training the pytorch/examples recipe for {minutes} min into {pytorchRun}");
            var r = BenchUtil.RunReference(Path.Combine(BenchUtil.ReferenceDir(), "pytorch_dcgan_train.py"),
                $"--minutes {minutes.ToString(CultureInfo.InvariantCulture)} --threads {threads} --samples {samples} --out {pytorchRun}",
                timeout: TimeSpan.FromMinutes(minutes + 20));
            refSteps = r.GetValueOrDefault("steps", "failed");
            coevoTraining.Wait();
            if (r.Count > 0) pytorchLine = Metrics(coevo, repo, Path.Combine(pytorchRun, "samples"), samples);
        }
        coevoTraining.Wait();
        string coevoSteps = File.ReadLines(Path.Combine(coevoRun, "metrics.csv")).Last().Split(',')[0];
        string coevoLine = Metrics(coevo, repo, coevoRun, samples);
        Console.Error.WriteLine($"# Coevo ({coevoSteps} steps in {coevoMinutes:F1} min): {coevoLine}");
        if (pytorchLine != null) Console.Error.WriteLine($"# PyTorch ({refSteps} steps): {pytorchLine}");
        string Fid(string? line) => line?.Split(' ').FirstOrDefault(p => p.StartsWith("fid="))?[4..] ?? "skipped";
        Console.WriteLine($"RESULT bench=gan-quality together={together} threads={threads} minutes={minutes.ToString(CultureInfo.InvariantCulture)} samples={samples} coevo_steps={coevoSteps} pytorch_steps={refSteps} coevo_fid={Fid(coevoLine)} pytorch_fid={Fid(pytorchLine)} out={outDir}");
        return 0;
    }

    private static string Metrics(string coevo, string repo, string fake, int samples)
    {
        var (_, output) = Exec("dotnet", [coevo, "metrics", "--real", "fashion-mnist:test", "--fake", fake, "--limit", samples.ToString(CultureInfo.InvariantCulture)], repo);
        return output.Split('\n').First(l => l.StartsWith("fid=")).Trim();
    }

    private static (int Code, string Out) Exec(string file, string[] args, string workingDirectory)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
        return (p.ExitCode, output);
    }
}
