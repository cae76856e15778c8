using System.Numerics;

namespace Coevo.Artists.Gp;

/// <summary>
/// One immutable node of a GP expression tree. Subtrees are shared freely between trees, since nothing changes after
/// construction. Size and depth are cached so that bloat limits cost O(1) to check.
/// </summary>
public sealed class GpNode
{
    private readonly GpNode[] _children;

    /// <summary>The node's kind.</summary>
    public GpOp Op { get; }
    /// <summary>The constant's value: scalar constants hold the same value in X, Y and Z; colour constants one per channel (R, G, B). Zero otherwise.</summary>
    public Vector3 Value { get; }
    /// <summary>The noise seed (noise ops only; 0 otherwise).</summary>
    public int Seed { get; }
    /// <summary>The children, <see cref="GpOps.Arity"/> of them.</summary>
    public IReadOnlyList<GpNode> Children => _children;
    /// <summary>Number of nodes in this subtree.</summary>
    public int Size { get; }
    /// <summary>Depth of this subtree (a terminal has depth 1).</summary>
    public int Depth { get; }

    private GpNode(GpOp op, Vector3 value, int seed, GpNode[] children)
    {
        if (children.Length != GpOps.Arity(op))
            throw new ArgumentException($"'{GpOps.Name(op)}' takes {GpOps.Arity(op)} argument(s), got {children.Length}");
        Op = op;
        Value = value;
        Seed = seed;
        _children = children;
        int size = 1, depth = 0;
        foreach (var c in children)
        {
            size += c.Size;
            depth = Math.Max(depth, c.Depth);
        }
        Size = size;
        Depth = depth + 1;
    }

    /// <summary>A coordinate terminal (x, y or r).</summary>
    public static GpNode Variable(GpOp op) =>
        op is GpOp.X or GpOp.Y or GpOp.R ? new(op, default, 0, []) : throw new ArgumentException($"'{GpOps.Name(op)}' is not a variable");

    /// <summary>A scalar constant.</summary>
    public static GpNode Constant(float value) => new(GpOp.Const, new Vector3(value), 0, []);

    /// <summary>A colour-vector constant.</summary>
    public static GpNode ColorConstant(float r, float g, float b) => new(GpOp.Color, new Vector3(r, g, b), 0, []);

    /// <summary>A function node. Noise ops take their <paramref name="seed"/>; other ops ignore it.</summary>
    public static GpNode Function(GpOp op, int seed, params GpNode[] children)
    {
        if (GpOps.Arity(op) == 0) throw new ArgumentException($"'{GpOps.Name(op)}' is a terminal, not a function");
        return new(op, default, GpOps.HasSeed(op) ? seed : 0, (GpNode[])children.Clone());
    }

    /// <summary>A function node without a seed.</summary>
    public static GpNode Function(GpOp op, params GpNode[] children) => Function(op, 0, children);

    /// <summary>The same node with other children (same op, constant and seed).</summary>
    public GpNode WithChildren(GpNode[] children) => new(Op, Value, Seed, (GpNode[])children.Clone());

    /// <summary>A copy of this node with op <paramref name="op"/> of the same arity, keeping children; <paramref name="seed"/> is used if the new op is a noise op.</summary>
    public GpNode WithOp(GpOp op, int seed) => new(op, default, GpOps.HasSeed(op) ? seed : 0, _children);

    /// <summary>The node at preorder index <paramref name="index"/> (0 = this node).</summary>
    public GpNode NodeAt(int index)
    {
        if ((uint)index >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside a tree of {Size} nodes");
        var node = this;
        while (index > 0)
        {
            index--;
            foreach (var c in node._children)
            {
                if (index < c.Size) { node = c; goto next; }
                index -= c.Size;
            }
            throw new InvalidOperationException("unreachable: sizes are consistent");
        next:;
        }
        return node;
    }

    /// <summary>Depth (root = 1) at which preorder node <paramref name="index"/> sits.</summary>
    public int LevelOf(int index)
    {
        if ((uint)index >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(index));
        var node = this;
        int level = 1;
        while (index > 0)
        {
            index--;
            foreach (var c in node._children)
            {
                if (index < c.Size) { node = c; level++; goto next; }
                index -= c.Size;
            }
            throw new InvalidOperationException("unreachable: sizes are consistent");
        next:;
        }
        return level;
    }

    /// <summary>A new tree with the subtree at preorder <paramref name="index"/> replaced; only the path to it is copied.</summary>
    public GpNode ReplaceAt(int index, GpNode replacement)
    {
        if ((uint)index >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(index));
        if (index == 0) return replacement;
        int rest = index - 1;
        var kids = (GpNode[])_children.Clone();
        for (int i = 0; i < kids.Length; i++)
        {
            if (rest < kids[i].Size)
            {
                kids[i] = kids[i].ReplaceAt(rest, replacement);
                return new GpNode(Op, Value, Seed, kids);
            }
            rest -= kids[i].Size;
        }
        throw new InvalidOperationException("unreachable: sizes are consistent");
    }

    /// <summary>Every node in preorder.</summary>
    public IEnumerable<GpNode> Preorder()
    {
        var stack = new Stack<GpNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (int i = n._children.Length - 1; i >= 0; i--) stack.Push(n._children[i]);
        }
    }

    /// <summary>Structural equality (op, constants, seeds, children).</summary>
    public bool StructurallyEquals(GpNode other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Op != other.Op || Value != other.Value || Seed != other.Seed || Size != other.Size) return false;
        for (int i = 0; i < _children.Length; i++)
            if (!_children[i].StructurallyEquals(other._children[i])) return false;
        return true;
    }

    /// <summary>The S-expression form.</summary>
    public override string ToString() => GpSExpressionFormat.Format(this);
}
