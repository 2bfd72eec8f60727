using System.Collections.Generic;

namespace AutoDiffGen;

/// <summary>
/// Runs the backward graph as PyTorch's engine does: it first discovers the graph and counts, for
/// every node, how many edges point at it; a node runs once, when that count reaches zero, i.e.
/// after every incoming gradient has been summed into its buffer. Everything is iterative (explicit
/// stacks), so arbitrarily deep graphs cannot overflow the call stack.
/// </summary>
internal static class Engine
{
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

        var targets = new Dictionary<Node, List<int>>(ReferenceEqualityComparer.Instance);
        if (inputs is not null)
        {
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

        var postOrder = DiscoverPostOrder(roots, out var dependencies);
        // A plain Backward runs every node: each one leads to some leaf's AccumulateGrad.
        var mustRun = inputs is null && accumulate ? null : DecideWhatRuns(postOrder, targets, accumulate);

        var buffers = new Dictionary<Node, Tensor>(ReferenceEqualityComparer.Instance);
        var results = new Tensor?[inputs?.Count ?? 0];
        using var mode = new GradModeScope(createGraph);

        for (int i = 0; i < roots.Length; i++)
        {
            AddToBuffer(buffers, roots[i], gradOutputs[i]);
        }

        var ready = new Stack<Node>();
        foreach (var root in roots)
        {
            if (dependencies[root] == 0 && !ready.Contains(root))
            {
                ready.Push(root);
            }
        }

        while (ready.Count > 0)
        {
            var node = ready.Pop();
            buffers.Remove(node, out var grad);
            if (grad is not null)
            {
                Deliver(node, grad, targets, inputs, results, accumulate, createGraph);
                if (mustRun is null || mustRun.Contains(node))
                {
                    Run(node, grad, buffers, accumulate, createGraph);
                    if (!keepGraph)
                    {
                        node.ReleaseVariables();
                    }
                }
            }

            foreach (var edge in node.Edges)
            {
                if (edge.Node is { } next && --dependencies[next] == 0)
                {
                    ready.Push(next);
                }
            }
        }

        return results;
    }

    /// <summary>Depth-first walk from the roots; returns nodes children-first and counts incoming edges.</summary>
    private static List<Node> DiscoverPostOrder(Node[] roots, out Dictionary<Node, int> dependencies)
    {
        dependencies = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var postOrder = new List<Node>();
        var stack = new Stack<(Node Node, int NextEdge)>();
        foreach (var root in roots)
        {
            if (dependencies.TryAdd(root, 0))
            {
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
                    if (dependencies.TryGetValue(child, out int count))
                    {
                        dependencies[child] = count + 1;
                    }
                    else
                    {
                        dependencies[child] = 1;
                        stack.Push((child, 0));
                    }
                }
            }
        }

        return postOrder;
    }

    /// <summary>
    /// With targets, a node runs only if a target lies strictly
    /// below it (its output feeds a wanted gradient); a leaf target runs its AccumulateGrad only in
    /// <c>Backward</c> mode, since <c>Autograd.Grad</c> must not touch <c>.Grad</c>.
    /// </summary>
    private static HashSet<Node> DecideWhatRuns(List<Node> postOrder, Dictionary<Node, List<int>> targets, bool accumulate)
    {
        var run = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var leadsToTarget = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var node in postOrder)
        {
            bool isTarget = targets.ContainsKey(node);
            bool childLeads = false;
            foreach (var edge in node.Edges)
            {
                if (edge.Node is { } child && leadsToTarget.Contains(child))
                {
                    childLeads = true;
                    break;
                }
            }

            if (isTarget || childLeads)
            {
                leadsToTarget.Add(node);
            }

            if (childLeads || (accumulate && isTarget && node is AccumulateGrad))
            {
                run.Add(node);
            }
        }

        return run;
    }

    /// <summary>Hands a node's summed gradient to whoever asked for it: requested inputs and retained non-leaves.</summary>
    private static void Deliver(
        Node node, Tensor grad, Dictionary<Node, List<int>> targets, IReadOnlyList<Tensor>? inputs, Tensor?[] results, bool accumulate, bool createGraph)
    {
        if (targets.TryGetValue(node, out var indices))
        {
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

    private static void Run(Node node, Tensor grad, Dictionary<Node, Tensor> buffers, bool accumulate, bool createGraph)
    {
        if (node is AccumulateGrad accumulator)
        {
            if (accumulate)
            {
                accumulator.Accumulate(grad, createGraph);
            }

            return;
        }

        var inputGrads = node.Apply(grad);
        var edges = node.Edges;
        for (int i = 0; i < edges.Length; i++)
        {
            if (edges[i].Node is { } next && inputGrads[i] is { } inputGrad)
            {
                AddToBuffer(buffers, next, inputGrad);
            }
        }
    }

    private static void AddToBuffer(Dictionary<Node, Tensor> buffers, Node node, Tensor grad)
    {
        buffers[node] = buffers.TryGetValue(node, out var existing) ? existing.Add(grad) : grad;
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
    }
}
