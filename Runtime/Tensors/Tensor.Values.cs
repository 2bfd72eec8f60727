using System;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>The value of a one-element tensor, as a double.</summary>
    public double Item()
    {
        if (NumElements != 1)
        {
            throw new InvalidOperationException($"item: a Tensor with {NumElements} elements cannot be converted to Scalar (shape {Shapes.Format(ShapeArray)})");
        }

        return DType == DType.Float32 ? Storage.As<float>()[Offset] : Storage.As<double>()[Offset];
    }

    /// <summary>A row-major copy of the values, converted to float if needed.</summary>
    public float[] ToFloatArray() => DType == DType.Float32 ? ContiguousValues<float>().ToArray() : To(DType.Float32).Detach().ContiguousValues<float>().ToArray();

    /// <summary>A row-major copy of the values, converted to double if needed.</summary>
    public double[] ToDoubleArray()
    {
        if (DType == DType.Float64)
        {
            return ContiguousValues<double>().ToArray();
        }

        var values = ContiguousValues<float>();
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
