using System;
using System.Collections.Generic;

namespace AutoDiffGen;

/// <summary>
/// A step of the backward graph (PyTorch's <c>grad_fn</c>): given the gradient of the op's output it
/// returns one gradient per input, sent along <see cref="NextEdges"/>. Every node here has one output.
/// </summary>
public abstract class Node
{
    private readonly Edge[] _nextEdges;
    private List<Tensor>? _retainedOutputs;

    /// <summary>Links the node to the nodes that produced <paramref name="inputs"/> (their GradFn, or AccumulateGrad for a leaf).</summary>
    private protected Node(params Tensor?[] inputs)
    {
        _nextEdges = new Edge[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            _nextEdges[i] = EdgeTo(inputs[i]);
        }
    }

    // One- and two-input forms of the above, so the common ops do not allocate a params array per node.
    private protected Node(Tensor? input)
    {
        _nextEdges = [EdgeTo(input)];
    }

    private protected Node(Tensor? a, Tensor? b)
    {
        _nextEdges = [EdgeTo(a), EdgeTo(b)];
    }

    private static Edge EdgeTo(Tensor? input) => input is { RequiresGrad: true } ? new Edge(input.GradientEdgeTarget(), 0) : new Edge(null, 0);

    /// <summary>The engine run that last reset the fields below; they mean nothing for any other run.</summary>
    internal int EngineRunId;

    /// <summary>Edges from nodes of the current run not yet processed; the node runs when it reaches zero.</summary>
    internal int PendingDependencies;

    /// <summary>The sum of the gradients that arrived so far in the current run.</summary>
    internal Tensor? GradientBuffer;

    internal bool IsQueued;

    /// <summary>With targets (Autograd.Grad or Backward(inputs)): a target is this node or lies below it.</summary>
    internal bool LeadsToTarget;

    /// <summary>With targets: the node's backward must run.</summary>
    internal bool MustRun;

    internal void ResetForRun(int runId)
    {
        EngineRunId = runId;
        PendingDependencies = 0;
        GradientBuffer = null;
        IsQueued = false;
        LeadsToTarget = false;
        MustRun = false;
    }

    /// <summary>PyTorch's name for the node, e.g. <c>MulBackward0</c>.</summary>
    public virtual string Name => GetType().Name;

    public IReadOnlyList<Edge> NextEdges => _nextEdges;

    internal Edge[] Edges => _nextEdges;

    /// <summary>Non-leaf tensors produced by this node that asked for <see cref="Tensor.RetainGrad"/>.</summary>
    internal IReadOnlyList<Tensor>? RetainedOutputs => _retainedOutputs;

    /// <summary>Computes the gradients of the inputs from the gradient of the output; null where an input needs none.</summary>
    public Tensor?[] Apply(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        return Backward(gradOutput);
    }

    public override string ToString() => $"<{Name}>";

    internal void AddRetainedOutput(Tensor tensor)
    {
        _retainedOutputs ??= new List<Tensor>();
        if (!_retainedOutputs.Contains(tensor))
        {
            _retainedOutputs.Add(tensor);
        }
    }

    /// <summary>Whether <see cref="ApplyIntoSinks"/> can add input gradients straight into leaves' gradients (two-input nodes only).</summary>
    internal virtual bool CanAddIntoSinks => false;

    /// <summary>
    /// As <see cref="Apply"/>, but the gradient of an input whose sink has a target is added into it (see
    /// <see cref="GradientSink"/>) and comes back null; a node may still return it instead, when it cannot write there.
    /// </summary>
    internal virtual Tensor?[] ApplyIntoSinks(Tensor gradOutput, GradientSink first, GradientSink second) => Apply(gradOutput);

    /// <summary>Frees the saved tensors once the graph is not retained; a later backward then fails as in PyTorch.</summary>
    internal virtual void ReleaseVariables()
    {
    }

    private protected abstract Tensor?[] Backward(Tensor grad);

    /// <summary>True when input <paramref name="index"/> leads somewhere, i.e. its gradient is wanted.</summary>
    private protected bool NeedsGrad(int index) => _nextEdges[index].Node is not null;
}
