namespace Coevo.Coevolution.Imaging;

/// <summary>
/// An RGB image as three float planes (R, then G, then B), each row-major <c>Width*Height</c>, values in [0,1].
/// </summary>
public sealed class Image
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }
    /// <summary>The three planes back to back: R[0..n), G[n..2n), B[2n..3n) with n = Width*Height.</summary>
    public float[] Data { get; }

    /// <summary>A black image.</summary>
    public Image(int width, int height)
        : this(width, height, new float[checked(3 * width * height)]) { }

    /// <summary>Wraps planar RGB data (not copied).</summary>
    public Image(int width, int height, float[] data)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        if (data.Length != 3 * width * height)
            throw new ArgumentException($"expected {3 * width * height} floats for a {width}x{height} RGB image, got {data.Length}", nameof(data));
        Width = width;
        Height = height;
        Data = data;
    }

    /// <summary>Number of pixels in one plane.</summary>
    public int PixelCount => Width * Height;

    /// <summary>Plane <paramref name="channel"/> (0 = R, 1 = G, 2 = B).</summary>
    public Span<float> Plane(int channel) => Data.AsSpan(channel * PixelCount, PixelCount);

    /// <summary>The red plane.</summary>
    public Span<float> R => Plane(0);
    /// <summary>The green plane.</summary>
    public Span<float> G => Plane(1);
    /// <summary>The blue plane.</summary>
    public Span<float> B => Plane(2);

    /// <summary>The colour at (x, y).</summary>
    public (float R, float G, float B) this[int x, int y]
    {
        get
        {
            int i = y * Width + x;
            return (Data[i], Data[PixelCount + i], Data[2 * PixelCount + i]);
        }
        set
        {
            int i = y * Width + x;
            Data[i] = value.R;
            Data[PixelCount + i] = value.G;
            Data[2 * PixelCount + i] = value.B;
        }
    }

    /// <summary>A grey image: the same plane copied into R, G and B.</summary>
    public static Image FromGray(int width, int height, ReadOnlySpan<float> gray)
    {
        var image = new Image(width, height);
        for (int c = 0; c < 3; c++) gray.CopyTo(image.Plane(c));
        return image;
    }

    /// <summary>Luminance (Rec. 601) as one plane.</summary>
    public float[] ToGray()
    {
        var g = new float[PixelCount];
        var r = R; var gr = G; var b = B;
        for (int i = 0; i < g.Length; i++) g[i] = 0.299f * r[i] + 0.587f * gr[i] + 0.114f * b[i];
        return g;
    }

    /// <summary>Clamps every value into [0,1]; NaN becomes 0.</summary>
    public void Clamp01()
    {
        var d = Data;
        for (int i = 0; i < d.Length; i++)
        {
            float v = d[i];
            d[i] = v > 0f ? (v < 1f ? v : 1f) : 0f; // NaN fails both tests and becomes 0
        }
    }

    /// <summary>
    /// A resized copy using a triangle (bilinear) filter with pixel centres aligned as in PIL and
    /// <c>torch.nn.functional.interpolate(mode="bilinear", align_corners=False, antialias=True)</c>:
    /// plain bilinear interpolation when enlarging, and a widened triangle (area-like, no aliasing) when shrinking.
    /// </summary>
    public Image Resize(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        if (width == Width && height == Height) return Clone();
        var xs = ResampleWeights(Width, width);
        var ys = ResampleWeights(Height, height);
        var result = new Image(width, height);
        var tmp = new float[width * Height];
        for (int c = 0; c < 3; c++)
        {
            ReadOnlySpan<float> src = Plane(c);
            for (int y = 0; y < Height; y++)
            {
                var srow = src.Slice(y * Width, Width);
                for (int x = 0; x < width; x++)
                {
                    var (start, w) = xs[x];
                    float sum = 0f;
                    for (int k = 0; k < w.Length; k++) sum += w[k] * srow[start + k];
                    tmp[y * width + x] = sum;
                }
            }
            var dst = result.Plane(c);
            for (int y = 0; y < height; y++)
            {
                var (start, w) = ys[y];
                var drow = dst.Slice(y * width, width);
                for (int k = 0; k < w.Length; k++)
                {
                    float wk = w[k];
                    var trow = tmp.AsSpan((start + k) * width, width);
                    for (int x = 0; x < width; x++) drow[x] += wk * trow[x];
                }
            }
        }
        return result;
    }

    /// <summary>For each output index: the first input index and the normalised triangle-filter weights from there.</summary>
    private static (int Start, float[] Weights)[] ResampleWeights(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double support = Math.Max(scale, 1.0); // triangle half-width in input pixels
        var result = new (int, float[])[outSize];
        for (int i = 0; i < outSize; i++)
        {
            double centre = (i + 0.5) * scale;
            int lo = Math.Max(0, (int)Math.Floor(centre - support + 0.5));
            int hi = Math.Min(inSize, (int)Math.Floor(centre + support + 0.5));
            if (hi <= lo) { lo = Math.Min(lo, inSize - 1); hi = lo + 1; }
            var w = new double[hi - lo];
            double total = 0;
            for (int j = lo; j < hi; j++)
            {
                double t = Math.Abs((j + 0.5 - centre) / support);
                double v = t < 1 ? 1 - t : 0;
                w[j - lo] = v;
                total += v;
            }
            var wf = new float[w.Length];
            for (int k = 0; k < w.Length; k++) wf[k] = total > 0 ? (float)(w[k] / total) : 1f / w.Length;
            result[i] = (lo, wf);
        }
        return result;
    }

    /// <summary>A deep copy.</summary>
    public Image Clone() => new(Width, Height, (float[])Data.Clone());
}
