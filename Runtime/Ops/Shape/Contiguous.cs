namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>This tensor if its values are already dense row-major; otherwise a dense copy (recorded as CloneBackward0).</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A dense copy with its own storage; gradients flow back unchanged.</summary>
    public Tensor Clone()
    {
        var result = Empty(ShapeArray, DType);
        result.WriteValuesFrom(this);
        return ShouldRecord(this) ? result.WithGradFn(new CloneBackward0(this)) : result;
    }

    /// <summary>A copy converted to <paramref name="dtype"/> (this tensor itself if it already has it), as torch's .to(dtype).</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType)
        {
            return this;
        }

        var result = Empty(ShapeArray, dtype);
        if (dtype == DType.Float64)
        {
            var source = ContiguousValues<float>();
            var dest = result.DenseSpan<double>();
            for (int i = 0; i < source.Length; i++)
            {
                dest[i] = source[i];
            }
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, float>(ContiguousValues<double>(), result.DenseSpan<float>());
        }

        return ShouldRecord(this) ? result.WithGradFn(new ToCopyBackward0(this)) : result;
    }

    /// <summary>Writes <paramref name="source"/>'s values (same shape and dtype) into this tensor's storage, through its strides.</summary>
    internal void WriteValuesFrom(Tensor source)
    {
        if (DType == DType.Float32)
        {
            Kernels.StridedCopy.Scatter(source.ContiguousValues<float>(), Storage.As<float>(), Offset, ShapeArray, StrideArray);
        }
        else
        {
            Kernels.StridedCopy.Scatter(source.ContiguousValues<double>(), Storage.As<double>(), Offset, ShapeArray, StrideArray);
        }
    }
}

/// <summary>d clone(a) = g.</summary>
internal sealed class CloneBackward0(Tensor input) : Node(input)
{
    private protected override Tensor?[] Backward(Tensor grad) => [grad];
}

/// <summary>d a.to(dtype) = g converted back to a's dtype.</summary>
internal sealed class ToCopyBackward0(Tensor input) : Node(input)
{
    private readonly DType _dtype = input.DType;

    private protected override Tensor?[] Backward(Tensor grad) => [grad.To(_dtype)];
}
