using System;
using System.Numerics.Tensors;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

/// <summary>
/// The fast path of the in-place arithmetic ops: when nothing is recorded on the graph and the operands
/// are dense (equal shapes, or a single value), the kernel writes straight into this tensor's storage
/// instead of computing a new tensor and copying it back. This is what gradient accumulation and the
/// optimizers' updates run on every step.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>this += alpha·other, as PyTorch's <c>add_(other, alpha=…)</c>: one pass, no temporary for the product.</summary>
    public Tensor Add_(Tensor other, double alpha)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (CanWriteDenseInPlace(other, out bool same) && same)
        {
            if (DType == DType.Float32)
            {
                var values = DenseSpan<float>();
                TensorPrimitives.MultiplyAdd(other.ContiguousValues<float>(), (float)alpha, values, values);
            }
            else
            {
                var values = DenseSpan<double>();
                TensorPrimitives.MultiplyAdd(other.ContiguousValues<double>(), alpha, values, values);
            }

            Storage.BumpVersion();
            return this;
        }

        return Add_(other.Mul(alpha));
    }

    /// <summary>Runs <typeparamref name="TKernel"/> into this tensor when <see cref="CanWriteDenseInPlace"/>; false to take the general path.</summary>
    private bool TryDenseInPlace<TKernel>(Tensor other)
        where TKernel : IBinaryKernel
    {
        if (other is null || !CanWriteDenseInPlace(other, out bool same))
        {
            return false;
        }

        if (DType == DType.Float32)
        {
            Run<float>(this, other, same);
        }
        else
        {
            Run<double>(this, other, same);
        }

        Storage.BumpVersion();
        return true;

        static void Run<T>(Tensor self, Tensor other, bool same)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var values = self.DenseSpan<T>();
            if (same)
            {
                TKernel.Run(values, other.ContiguousValues<T>(), values);
            }
            else
            {
                TKernel.Run(values, other.FirstValue<T>(), values);
            }
        }
    }

    private bool TryDenseInPlace<TKernel>(double other)
        where TKernel : IBinaryKernel
    {
        if ((GradMode.IsEnabled && RequiresGrad) || !IsContiguous)
        {
            return false;
        }

        if (DType == DType.Float32)
        {
            var values = DenseSpan<float>();
            TKernel.Run(values, (float)other, values);
        }
        else
        {
            var values = DenseSpan<double>();
            TKernel.Run(values, other, values);
        }

        Storage.BumpVersion();
        return true;
    }

    /// <summary>Zero_/Fill_ without a graph on a dense tensor: fills the storage directly.</summary>
    private bool TryDenseFill(double value)
    {
        if ((GradMode.IsEnabled && RequiresGrad) || !IsContiguous)
        {
            return false;
        }

        if (DType == DType.Float32)
        {
            DenseSpan<float>().Fill((float)value);
        }
        else
        {
            DenseSpan<double>().Fill(value);
        }

        Storage.BumpVersion();
        return true;
    }

    /// <summary>
    /// Whether an in-place op with <paramref name="other"/> needs no graph and can run over dense spans:
    /// same dtype, this tensor contiguous, and <paramref name="other"/> a contiguous tensor of this shape
    /// (<paramref name="same"/>) or a single (possibly expanded) value.
    /// </summary>
    private bool CanWriteDenseInPlace(Tensor other, out bool same)
    {
        same = false;
        if ((GradMode.IsEnabled && (RequiresGrad || other.RequiresGrad)) || other.DType != DType || !IsContiguous)
        {
            return false;
        }

        bool sameShape = Shapes.SameShape(other.ShapeArray, ShapeArray);
        // A single value, or one value expanded to this shape (the gradient a sum sends back), is applied to every element.
        bool single = other.Rank <= Rank && (other.NumElements == 1 || (sameShape && other.IsOneRepeatedValue));
        same = sameShape && !single;
        if (!single && !(same && other.IsContiguous))
        {
            return false;
        }

        // An operand in this storage at another position would be read after being overwritten.
        return !ReferenceEquals(other.Storage, Storage) || (same && other.Offset == Offset);
    }
}
