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
    /// The first gradient is stored as a copy (it may be shared with other leaves); later ones are
    /// added in place, or out of place when building a graph of the gradient.
    /// </summary>
    internal void Accumulate(Tensor grad, bool createGraph)
    {
        var existing = Variable.Grad;
        if (existing is null)
        {
            Variable.Grad = createGraph ? grad : grad.Detach().Clone();
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
        }
    }
}
