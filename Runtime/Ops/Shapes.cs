using System;
using System.Globalization;
using System.Linq;

namespace AutoDiffGen;

/// <summary>Shape arithmetic shared by the ops: strides, broadcasting, dimension wrapping, and the messages for their errors.</summary>
internal static class Shapes
{
    public static long Product(int[] shape)
    {
        long product = 1;
        foreach (int size in shape)
        {
            product *= size;
        }

        return product;
    }

    // Stride arrays are never written after a tensor is made (Tensor.Strides hands out copies), so the
    // two that every 0-d and 1-d result would otherwise allocate can be shared.
    private static readonly int[] s_scalarStrides = [];
    private static readonly int[] s_vectorStrides = [1];

    public static int[] ContiguousStrides(int[] shape)
    {
        if (shape.Length <= 1)
        {
            return shape.Length == 0 ? s_scalarStrides : s_vectorStrides;
        }

        var strides = new int[shape.Length];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    public static bool IsContiguous(int[] shape, int[] strides)
    {
        int expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] != 1 && strides[i] != expected)
            {
                return false;
            }

            expected *= shape[i];
        }

        return true;
    }

    /// <summary>PyTorch's way of writing a shape in messages: [2, 3].</summary>
    public static string Format(int[] shape) => "[" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The shape two operands broadcast to, aligning trailing dimensions as NumPy and PyTorch do.</summary>
    public static int[] Broadcast(string operation, int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int sa = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int sb = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (sa != sb && sa != 1 && sb != 1)
            {
                throw new ArgumentException(
                    $"{operation}: The size of tensor a ({sa}) must match the size of tensor b ({sb}) at non-singleton dimension {i} "
                    + $"(shapes {Format(a)} and {Format(b)}).");
            }

            result[i] = sa == 1 ? sb : sa;
        }

        return result;
    }

    /// <summary>Strides that read a contiguous tensor of <paramref name="shape"/> as if it had <paramref name="target"/>'s shape (0 on broadcast dims).</summary>
    public static int[] BroadcastStrides(int[] shape, int[] target)
    {
        var own = ContiguousStrides(shape);
        var strides = new int[target.Length];
        int shift = target.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            strides[i + shift] = shape[i] == 1 && target[i + shift] != 1 ? 0 : own[i];
        }

        return strides;
    }

    /// <summary>Wraps a possibly negative dim into [0, rank), with PyTorch's message otherwise (a 0-d tensor accepts -1 and 0).</summary>
    public static int WrapDim(string operation, int dim, int rank)
    {
        int effective = Math.Max(rank, 1);
        if (dim < -effective || dim >= effective)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dim), $"{operation}: Dimension out of range (expected to be in range of [{-effective}, {effective - 1}], but got {dim})");
        }

        return dim < 0 ? dim + effective : dim;
    }

    public static int WrapIndex(string operation, int index, int dim, int size)
    {
        if (index < -size || index >= size)
        {
            throw new IndexOutOfRangeException($"{operation}: index {index} is out of bounds for dimension {dim} with size {size}");
        }

        return index < 0 ? index + size : index;
    }

    public static bool SameShape(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);

    /// <summary>Sizes of [outer, dim, inner] when a contiguous tensor is reduced or scanned along <paramref name="dim"/>.</summary>
    public static (int Outer, int Size, int Inner) Split(int[] shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++)
        {
            outer *= shape[i];
        }

        for (int i = dim + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape.Length == 0 ? 1 : shape[dim], inner);
    }
}
