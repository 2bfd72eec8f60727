namespace AutoDiffGen;

/// <summary>
/// A leaf's existing <c>.Grad</c> into which a backward formula may add its result directly, instead of returning a
/// fresh gradient that <see cref="AccumulateGrad"/> then adds in place: for nn.Linear's weight that saves writing and
/// re-reading a weight-sized temporary on every training step. The sum is the one PyTorch forms (grad += new), so
/// only rounding can differ. <see cref="Transposed"/>: the node's input is the leaf transposed (as <c>W.T</c>),
/// so what is added is the transpose of that input's gradient.
/// </summary>
internal readonly struct GradientSink
{
    private GradientSink(Tensor target, bool transposed)
    {
        Target = target;
        Transposed = transposed;
    }

    /// <summary>The leaf's gradient to add into; null when there is no sink.</summary>
    public Tensor? Target { get; }

    public bool Transposed { get; }

    /// <summary>
    /// The sink behind the edge target <paramref name="next"/>, if the gradient that edge carries is certain to end up
    /// added into a leaf's dense <c>.Grad</c> and nothing else would see it: the edge is the only one still to arrive at
    /// an AccumulateGrad (directly, or through a matrix transpose) that no other gradient reached yet and no retained
    /// gradient listens to. The engine asks only in a plain Backward without createGraph.
    /// </summary>
    public static GradientSink Find(Node? next)
    {
        bool transposed = false;
        if (next is TransposeBackward0 transpose && IsSoleRemainingEdge(transpose))
        {
            transposed = transpose.SwapsDimensions;
            next = transpose.Edges[0].Node;
        }

        if (next is AccumulateGrad accumulator && IsSoleRemainingEdge(accumulator)
            && accumulator.Variable.Grad is { GradFn: null, RequiresGrad: false, IsContiguous: true } grad
            && (!transposed || grad.Rank == 2))
        {
            return new GradientSink(grad, transposed);
        }

        return default;
    }

    private static bool IsSoleRemainingEdge(Node node) =>
        node.PendingDependencies == 1 && node.GradientBuffer is null && node.RetainedOutputs is null;
}
