using System;

namespace AutoDiffGen;

/// <summary>
/// The backward node of a product that is linear in each of its two operands (mul, dot, mv, mm, bmm): the gradient
/// of one operand is the output's gradient times the other, so, as PyTorch's generated nodes do, an operand is saved
/// only when its partner's gradient is wanted — a constant factor never keeps the other one alive — and both are
/// freed together once the graph is released.
/// </summary>
internal abstract class BilinearNode : Node
{
    private readonly SavedTensor? _left;
    private readonly SavedTensor? _right;

    private protected BilinearNode(Tensor left, Tensor right)
        : base(left, right)
    {
        _left = NeedsGrad(1) ? new SavedTensor(left) : null;
        _right = NeedsGrad(0) ? new SavedTensor(right) : null;
    }

    /// <summary>The left operand, version-checked; saved only for the right operand's gradient.</summary>
    private protected Tensor SavedLeft() => Unpack(_left, "left", "right");

    /// <summary>The right operand, version-checked; saved only for the left operand's gradient.</summary>
    private protected Tensor SavedRight() => Unpack(_right, "right", "left");

    internal sealed override void ReleaseVariables()
    {
        _left?.Release();
        _right?.Release();
    }

    // Reaching the throw is a bug in a derived node: it asked for an operand its own NeedsGrad test says is unused.
    private Tensor Unpack(SavedTensor? saved, string operand, string partner) =>
        saved?.Unpack() ?? throw new InvalidOperationException(
            $"{Name}: the {operand} operand was not saved, because the {partner} operand needs no gradient.");
}
