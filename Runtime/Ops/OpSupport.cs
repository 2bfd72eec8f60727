using System;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

/// <summary>A vectorised map from one dense span to another (a TensorPrimitives function).</summary>
internal delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> destination);

/// <summary>A vectorised backward formula from a saved result and the output gradient to the input gradient.</summary>
internal delegate void SpanBackward<T>(ReadOnlySpan<T> saved, ReadOnlySpan<T> grad, Span<T> destination);

/// <summary>Plumbing shared by the op files: dtype checks, graph recording, and the dense forward drivers.</summary>
public sealed partial class Tensor
{
    /// <summary>Whether an op on these inputs must record a backward node (grad mode on and some input requires grad).</summary>
    internal static bool ShouldRecord(Tensor a) => GradMode.IsEnabled && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor b) => GradMode.IsEnabled && (a.RequiresGrad || b.RequiresGrad);

    internal static void CheckSameDType(string operation, Tensor a, Tensor b)
    {
        if (a.DType != b.DType)
        {
            throw new ArgumentException(
                $"{operation}: expected both tensors to have the same dtype, but got {a.DType} and {b.DType} "
                + "(convert one with .To(dtype); mixed precision is not promoted implicitly).");
        }
    }

    /// <summary>A 0-d constant of the given dtype, used for scalar operands.</summary>
    internal static Tensor ScalarOf(double value, DType dtype)
    {
        var result = Empty([], dtype);
        if (dtype == DType.Float32)
        {
            result.DenseSpan<float>()[0] = (float)value;
        }
        else
        {
            result.DenseSpan<double>()[0] = value;
        }

        return result;
    }

    /// <summary>Runs a binary kernel over the broadcast of <paramref name="a"/> and <paramref name="b"/> into a new tensor.</summary>
    internal static Tensor BinaryForward<TKernel>(string operation, Tensor a, Tensor b)
        where TKernel : IBinaryKernel
    {
        CheckSameDType(operation, a, b);
        if (TryDenseForward<TKernel>(a, b) is { } fast)
        {
            return fast;
        }

        var shape = Shapes.Broadcast(operation, a.ShapeArray, b.ShapeArray);
        var result = Empty(shape, a.DType);
        var aStrides = Shapes.BroadcastStrides(a.ShapeArray, shape);
        var bStrides = Shapes.BroadcastStrides(b.ShapeArray, shape);
        if (a.DType == DType.Float32)
        {
            BroadcastKernel.Run<TKernel, float>(a.ContiguousValues<float>(), aStrides, b.ContiguousValues<float>(), bStrides, result.DenseSpan<float>(), shape);
        }
        else
        {
            BroadcastKernel.Run<TKernel, double>(a.ContiguousValues<double>(), aStrides, b.ContiguousValues<double>(), bStrides, result.DenseSpan<double>(), shape);
        }

        return result;
    }

    /// <summary>
    /// The common cases without the broadcast machinery: dense operands of equal shape, or a dense
    /// operand and a single value (a scalar operand, or any one-element tensor of no larger rank).
    /// </summary>
    private static Tensor? TryDenseForward<TKernel>(Tensor a, Tensor b)
        where TKernel : IBinaryKernel
    {
        // One value expanded to a shape (what SumBackward0 sends back) counts as a single value.
        bool aRepeated = a.IsOneRepeatedValue, bRepeated = b.IsOneRepeatedValue;
        if ((!a.IsContiguous && !aRepeated) || (!b.IsContiguous && !bRepeated))
        {
            return null;
        }

        bool same = Shapes.SameShape(a.ShapeArray, b.ShapeArray);
        bool bSingle = b.Rank <= a.Rank && (bRepeated ? a.IsContiguous && (same || b.NumElements == 1) : !same && b.NumElements == 1);
        bool aSingle = !bSingle && a.Rank <= b.Rank && (aRepeated ? b.IsContiguous && (same || a.NumElements == 1) : !same && a.NumElements == 1);
        same = same && !bSingle && !aSingle;
        if (!same && !bSingle && !aSingle)
        {
            return null;
        }

        var result = Empty(aSingle ? b.ShapeArray : a.ShapeArray, a.DType);
        if (a.DType == DType.Float32)
        {
            Run<float>(a, b, result, same, bSingle);
        }
        else
        {
            Run<double>(a, b, result, same, bSingle);
        }

        return result;

        static void Run<T>(Tensor a, Tensor b, Tensor result, bool same, bool bSingle)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (same)
            {
                TKernel.Run(a.ContiguousValues<T>(), b.ContiguousValues<T>(), result.DenseSpan<T>());
            }
            else if (bSingle)
            {
                TKernel.Run(a.ContiguousValues<T>(), b.FirstValue<T>(), result.DenseSpan<T>());
            }
            else
            {
                TKernel.Run(a.FirstValue<T>(), b.ContiguousValues<T>(), result.DenseSpan<T>());
            }
        }
    }

    /// <summary>Applies an elementwise function to every value of <paramref name="x"/> into a new tensor of the same shape.</summary>
    internal static Tensor MapForward(Tensor x, SpanMap<float> single, SpanMap<double> @double)
    {
        var result = Empty(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32)
        {
            single(x.ContiguousValues<float>(), result.DenseSpan<float>());
        }
        else
        {
            @double(x.ContiguousValues<double>(), result.DenseSpan<double>());
        }

        return result;
    }

    /// <summary>
    /// Runs a fused backward kernel when the gradient need not be differentiable itself (grad mode off, i.e. no
    /// createGraph) and <paramref name="grad"/> has the saved tensor's shape and dtype; null otherwise, and the
    /// caller falls back to the formula written with ops.
    /// </summary>
    internal static Tensor? TryFusedBackward(Tensor saved, Tensor grad, SpanBackward<float> single, SpanBackward<double> @double)
    {
        if (GradMode.IsEnabled || grad.DType != saved.DType || !Shapes.SameShape(grad.ShapeArray, saved.ShapeArray))
        {
            return null;
        }

        var result = Empty(saved.ShapeArray, saved.DType);
        if (saved.DType == DType.Float32)
        {
            single(saved.ContiguousValues<float>(), grad.ContiguousValues<float>(), result.DenseSpan<float>());
        }
        else
        {
            @double(saved.ContiguousValues<double>(), grad.ContiguousValues<double>(), result.DenseSpan<double>());
        }

        return result;
    }

    /// <summary>
    /// Sums a gradient that was broadcast in the forward pass back to the shape of the input it
    /// belongs to: leading dimensions the input lacked, and dimensions where it had size 1.
    /// Written with tensor ops so that it is itself differentiable.
    /// </summary>
    internal static Tensor SumToShape(Tensor grad, int[] shape)
    {
        if (Shapes.SameShape(grad.ShapeArray, shape))
        {
            return grad;
        }

        int lead = grad.Rank - shape.Length;
        var dims = new System.Collections.Generic.List<int>();
        for (int i = 0; i < grad.Rank; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && grad.ShapeArray[i] != 1))
            {
                dims.Add(i);
            }
        }

        var summed = dims.Count == 0 ? grad : grad.Sum(dims.ToArray(), keepDim: true);
        return Shapes.SameShape(summed.ShapeArray, shape) ? summed : summed.Reshape(shape);
    }
}
