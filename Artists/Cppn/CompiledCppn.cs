namespace Coevo.Artists.Cppn;

/// <summary>
/// A genome flattened for evaluation: the nodes the outputs depend on, in topological order, each reading weighted
/// value slots. Slots 0, 1, 2 hold x, y and d; the bias input is folded into each node's constant term.
/// </summary>
internal sealed class CompiledCppn
{
    /// <summary>One node to evaluate: slot[Target] = act(Bias + Σ Weights[k]·slot[Sources[k]]).</summary>
    internal sealed record Step(int Target, Activation Activation, float Bias, int[] Sources, float[] Weights)
    {
        /// <summary>
        /// Factor folded into the weighted sum so the activation needs fewer passes: −1 for the unsigned sigmoid
        /// (1/(1+e^s) with s = −x) and 2 for tanh (1 − 2/(1+e^s) with s = 2x); 1 otherwise.
        /// </summary>
        public float Scale { get; } = Activation switch { Activation.USigmoid => -1f, Activation.Tanh => 2f, _ => 1f };
        /// <summary>The weights times <see cref="Scale"/>, broadcast for SIMD.</summary>
        public System.Numerics.Vector<float>[] WeightVectors { get; } = Weights.Select(w => new System.Numerics.Vector<float>(w * (Activation switch { Activation.USigmoid => -1f, Activation.Tanh => 2f, _ => 1f }))).ToArray();
        /// <summary>The weights times <see cref="Scale"/> (the same products as <see cref="WeightVectors"/>).</summary>
        public float[] ScaledWeights { get; } = Weights.Select(w => w * (Activation switch { Activation.USigmoid => -1f, Activation.Tanh => 2f, _ => 1f })).ToArray();
    }

    public const int XSlot = 0, YSlot = 1, DSlot = 2;

    public Step[] Steps { get; }
    public int SlotCount { get; }
    /// <summary>Largest number of sources of any step.</summary>
    public int MaxFanIn => Steps.Length == 0 ? 0 : Steps.Max(s => s.Sources.Length);
    /// <summary>Slot of each output, in output order.</summary>
    public int[] OutputSlots { get; }

    private CompiledCppn(Step[] steps, int slotCount, int[] outputSlots)
    {
        Steps = steps;
        SlotCount = slotCount;
        OutputSlots = outputSlots;
    }

    public static CompiledCppn Compile(CppnGenome g)
    {
        var nodes = g.Nodes;
        int n = nodes.Count;
        var incoming = new List<LinkGene>[n];
        for (int i = 0; i < n; i++) incoming[i] = new List<LinkGene>();
        foreach (var l in g.Links) if (l.Enabled) incoming[g.IndexOf(l.To)].Add(l);

        // Nodes the outputs need (walking enabled links backwards).
        var needed = new bool[n];
        var stack = new Stack<int>();
        for (int o = 0; o < g.OutputCount; o++) stack.Push(CppnGenome.InputCount + o);
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            if (needed[i]) continue;
            needed[i] = true;
            foreach (var l in incoming[i]) stack.Push(g.IndexOf(l.From));
        }

        // Depth-first topological order over the needed non-input nodes.
        var slot = new int[n];
        Array.Fill(slot, -1);
        slot[0] = XSlot; slot[1] = YSlot; slot[2] = DSlot;
        int next = 3;
        var steps = new List<Step>();
        var state = new byte[n]; // 0 new, 1 on stack, 2 done
        for (int i = CppnGenome.InputCount; i < n; i++)
            if (needed[i]) Visit(i);

        void Visit(int root)
        {
            var work = new Stack<(int Node, bool Expanded)>();
            work.Push((root, false));
            while (work.Count > 0)
            {
                var (i, expanded) = work.Pop();
                if (state[i] == 2) continue;
                if (!expanded)
                {
                    state[i] = 1;
                    work.Push((i, true));
                    foreach (var l in incoming[i])
                    {
                        int s = g.IndexOf(l.From);
                        if (s >= CppnGenome.InputCount && state[s] == 0) work.Push((s, false));
                    }
                    continue;
                }
                float bias = 0f;
                var sources = new List<int>();
                var weights = new List<float>();
                foreach (var l in incoming[i])
                {
                    int s = g.IndexOf(l.From);
                    if (s == 3) bias += (float)l.Weight;
                    else { sources.Add(slot[s]); weights.Add((float)l.Weight); }
                }
                slot[i] = next++;
                steps.Add(new Step(slot[i], nodes[i].Activation, bias, sources.ToArray(), weights.ToArray()));
                state[i] = 2;
            }
        }

        var outputs = new int[g.OutputCount];
        for (int o = 0; o < outputs.Length; o++) outputs[o] = slot[CppnGenome.InputCount + o];
        return new CompiledCppn(steps.ToArray(), next, outputs);
    }
}
