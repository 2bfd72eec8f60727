using System;
using System.Collections.Generic;
using System.Threading;

namespace AutoDiffGen;

/// <summary>
/// Runs the backward graph as PyTorch's engine does: it first discovers the graph and counts, for
/// every node, how many edges point at it; a node runs once, when that count reaches zero, i.e.
/// after every incoming gradient has been summed into its buffer. Everything is iterative (explicit
/// stacks), so arbitrarily deep graphs cannot overflow the call stack.
/// </summary>
/// <remarks>
/// The per-node bookkeeping (dependency count, gradient buffer, flags) lives on the nodes themselves,
/// stamped with the id of the run that wrote it, instead of in dictionaries keyed by node: a lookup is a
/// field read, and a run allocates nothing of its own beyond the gradients. The stacks and the list are
/// rented per thread. One consequence: two threads must not run backward through the same nodes at once,
/// a shared leaf's AccumulateGrad included (accumulating into a shared <c>.Grad</c> was never synchronised either).
/// </remarks>
internal static class Engine
{
    private static int s_lastRunId;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Backward from one output (the common <c>Tensor.Backward</c> case), without wrapping it in arrays.</summary>
    public static void ExecuteSingle(Tensor output, Tensor gradOutput, bool keepGraph, bool createGraph, IReadOnlyList<Tensor>? inputs)
    {
        var root = output.GradientEdgeTarget();
        Run(new Roots(root, gradOutput), keepGraph, createGraph, inputs, accumulate: true);
    }

    /// <param name="outputs">The tensors to differentiate; each must require grad.</param>
    /// <param name="gradOutputs">The gradient seeded at each output (same shapes).</param>
    /// <param name="keepGraph">When false, every node that ran frees its saved tensors.</param>
    /// <param name="createGraph">When true, backward formulas are themselves recorded (higher-order gradients).</param>
    /// <param name="inputs">When given, only gradients flowing to these tensors are computed, and returned.</param>
    /// <param name="accumulate">True for <c>Backward</c> (add into <c>.Grad</c>); false for <c>Autograd.Grad</c> (return only).</param>
    public static Tensor?[] Execute(
        IReadOnlyList<Tensor> outputs,
        IReadOnlyList<Tensor> gradOutputs,
        bool keepGraph,
        bool createGraph,
        IReadOnlyList<Tensor>? inputs,
        bool accumulate)
    {
        var roots = new Node[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            roots[i] = outputs[i].GradientEdgeTarget();
        }

        return Run(new Roots(roots, gradOutputs), keepGraph, createGraph, inputs, accumulate);
    }

    private static Tensor?[] Run(Roots roots, bool keepGraph, bool createGraph, IReadOnlyList<Tensor>? inputs, bool accumulate)
    {
        // Rented, not shared: a nested run on this thread (none exists today) would simply allocate its own.
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        int runId;
        do
        {
            // 0 is what a node that never took part in a run carries; skip it when the counter wraps.
            runId = Interlocked.Increment(ref s_lastRunId);
        }
        while (runId == 0);

        bool previousMode = GradMode.IsEnabled;
        GradMode.IsEnabled = createGraph;
        // Gradients that are recorded (createGraph) may be saved by the nodes they create: never recycled.
        int ownershipRun = createGraph ? 0 : runId;
        int previousOwnershipRun = GradientOwnership.Enter(ownershipRun);
        bool completed = false;
        try
        {
            var result = RunGraph(roots, runId, ownershipRun, scratch, keepGraph, createGraph, inputs, accumulate);
            completed = true;
            return result;
        }
        finally
        {
            GradMode.IsEnabled = previousMode;
            GradientOwnership.Exit(previousOwnershipRun);
            if (!completed)
            {
                // A failed run (e.g. a version error) must not keep gradients alive on the nodes it touched.
                foreach (var node in scratch.Discovered)
                {
                    node.GradientBuffer = null;
                }
            }

            scratch.Clear();
            t_scratch = scratch;
        }
    }

