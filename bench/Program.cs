using Coevo.Bench;

// One entry point for every benchmark: `bench/run NAME [options]`; `bench/run` alone lists them.
// Each benchmark prints its figures last, as one line of key=value pairs, e.g. `RESULT ms_per_step_median=12.3`.
var benchmarks = new SortedDictionary<string, (string Description, Func<BenchArgs, int> Run)>
{
    ["breed-generation"] = ("breeder: next generation of 15 children at 192² server-side, CPPN of 20 hidden nodes and GP tree of 40 nodes (--reps 15 --threads N)", Coevo.Bench.Breeding.BreedGenerationBench.Run),
    ["biomorph"] = ("biomorph render and mutation speed (--count 64 --size 64 --sheet out.png)", Coevo.Bench.Artists.BiomorphBench.Run),
    ["fashion-mnist"] = ("Fashion-MNIST load time, memory, batch copy (--batch 64 --batches 2000)", Coevo.Bench.Datasets.FashionMnistBench.Run),
    ["critics"] = ("features, GP, aesthetic and novelty critics: ms per scored batch, ms per GP critic generation (--size 64 --count 64 --threads N --population 64)", Coevo.Bench.Critics.CriticsBench.Run),
    ["target-critic"] = ("target-image critic microseconds per image per metric (--size 64 --count 256)", Coevo.Bench.Critics.TargetCriticBench.Run),
    ["metrics"] = ("coevo metrics over 10,000 real vs 10,000 generated Fashion-MNIST images, features included (--n 10000 --reps 3 --threads 2)", Coevo.Bench.Metrics.MetricsBench.Run),
    ["imaging"] = ("PNG encode/decode, Image.Resize, contact sheet (--size 256 --reps 20 --sheet out.png)", Coevo.Bench.Imaging.ImagingBench.Run),
    ["render-cppn"] = ("CPPN artist: population render Mpix/s vs the numpy/PyTorch reference (--size 128,256 --pop 100 --threads N)", Coevo.Bench.Render.CppnRenderBench.Run),
    ["torch-dcgan28"] = ("DCGAN-28 training step via TorchSharp vs the oneDNN GEMM ceiling and PyTorch (--batch 64 --threads 2 --steps 40 --rss-steps 500)", Coevo.Bench.Gan.TorchDcganBench.Run),
    ["gan-step"] = ("full GAN trainer step (data loading included) vs the bare torch-dcgan28 step in the same run (--batch 64 --threads 2 --epochs 0)", Coevo.Bench.Gan.GanStepBench.Run),
    ["gan-quality"] = ("quality in equal time: dcgan-fashion.yaml vs the pytorch/examples recipe, FID on 5,000 samples each (--minutes 30 --samples 5000; --together 1 trains both at once, one thread each)", Coevo.Bench.Gan.GanQualityBench.Run),
    ["torch-export"] = ("Coevo's DCGAN exported as a PyTorch state dict gives the same outputs in Debian's PyTorch", Coevo.Bench.Gan.TorchExportBench.Run),
    ["render-gp"] = ("GP artist: population render Mpix/s vs the numpy/PyTorch reference", Coevo.Bench.Render.GpRenderBench.Run),
};

if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
{
    Console.WriteLine("usage: bench/run NAME [--option value ...]\n\nbenchmarks:");
    foreach (var (name, (description, _)) in benchmarks) Console.WriteLine($"  {name,-16} {description}");
    return args.Length == 0 ? 0 : 0;
}
if (!benchmarks.TryGetValue(args[0], out var bench))
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
try
{
    return bench.Run(new BenchArgs(args[1..]));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench {args[0]}: {e.Message}");
    return 2;
}
