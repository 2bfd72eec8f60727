using System;
using System.Numerics.Tensors;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>; the shape defaults to [data.Length].</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => FromValues(data, shape);

    /// <summary>A float64 tensor holding a copy of <paramref name="data"/>; the shape defaults to [data.Length].</summary>
    public static Tensor FromArray(double[] data, params int[] shape) => FromValues(data, shape);

    /// <summary>A 0-d tensor.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        var result = ScalarOf(value, dtype);
        result.RequiresGrad = requiresGrad;
        return result;
    }

    public static Tensor Zeros(int[] shape, DType dtype = DType.Float32, bool requiresGrad = false) => Full(shape, 0, dtype, requiresGrad);

    public static Tensor Ones(int[] shape, DType dtype = DType.Float32, bool requiresGrad = false) => Full(shape, 1, dtype, requiresGrad);

    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        var result = Empty(CheckShape("full", shape), dtype);
        if (value != 0)
        {
            result.FillDense(value);
        }

        result.RequiresGrad = requiresGrad;
        return result;
    }

    public static Tensor ZerosLike(Tensor t) => Zeros(t.ShapeArray, t.DType);

    public static Tensor OnesLike(Tensor t) => Ones(t.ShapeArray, t.DType);

    /// <summary>The 1-D sequence start, start + step, … stopping before <paramref name="end"/>, as torch.arange.</summary>
    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Float32)
    {
        if (step == 0 || double.IsNaN(step) || (end - start) / step < 0)
        {
            throw new ArgumentException($"arange: upper bound and larger bound inconsistent with step sign (start={start}, end={end}, step={step})");
        }

        int count = checked((int)Math.Ceiling((end - start) / step));
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = start + (i * step);
        }

        return FromArray(values, count).To(dtype);
    }

    /// <summary>Values drawn uniformly from [0, 1) using <paramref name="rng"/> (seed it for reproducibility).</summary>
    public static Tensor Rand(int[] shape, Random rng, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var values = new double[Shapes.Product(CheckShape("rand", shape))];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = rng.NextDouble();
        }

        return FromArray(values, shape).To(dtype).RequiresGrad_(requiresGrad);
    }

    /// <summary>Values drawn from the standard normal distribution (Box–Muller) using <paramref name="rng"/>.</summary>
    public static Tensor Randn(int[] shape, Random rng, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var values = new double[Shapes.Product(CheckShape("randn", shape))];
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(); // in (0, 1], so the log is finite
            double u2 = rng.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < values.Length)
            {
                values[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
            }
        }

        return FromArray(values, shape).To(dtype).RequiresGrad_(requiresGrad);
    }

    private static Tensor FromValues<T>(T[] data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var target = shape is null || shape.Length == 0 ? [data.Length] : CheckShape("from_array", shape);
        if (Shapes.Product(target) != data.Length)
        {
            throw new ArgumentException($"from_array: shape {Shapes.Format(target)} holds {Shapes.Product(target)} elements, but the array has {data.Length}");
        }

        return Wrap((T[])data.Clone(), target);
    }

    private static int[] CheckShape(string operation, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (int size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"{operation}: Trying to create tensor with negative dimension {size}: {Shapes.Format(shape)}");
            }
        }

        return (int[])shape.Clone();
    }

    /// <summary>Fills a freshly allocated dense tensor.</summary>
    private void FillDense(double value)
    {
        if (DType == DType.Float32)
        {
            DenseSpan<float>().Fill((float)value);
        }
        else
        {
            DenseSpan<double>().Fill(value);
        }
    }
}
