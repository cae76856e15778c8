using System.Numerics;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>
/// One immutable node of a GP expression tree. Subtrees are shared freely between trees, since nothing changes after
/// construction. Size and depth are cached so that bloat limits cost O(1) to check (<see cref="TreeNode{TSelf}"/>,
/// which also addresses nodes by preorder index and replaces subtrees).
/// </summary>
public sealed class GpNode : TreeNode<GpNode>
{
    /// <summary>The node's kind.</summary>
    public GpOp Op { get; }
    /// <summary>The constant's value: scalar constants hold the same value in X, Y and Z; colour constants one per channel (R, G, B). Zero otherwise.</summary>
    public Vector3 Value { get; }
    /// <summary>The noise seed (noise ops only; 0 otherwise).</summary>
    public int Seed { get; }
    private GpNode(GpOp op, Vector3 value, int seed, GpNode[] children) : base(children)
    {
        if (children.Length != GpOps.Arity(op))
            throw new ArgumentException($"'{GpOps.Name(op)}' takes {GpOps.Arity(op)} argument(s), got {children.Length}");
        Op = op;
        Value = value;
        Seed = seed;
    }

    /// <inheritdoc/>
    protected override GpNode WithNewChildren(GpNode[] children) => new(Op, Value, Seed, children);

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
    public GpNode WithOp(GpOp op, int seed) => new(op, default, GpOps.HasSeed(op) ? seed : 0, Children.ToArray());

    /// <summary>Structural equality (op, constants, seeds, children).</summary>
    public bool StructurallyEquals(GpNode other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Op != other.Op || Value != other.Value || Seed != other.Seed || Size != other.Size) return false;
        for (int i = 0; i < Children.Count; i++)
            if (!Children[i].StructurallyEquals(other.Children[i])) return false;
        return true;
    }

    /// <summary>The S-expression form.</summary>
    public override string ToString() => GpSExpressionFormat.Format(this);
}
