using System;

namespace AutoDiffGen;

/// <summary>
/// How a matrix-product operand lies in memory, so that <see cref="Kernels.Gemm"/> can read it in place:
/// row-major (<see cref="Transposed"/> false), or the transpose of a row-major matrix (true, as made by
/// <c>Transpose</c>/<c>T</c>), with <see cref="BatchStep"/> elements between the matrices of a 3-D batch
/// (0 when a batch of one is broadcast). Any other layout is gathered into a row-major copy first.
/// </summary>
internal readonly ref struct MatrixOperand<T>
{
    private MatrixOperand(ReadOnlySpan<T> values, bool transposed, int batchStep)
    {
        Values = values;
        Transposed = transposed;
        BatchStep = batchStep;
    }

    public ReadOnlySpan<T> Values { get; }

    public bool Transposed { get; }

    public int BatchStep { get; }

    /// <summary>Describes a 1-D (a column vector), 2-D or 3-D tensor.</summary>
    public static MatrixOperand<T> Of(Tensor tensor)
    {
        var shape = tensor.ShapeArray;
        int rank = shape.Length;
        int rows = rank >= 2 ? shape[rank - 2] : shape[0];
        int columns = rank >= 2 ? shape[rank - 1] : 1;
        int matrixSize = rows * columns;
        int batch = rank == 3 ? shape[0] : 1;
        int batchStep = batch == 1 ? 0 : matrixSize;

        if (tensor.IsContiguous)
        {
            return new MatrixOperand<T>(tensor.ContiguousValues<T>(), transposed: false, batchStep);
        }

        var strides = tensor.StrideArray;
        bool transposedMatrix = rank >= 2 && strides[rank - 2] == 1 && strides[rank - 1] == rows;
        bool packedBatch = rank < 3 || batch == 1 || strides[0] == matrixSize;
        if (transposedMatrix && packedBatch)
        {
            int length = ((batch - 1) * batchStep) + matrixSize;
            return new MatrixOperand<T>(tensor.Storage.As<T>().AsSpan(tensor.Offset, length), transposed: true, batchStep);
        }

        return new MatrixOperand<T>(tensor.ContiguousValues<T>(), transposed: false, batchStep);
    }
}