    private static Tensor?[] RunGraph(
        Roots roots, int runId, int ownershipRun, Scratch scratch, bool keepGraph, bool createGraph, IReadOnlyList<Tensor>? inputs, bool accumulate)
    {
        Dictionary<Node, List<int>>? targets = null;
        if (inputs is not null)
        {
            targets = new Dictionary<Node, List<int>>(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < inputs.Count; i++)
            {
                var node = inputs[i].GradientEdgeTarget();
                if (!targets.TryGetValue(node, out var indices))
                {
                    targets[node] = indices = new List<int>();
                }

                indices.Add(i);
            }
        }

        Discover(roots, runId, scratch);

        // A plain Backward runs every node: each one leads to some leaf's AccumulateGrad.
        bool runEverything = inputs is null && accumulate;
        if (!runEverything)
        {
            DecideWhatRuns(scratch.Discovered, targets, accumulate);
        }

        var results = inputs is null ? [] : new Tensor?[inputs.Count];
        for (int i = 0; i < roots.Count; i++)
        {
            AddToBuffer(roots.NodeAt(i), roots.GradientAt(i), ownershipRun);
        }

        var ready = scratch.Ready;
        for (int i = 0; i < roots.Count; i++)
        {
            var root = roots.NodeAt(i);
            if (root.PendingDependencies == 0 && !root.IsQueued)
            {
                root.IsQueued = true;
                ready.Push(root);
            }
        }

        while (ready.Count > 0)
        {
            var node = ready.Pop();
            var grad = node.GradientBuffer;
            node.GradientBuffer = null;
            if (grad is not null)
            {
                Deliver(node, grad, targets, inputs, results, accumulate, createGraph);
                if (runEverything || node.MustRun)
                {
                    RunNode(node, grad, ownershipRun, accumulate, createGraph, sinksAllowed: runEverything && !createGraph);
                    if (!keepGraph)
                    {
                        node.ReleaseVariables();
                    }
                }

                GradientOwnership.Release(grad, ownershipRun);
            }

            foreach (var edge in node.Edges)
            {
                if (edge.Node is { } next && --next.PendingDependencies == 0)
                {
                    ready.Push(next);
                }
            }
        }

        return results;
    }

    /// <summary>Depth-first walk from the roots: lists nodes children-first, resets their state, and counts incoming edges.</summary>
    private static void Discover(Roots roots, int runId, Scratch scratch)
    {
        var postOrder = scratch.Discovered;
        var stack = scratch.Discovery;
        for (int r = 0; r < roots.Count; r++)
        {
            var root = roots.NodeAt(r);
            if (root.EngineRunId != runId)
            {
                root.ResetForRun(runId);
                stack.Push((root, 0));
            }

            while (stack.Count > 0)
            {
                var (node, nextEdge) = stack.Pop();
                var edges = node.Edges;
                if (nextEdge == edges.Length)
                {
                    postOrder.Add(node);
                    continue;
                }

                stack.Push((node, nextEdge + 1));
                if (edges[nextEdge].Node is { } child)
                {
                    if (child.EngineRunId == runId)
                    {
                        child.PendingDependencies++;
                    }
                    else
                    {
                        child.ResetForRun(runId);
                        child.PendingDependencies = 1;
                        stack.Push((child, 0));
                    }
                }
            }
        }
    }

    /// <summary>
    /// With targets, a node runs only if a target lies strictly
    /// below it (its output feeds a wanted gradient); a leaf target runs its AccumulateGrad only in
    /// <c>Backward</c> mode, since <c>Autograd.Grad</c> must not touch <c>.Grad</c>.
    /// </summary>
    private static void DecideWhatRuns(List<Node> postOrder, Dictionary<Node, List<int>>? targets, bool accumulate)
    {
        foreach (var node in postOrder)
        {
            bool isTarget = targets is not null && targets.ContainsKey(node);
            bool childLeads = false;
            foreach (var edge in node.Edges)
            {
                if (edge.Node is { LeadsToTarget: true })
                {
                    childLeads = true;
                    break;
                }
            }

            node.LeadsToTarget = isTarget || childLeads;
            node.MustRun = childLeads || (accumulate && isTarget && node is AccumulateGrad);
        }
    }

