namespace Coevo.Coevolution.Imaging;

/// <summary>
/// A labelled grid of images with a title line, e.g. a generation's population with each image's score under it
/// (the run folder's <c>samples/gen-NNNN.png</c>). Small images are enlarged by a whole factor (nearest neighbour)
/// until their longer side reaches <see cref="MinCellSize"/>, so 28x28 digits stay readable.
/// </summary>
public sealed class ContactSheet
{
    /// <summary>Images per row; 0 picks about the square root of the count.</summary>
    public int Columns { get; init; }
    /// <summary>Smallest displayed side of an image in pixels (enlarged by whole factors up to at least this).</summary>
    public int MinCellSize { get; init; } = 96;
    /// <summary>Gap between cells and around the edge, in pixels.</summary>
    public int Padding { get; init; } = 8;
    /// <summary>Label font size in pixels.</summary>
    public double LabelSize { get; init; } = 12;
    /// <summary>Title font size in pixels.</summary>
    public double TitleSize { get; init; } = 16;
    /// <summary>Background colour.</summary>
    public Rgb Background { get; init; } = new(0.94, 0.94, 0.94);

    /// <summary>The whole-number enlargement applied to an image of this size.</summary>
    public int ScaleFor(int width, int height) =>
        Math.Max(1, (MinCellSize + Math.Max(width, height) - 1) / Math.Max(width, height));

    /// <summary>Lays out the sheet. <paramref name="labels"/>, when given, has one entry per image.</summary>
    public Image Render(IReadOnlyList<Image> images, IReadOnlyList<string>? labels = null, string? title = null)
    {
        using var canvas = Draw(images, labels, title);
        return canvas.ToImage();
    }

    /// <summary>Lays out the sheet and writes it as a PNG (atomically).</summary>
    public void Write(string path, IReadOnlyList<Image> images, IReadOnlyList<string>? labels = null, string? title = null)
    {
        using var canvas = Draw(images, labels, title);
        canvas.WritePng(path);
    }

    /// <summary>Where image <paramref name="index"/> lands on a sheet: top-left corner and enlargement.</summary>
    public (int X, int Y, int Scale) Placement(IReadOnlyList<Image> images, int index, bool hasLabels, bool hasTitle) =>
        ComputeLayout(images, hasLabels, hasTitle).Place(index);

    private Canvas Draw(IReadOnlyList<Image> images, IReadOnlyList<string>? labels, string? title)
    {
        if (labels != null && labels.Count != images.Count)
            throw new ArgumentException($"got {labels.Count} labels for {images.Count} images", nameof(labels));
        bool hasTitle = !string.IsNullOrEmpty(title);
        var layout = ComputeLayout(images, labels != null, hasTitle);
        var canvas = new Canvas(layout.Width, layout.Height, Background);
        try
        {
            if (hasTitle) canvas.Text(Padding, Padding + TitleSize * 0.8, title!, TitleSize, Rgb.Black, bold: true);
            for (int i = 0; i < images.Count; i++)
            {
                var (x, y, scale) = layout.Place(i);
                canvas.DrawImage(images[i], x, y, scale);
                if (labels != null)
                {
                    double cx = layout.CellX(i) + layout.CellWidth / 2.0;
                    double baseline = layout.CellY(i) + layout.CellHeight + LabelSize * 0.95;
                    canvas.TextCentred(cx, baseline, labels[i], LabelSize, new Rgb(0.1, 0.1, 0.1));
                }
            }
            return canvas;
        }
        catch
        {
            canvas.Dispose();
            throw;
        }
    }

    private Layout ComputeLayout(IReadOnlyList<Image> images, bool hasLabels, bool hasTitle)
    {
        int count = images.Count;
        int cols = Columns > 0 ? Columns : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(count)));
        cols = Math.Max(1, Math.Min(cols, Math.Max(1, count)));
        int rows = Math.Max(1, (count + cols - 1) / cols);
        int cellW = MinCellSize, cellH = MinCellSize;
        foreach (var img in images)
        {
            int s = ScaleFor(img.Width, img.Height);
            cellW = Math.Max(cellW, img.Width * s);
            cellH = Math.Max(cellH, img.Height * s);
        }
        int labelH = hasLabels ? (int)Math.Ceiling(LabelSize * 1.3) : 0;
        int titleH = hasTitle ? (int)Math.Ceiling(TitleSize * 1.4) : 0;
        int width = Padding + cols * (cellW + Padding);
        int height = Padding + titleH + rows * (cellH + labelH + Padding);
        return new Layout(this, images, cols, cellW, cellH, labelH, titleH, width, height);
    }

    private sealed record Layout(ContactSheet Sheet, IReadOnlyList<Image> Images, int Cols, int CellWidth, int CellHeight,
        int LabelHeight, int TitleHeight, int Width, int Height)
    {
        public int CellX(int i) => Sheet.Padding + (i % Cols) * (CellWidth + Sheet.Padding);
        public int CellY(int i) => Sheet.Padding + TitleHeight + (i / Cols) * (CellHeight + LabelHeight + Sheet.Padding);

        public (int X, int Y, int Scale) Place(int i)
        {
            var img = Images[i];
            int s = Sheet.ScaleFor(img.Width, img.Height);
            return (CellX(i) + (CellWidth - img.Width * s) / 2, CellY(i) + (CellHeight - img.Height * s) / 2, s);
        }
    }
}
