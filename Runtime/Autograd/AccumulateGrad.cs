namespace AutoDiffGen;

/// <summary>
/// The sink of the graph at a leaf that requires grad: adds the incoming gradient into the leaf's
/// <see cref="Tensor.Grad"/>. The engine handles it directly; <see cref="Variable"/> is the leaf.
/// </summary>
public sealed class AccumulateGrad : Node
{
    internal AccumulateGrad(Tensor variable)
        : base()
    {
        Variable = variable;
    }

    public Tensor Variable { get; }

    private protected override Tensor?[] Backward(Tensor grad)
    {
        Accumulate(grad, createGraph: GradMode.IsEnabled);
        return [];
    }

    /// <summary>
    /// The first gradient is stored as a copy (it may be shared with other leaves) unless the engine proved
    /// this leaf holds the only reference to it (<paramref name="soleOwner"/>), in which case it is kept as is;
    /// later ones are added in place, after which a sole-owned gradient's buffer is recycled; with createGraph
    /// they are added out of place, since the sum is itself part of a graph.
    /// </summary>
    internal void Accumulate(Tensor grad, bool createGraph, bool soleOwner = false)
    {
        var existing = Variable.Grad;
        if (existing is null)
        {
            if (createGraph)
            {
                Variable.Grad = grad;
                return;
            }

            var kept = soleOwner ? grad.Detach() : grad.Detach().Clone();
            GradientOwnership.Disown(kept);
            Variable.Grad = kept;
        }
        else if (createGraph)
        {
            Variable.Grad = existing.Add(grad);
        }
        else
        {
            // Grad mode off for the add itself (no scope object: this runs for every leaf on every step).
            bool previous = GradMode.IsEnabled;
            GradMode.IsEnabled = false;
            try
            {
                existing.Add_(grad);
            }
            finally
            {
                GradMode.IsEnabled = previous;
            }

            if (soleOwner)
            {
                GradientOwnership.Recycle(grad);
            }
        }
    }
}
