namespace Coevo.Artists.Gp;

/// <summary>
/// The GP artist's genome: an immutable expression tree over x, y and r that gives RGB. Operators return new trees.
/// The compiled (constant-folded) program is cached on first render.
/// </summary>
public sealed class GpTree
{
    private GpProgram? _program;

    /// <summary>The root node.</summary>
    public GpNode Root { get; }
    /// <summary>Number of nodes.</summary>
    public int Size => Root.Size;
    /// <summary>Depth (a single terminal has depth 1).</summary>
    public int Depth => Root.Depth;

    /// <summary>Wraps a root node.</summary>
    public GpTree(GpNode root) => Root = root;

    /// <summary>The constant-folded program the renderer runs (built once; the race on first use is benign).</summary>
    internal GpProgram Program => _program ??= GpProgram.Compile(Root);

    /// <summary>Null if the tree is well formed and within the bloat limits, else the first problem found.</summary>
    public string? Problem(int maxDepth, int maxSize)
    {
        if (Size > maxSize) return $"tree has {Size} nodes, more than the limit {maxSize}";
        if (Depth > maxDepth) return $"tree has depth {Depth}, more than the limit {maxDepth}";
        foreach (var n in Root.Preorder())
        {
            if (n.Children.Count != GpOps.Arity(n.Op)) return $"'{GpOps.Name(n.Op)}' has {n.Children.Count} children";
            if (!float.IsFinite(n.Value.X) || !float.IsFinite(n.Value.Y) || !float.IsFinite(n.Value.Z)) return $"'{GpOps.Name(n.Op)}' has a non-finite constant";
        }
        return null;
    }

    /// <summary>The S-expression form.</summary>
    public override string ToString() => Root.ToString();
}