    /// <summary>Hands a node's summed gradient to whoever asked for it: requested inputs and retained non-leaves.</summary>
    private static void Deliver(
        Node node, Tensor grad, Dictionary<Node, List<int>>? targets, IReadOnlyList<Tensor>? inputs, Tensor?[] results, bool accumulate, bool createGraph)
    {
        if (targets is not null && targets.TryGetValue(node, out var indices))
        {
            // Returned to the caller: no longer the run's to recycle.
            GradientOwnership.Disown(grad);
            foreach (int index in indices)
            {
                results[index] = grad;
                if (accumulate && node is not AccumulateGrad)
                {
                    AccumulateInto(inputs![index], grad, createGraph);
                }
            }
        }

        // As in PyTorch, retain_grad is a hook on the node: it fires for Autograd.Grad too.
        if (node.RetainedOutputs is { } retained)
        {
            foreach (var tensor in retained)
            {
                AccumulateInto(tensor, grad, createGraph);
            }
        }
    }

    /// <param name="sinksAllowed">
    /// A plain Backward without createGraph: every gradient reaching a leaf is added into its <c>.Grad</c> and into
    /// nothing else, so a node may add it there itself (<see cref="GradientSink"/>).
    /// </param>
    private static void RunNode(Node node, Tensor grad, int ownershipRun, bool accumulate, bool createGraph, bool sinksAllowed)
    {
        if (node is AccumulateGrad accumulator)
        {
            if (accumulate)
            {
                accumulator.Accumulate(grad, createGraph, soleOwner: GradientOwnership.IsSoleOwner(grad, ownershipRun));
            }

            return;
        }

        var edges = node.Edges;
        var inputGrads = sinksAllowed && node.CanAddIntoSinks ? ApplyIntoSinks(node, grad, edges) : node.Apply(grad);
        for (int i = 0; i < edges.Length; i++)
        {
            if (edges[i].Node is { } next && inputGrads[i] is { } inputGrad)
            {
                AddToBuffer(next, inputGrad, ownershipRun);
            }
        }
    }

    private static Tensor?[] ApplyIntoSinks(Node node, Tensor grad, Edge[] edges)
    {
        var first = GradientSink.Find(edges[0].Node);
        var second = edges.Length > 1 ? GradientSink.Find(edges[1].Node) : default;
        return first.Target is null && second.Target is null ? node.Apply(grad) : node.ApplyIntoSinks(grad, first, second);
    }

    /// <summary>Sums gradients arriving at a node out of place: an incoming tensor may be shared (AddBackward0 sends one to both sides).</summary>
    private static void AddToBuffer(Node node, Tensor grad, int ownershipRun)
    {
        if (node.GradientBuffer is { } existing)
        {
            var sum = existing.Add(grad);
            GradientOwnership.Release(existing, ownershipRun);
            grad = sum;
        }

        GradientOwnership.Hold(grad, ownershipRun);
        node.GradientBuffer = grad;
    }

    private static void AccumulateInto(Tensor tensor, Tensor grad, bool createGraph)
    {
        if (tensor.Grad is { } existing)
        {
            tensor.Grad = createGraph ? existing.Add(grad) : existing.Detach().Add(grad.Detach());
        }
        else
        {
            tensor.Grad = createGraph ? grad : grad.Detach().Clone();
        }

        // Allocated inside the run, but now a user-visible .Grad.
        GradientOwnership.Disown(tensor.Grad!);
    }

    /// <summary>The roots of a run and their seeds: one (no arrays needed) or several.</summary>
    private readonly struct Roots
    {
        private readonly Node? _single;
        private readonly Tensor? _singleGradient;
        private readonly Node[]? _nodes;
        private readonly IReadOnlyList<Tensor>? _gradients;

        public Roots(Node node, Tensor gradient)
        {
            _single = node;
            _singleGradient = gradient;
        }

        public Roots(Node[] nodes, IReadOnlyList<Tensor> gradients)
        {
            _nodes = nodes;
            _gradients = gradients;
        }

        public int Count => _nodes?.Length ?? 1;

        public Node NodeAt(int index) => _nodes is null ? _single! : _nodes[index];

        public Tensor GradientAt(int index) => _gradients is null ? _singleGradient! : _gradients[index];
    }

    /// <summary>The containers a run needs, kept per thread between runs so that a backward allocates none.</summary>
    private sealed class Scratch
    {
        public List<Node> Discovered { get; } = new();

        public Stack<(Node Node, int NextEdge)> Discovery { get; } = new();

        public Stack<Node> Ready { get; } = new();

        public void Clear()
        {
            Discovered.Clear();
            Discovery.Clear();
            Ready.Clear();
        }
    }
}
