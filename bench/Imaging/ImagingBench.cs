using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.Imaging;

namespace Coevo.Bench.Imaging;

/// <summary>PNG encode/decode, Resize and contact-sheet timings (`bench/run imaging`).</summary>
public static class ImagingBench
{
    public static int Run(BenchArgs args)
    {
        int size = args.Int("size", 256);
        int reps = args.Int("reps", 20);
        int sheetCount = args.Int("sheet-count", 64);
        string? sheetPath = args.String("sheet", "") is { Length: > 0 } p ? p : null;
        args.RejectUnknown();

        var rng = new Random(1);
        var img = new Image(size, size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                img[x, y] = (x / (float)size, y / (float)size, (float)rng.NextDouble() * 0.2f);

        var encode = Time(reps, () => Png.Encode(img));
        byte[] bytes = Png.Encode(img);
        var decode = Time(reps, () => Png.Decode(bytes, "bench"));
        var resize = Time(reps, () => img.Resize(size / 4, size / 4));
        var upsize = Time(reps, () => img.Resize(size * 2, size * 2));

        var small = Enumerable.Range(0, sheetCount).Select(i =>
        {
            var s = new Image(28, 28);
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                {
                    float v = ((x - 14) * (x - 14) + (y - 14) * (y - 14)) < 20 + i * 2 ? 1f : 0f;
                    s[x, y] = (v, v * (i % 3) / 2f, 1f - v);
                }
            return s;
        }).ToList();
        var labels = small.Select((_, i) => (i / (double)sheetCount).ToString("0.000", CultureInfo.InvariantCulture)).ToList();
        var sheet = new ContactSheet();
        var sheetMs = Time(Math.Max(3, reps / 4), () => sheet.Render(small, labels, "generation 12"));
        if (sheetPath != null) sheet.Write(sheetPath, small, labels, "generation 12");

        Console.WriteLine($"{size}x{size}: png {bytes.Length} bytes");
        Console.WriteLine($"RESULT size={size} encode_ms={encode:F2} decode_ms={decode:F2} resize_down4_ms={resize:F2} resize_up2_ms={upsize:F2} sheet{sheetCount}_ms={sheetMs:F2}");
        return 0;
    }

    private static double Time(int reps, Action action)
    {
        action();
        var times = new List<double>();
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return BenchUtil.Median(times);
    }
}
