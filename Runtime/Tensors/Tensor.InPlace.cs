using System;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

/// <summary>
/// In-place ops. Each writes into this tensor's storage and bumps its version, so a backward node
/// that saved this tensor earlier reports the change instead of using the new values. When the
/// write must be recorded on the graph, the op is computed out of place from a copy of the old
/// values and this tensor takes over the result's history (PyTorch's rebase_history).
/// </summary>
public sealed partial class Tensor
{
    public Tensor Add_(Tensor other) => TryDenseInPlace<AddKernel>(other) ? this : InPlace("add_", other, static (self, o) => self.Add(o!));

    public Tensor Add_(double other) => TryDenseInPlace<AddKernel>(other) ? this : InPlace("add_", null, self => self.Add(other));

    public Tensor Sub_(Tensor other) => TryDenseInPlace<SubtractKernel>(other) ? this : InPlace("sub_", other, static (self, o) => self.Sub(o!));

    public Tensor Sub_(double other) => TryDenseInPlace<SubtractKernel>(other) ? this : InPlace("sub_", null, self => self.Sub(other));

    public Tensor Mul_(Tensor other) => TryDenseInPlace<MultiplyKernel>(other) ? this : InPlace("mul_", other, static (self, o) => self.Mul(o!));

    public Tensor Mul_(double other) => TryDenseInPlace<MultiplyKernel>(other) ? this : InPlace("mul_", null, self => self.Mul(other));

    public Tensor Div_(Tensor other) => TryDenseInPlace<DivideKernel>(other) ? this : InPlace("div_", other, static (self, o) => self.Div(o!));

    public Tensor Div_(double other) => TryDenseInPlace<DivideKernel>(other) ? this : InPlace("div_", null, self => self.Div(other));

    public Tensor Relu_() => InPlace("relu_", null, static self => self.Relu());

    /// <summary>Sets every element to zero.</summary>
    public Tensor Zero_() => TryDenseFill(0) ? this : InPlace("zero_", null, self => Filled(self, 0, zero: true));

    /// <summary>Sets every element to <paramref name="value"/>; on the graph its gradient is zero (FillBackward0).</summary>
    public Tensor Fill_(double value) => TryDenseFill(value) ? this : InPlace("fill_", null, self => Filled(self, value, zero: false));

    private static Tensor Filled(Tensor self, double value, bool zero)
    {
        var result = Full(self.ShapeArray, value, self.DType);
        return ShouldRecord(self) ? result.WithGradFn(new FillBackward0(self, zero)) : result;
    }

    /// <summary>Copies <paramref name="source"/> (broadcast to this shape, converted to this dtype) into this tensor; its history becomes the source's.</summary>
    public Tensor Copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return InPlace("copy_", source, static (self, s) => s!.To(self.DType).Expand(self.ShapeArray));
    }

    private Tensor InPlace(string operation, Tensor? other, Func<Tensor, Tensor?, Tensor> compute) =>
        InPlace(operation, other, self => compute(self, other));

    private Tensor InPlace(string operation, Tensor? other, Func<Tensor, Tensor> compute)
    {
        bool record = GradMode.IsEnabled && (RequiresGrad || (other?.RequiresGrad ?? false));
        if (GradMode.IsEnabled && IsLeaf && RequiresGrad)
        {
            throw new InvalidOperationException($"{operation}: a leaf Variable that requires grad is being used in an in-place operation.");
        }

        for (int d = 0; d < Rank; d++)
        {
            if (StrideArray[d] == 0 && ShapeArray[d] > 1)
            {
                throw new InvalidOperationException(
                    $"{operation}: unsupported operation: more than one element of the written-to tensor refers to a single memory location "
                    + $"(shape {Shapes.Format(ShapeArray)}, strides {Shapes.Format(StrideArray)}). Please clone() the tensor before performing the operation.");
            }
        }

        if (record && ViewOf is not null)
        {
            throw new NotSupportedException(
                $"{operation}: recording an in-place operation on a view (shape {Shapes.Format(ShapeArray)}) of a tensor that requires grad is not supported "
                + "(PyTorch's CopySlices); apply the operation out of place, or to the base tensor.");
        }

        Tensor result;
        if (record)
        {
            var before = Clone(); // the old values, with this tensor's history
            result = compute(before);
        }
        else
        {
            using (Autograd.NoGrad())
            {
                result = compute(this);
            }
        }

        if (!Shapes.SameShape(result.ShapeArray, ShapeArray))
        {
            throw new ArgumentException(
                $"{operation}: output with shape {Shapes.Format(ShapeArray)} doesn't match the broadcast shape {Shapes.Format(result.ShapeArray)}");
        }

        WriteValuesFrom(result);
        Storage.BumpVersion();
        if (record)
        {
            RebaseHistory(result.GradFn);
        }

        return this;
    }
}

/// <summary>Filling discards the old values, so their gradient is zero (PyTorch's FillBackward0 / ZeroBackward0).</summary>
internal sealed class FillBackward0(Tensor input, bool zero) : Node(input)
{
    public override string Name => zero ? "ZeroBackward0" : nameof(FillBackward0);

    private protected override Tensor?[] Backward(Tensor grad) => [Tensor.ZerosLike(grad)];
}
