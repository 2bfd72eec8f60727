using System;

namespace AutoDiffGen;

/// <summary>
/// A tensor a backward node keeps for later (PyTorch's <c>SavedVariable</c>): it records the storage
/// version when saved so that an in-place change made since is reported instead of silently
/// producing a wrong gradient, and it can be freed when the graph is released.
/// </summary>
internal sealed class SavedTensor
{
    private readonly int _savedVersion;
    private readonly string? _producerName;
    private Tensor? _tensor;

    /// <param name="producerName">The node whose output this is, for the error message (null for a leaf).</param>
    public SavedTensor(Tensor tensor, string? producerName = null)
    {
        _tensor = tensor;
        _savedVersion = tensor.Version;
        _producerName = producerName ?? tensor.GradFn?.Name;
    }

    public Tensor Unpack()
    {
        var tensor = _tensor ?? throw new InvalidOperationException(
            "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). "
            + "Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). "
            + "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.");
        if (tensor.Version != _savedVersion)
        {
            string output = _producerName is null ? string.Empty : $", which is output 0 of {_producerName},";
            throw new InvalidOperationException(
                "one of the variables needed for gradient computation has been modified by an inplace operation: "
                + $"[{tensor.TypeName} {Shapes.Format(tensor.ShapeArray)}]{output} is at version {tensor.Version}; expected version {_savedVersion} instead.");
        }

        return tensor;
    }

    public void Release() => _tensor = null;
}
