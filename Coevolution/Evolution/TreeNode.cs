namespace Coevo.Coevolution.Evolution;

/// <summary>
/// The shape shared by immutable expression-tree genomes: children fixed at construction, size and depth cached,
/// nodes addressed by preorder index, and replacement that copies only the path to the replaced node, so subtrees
/// are shared freely between trees. <typeparamref name="TSelf"/> is the deriving node type.
/// </summary>
public abstract class TreeNode<TSelf> where TSelf : TreeNode<TSelf>
{
    private readonly TSelf[] _children;

    /// <summary>A node over <paramref name="children"/> (kept, not copied: pass a fresh array).</summary>
    protected TreeNode(TSelf[] children)
    {
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

    /// <summary>The children.</summary>
    public IReadOnlyList<TSelf> Children => _children;
    /// <summary>Number of nodes in this subtree.</summary>
    public int Size { get; }
    /// <summary>Depth of this subtree (a terminal has depth 1).</summary>
    public int Depth { get; }

    /// <summary>This node with other children (the array is the new node's own).</summary>
    protected abstract TSelf WithNewChildren(TSelf[] children);

    /// <summary>The node at preorder index <paramref name="index"/> (0 = this node).</summary>
    public TSelf NodeAt(int index) => Walk(index).Node;

    /// <summary>Depth (root = 1) at which preorder node <paramref name="index"/> sits.</summary>
    public int LevelOf(int index) => Walk(index).Level;

    private (TSelf Node, int Level) Walk(int index)
    {
        if ((uint)index >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside a tree of {Size} nodes");
        var node = (TSelf)this;
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
        return (node, level);
    }

    /// <summary>A new tree with the subtree at preorder <paramref name="index"/> replaced; only the path to it is copied.</summary>
    public TSelf ReplaceAt(int index, TSelf replacement)
    {
        if ((uint)index >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside a tree of {Size} nodes");
        if (index == 0) return replacement;
        int rest = index - 1;
        var kids = (TSelf[])_children.Clone();
        for (int i = 0; i < kids.Length; i++)
        {
            if (rest < kids[i].Size)
            {
                kids[i] = kids[i].ReplaceAt(rest, replacement);
                return WithNewChildren(kids);
            }
            rest -= kids[i].Size;
        }
        throw new InvalidOperationException("unreachable: sizes are consistent");
    }

    /// <summary>Every node in preorder.</summary>
    public IEnumerable<TSelf> Preorder()
    {
        var stack = new Stack<TSelf>();
        stack.Push((TSelf)this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (int i = n._children.Length - 1; i >= 0; i--) stack.Push(n._children[i]);
        }
    }

    /// <summary>Preorder indices of the nodes matching <paramref name="pick"/>.</summary>
    public List<int> IndicesWhere(Func<TSelf, bool> pick)
    {
        var list = new List<int>();
        int i = 0;
        foreach (var n in Preorder())
        {
            if (pick(n)) list.Add(i);
            i++;
        }
        return list;
    }
}

/// <summary>Variation operators that work on any <see cref="TreeNode{TSelf}"/>.</summary>
public static class TreeOperators
{
    /// <summary>
    /// Subtree crossover (Koza): a random subtree of <paramref name="mother"/> replaced by a random subtree of
    /// <paramref name="father"/>, retried until <paramref name="fits"/> accepts the child; null after
    /// <paramref name="attempts"/> tries.
    /// </summary>
    public static T? Cross<T>(T mother, T father, Func<T, bool> fits, int attempts, Random rng) where T : TreeNode<T>
    {
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            var child = mother.ReplaceAt(rng.Next(mother.Size), father.NodeAt(rng.Next(father.Size)));
            if (fits(child)) return child;
        }
        return null;
    }

    /// <summary>Promote (hoist): a random argument replaces its parent; null for a lone terminal.</summary>
    public static T? Promote<T>(T root, Random rng) where T : TreeNode<T>
    {
        var at = root.IndicesWhere(n => n.Children.Count > 0);
        if (at.Count == 0) return null;
        int i = at[rng.Next(at.Count)];
        var n = root.NodeAt(i);
        return root.ReplaceAt(i, n.Children[rng.Next(n.Children.Count)]);
    }

    /// <summary>A standard normal draw (Box–Muller, two uniform draws), for constant perturbations.</summary>
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
}
