using System.Globalization;
using Coevo.Artists.Dcgan;
using Coevo.Coevolution.Gradient;
using Coevo.Critics.Cnn;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Coevo.Bench.Gan;

/// <summary>
/// `bench/run torch-export`: exports Coevo's DCGAN-28 generator and discriminator as PyTorch state dicts, with batch-norm
/// statistics moved away from their defaults by a few training-mode passes, and checks in Debian's PyTorch
/// (bench/reference/pytorch_export_check.py) that the same inputs give the same outputs.
/// </summary>
public static class TorchExportBench
{
    public static int Run(BenchArgs a)
    {
        double tolerance = a.Double("tolerance", 1e-4);
        a.RejectUnknown();
        string dir = Directory.CreateTempSubdirectory("coevo-export-").FullName;
        try
        {
            using var rng = new Generator(11);
            var g = new DcganGenerator(28, 1, TorchDcganBench.Nz, TorchDcganBench.GWidths);
            var d = new DcganDiscriminator(28, 1, TorchDcganBench.DWidths);
            g.ResetParameters(rng);
            d.ResetParameters(rng);
            using (no_grad())
                for (int i = 0; i < 3; i++) d.call(g.call(randn([16, TorchDcganBench.Nz, 1, 1], generator: rng)));
            g.eval();
            d.eval();
            var z = randn([8, TorchDcganBench.Nz, 1, 1], generator: rng);
            var x = rand([8, 1, 28, 28], generator: rng) * 2 - 1;
            using (no_grad())
            {
                var io = new Dictionary<string, Tensor> { ["z"] = z, ["g_out"] = g.call(z), ["x"] = x, ["d_out"] = d.call(x) };
                PyTorchPickler.PickleStateDict(Path.Combine(dir, "io.pt"), io);
            }
            TorchFiles.ExportPyTorch(g, Path.Combine(dir, "generator.pt"));
            TorchFiles.ExportPyTorch(d, Path.Combine(dir, "discriminator.pt"));
            var r = BenchUtil.RunReference(Path.Combine(BenchUtil.ReferenceDir(), "pytorch_export_check.py"), $"--dir {dir}");
            if (!r.TryGetValue("g_max_abs_diff", out var gDiff))
            {
                Console.WriteLine("RESULT bench=torch-export pytorch=skipped");
                return 0;
            }
            double worst = Math.Max(double.Parse(gDiff, CultureInfo.InvariantCulture), double.Parse(r["d_max_abs_diff"], CultureInfo.InvariantCulture));
            bool ok = worst <= tolerance;
            Console.Error.WriteLine($"# PyTorch {r.GetValueOrDefault("torch")} read Coevo's export: |G diff| {gDiff}, |D diff| {r["d_max_abs_diff"]} ({(ok ? "same outputs" : "DIFFERENT")})");
            Console.WriteLine($"RESULT bench=torch-export same_outputs={(ok ? 1 : 0)} g_max_abs_diff={gDiff} d_max_abs_diff={r["d_max_abs_diff"]} tolerance={tolerance.ToString(CultureInfo.InvariantCulture)} pytorch={r.GetValueOrDefault("torch")}");
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
