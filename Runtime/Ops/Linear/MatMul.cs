using System;
using System.Runtime.InteropServices;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product as torch.matmul: 1-D·1-D is a dot product (DotBackward0), 2-D·2-D a matrix product
    /// (MmBackward0), 2-D·1-D a matrix-vector product (MvBackward0), a 1-D left operand is treated as a
    /// row vector, and 3-D operands are batched
    /// (BmmBackward0); a 2-D operand against a 3-D one, or a batch of size 1, is broadcast over the batch.
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameDType("matmul", this, other);
        return (Rank, other.Rank) switch
        {
            (1, 1) => Dot(this, other),
            (2, 2) => Mm(this, other),
            (1, 2) => Mm(Unsqueeze(0), other).Squeeze(0),
            (2, 1) => Mv(this, other),
            (3, 3) => Bmm(this, other),
            (3, 2) => Bmm(this, other.Unsqueeze(0)),
            (2, 3) => Bmm(Unsqueeze(0), other),
            (3, 1) => Bmm(this, other.Unsqueeze(1).Unsqueeze(0)).Squeeze(2),
            (1, 3) => Bmm(Unsqueeze(0).Unsqueeze(0), other).Squeeze(1),
            _ => throw new NotSupportedException(
                $"matmul: operands of rank {Rank} and {other.Rank} (shapes {Shapes.Format(ShapeArray)} and {Shapes.Format(other.ShapeArray)}) are not supported; "
                + "supported ranks are 1, 2 and 3."),
        };
    }

    internal static Tensor Dot(Tensor a, Tensor b)
    {
        if (a.ShapeArray[0] != b.ShapeArray[0])
        {
            throw new ArgumentException(
                $"matmul: inconsistent tensor size, expected tensor [{a.ShapeArray[0]}] and src [{b.ShapeArray[0]}] to have the same number of elements, but got {a.ShapeArray[0]} and {b.ShapeArray[0]} elements respectively");
        }

        var result = Empty([], a.DType);
        if (a.DType == DType.Float32)
        {
            result.DenseSpan<float>()[0] = System.Numerics.Tensors.TensorPrimitives.Dot(a.ContiguousValues<float>(), b.ContiguousValues<float>());
        }
        else
        {
            result.DenseSpan<double>()[0] = System.Numerics.Tensors.TensorPrimitives.Dot(a.ContiguousValues<double>(), b.ContiguousValues<double>());
        }

        return ShouldRecord(a, b) ? result.WithGradFn(new DotBackward0(a, b)) : result;
    }

    internal static Tensor Mv(Tensor matrix, Tensor vector)
    {
        int m = matrix.ShapeArray[0], k = matrix.ShapeArray[1];
        if (vector.ShapeArray[0] != k)
        {
            throw new ArgumentException($"matmul: size mismatch, got input ({m}), mat ({m}x{k}), vec ({vector.ShapeArray[0]})");
        }

        var result = EmptyForOverwrite([m], matrix.DType);
        if (matrix.DType == DType.Float32)
        {
            MultiplyMatrices<float>(matrix, vector, result, 1, m, k, 1);
        }
        else
        {
            MultiplyMatrices<double>(matrix, vector, result, 1, m, k, 1);
        }

        return ShouldRecord(matrix, vector) ? result.WithGradFn(new MvBackward0(matrix, vector)) : result;
    }

    internal static Tensor Mm(Tensor a, Tensor b)
    {
        int m = a.ShapeArray[0], k = a.ShapeArray[1], n = b.ShapeArray[1];
        if (b.ShapeArray[0] != k)
        {
            throw new ArgumentException($"matmul: mat1 and mat2 shapes cannot be multiplied ({m}x{k} and {b.ShapeArray[0]}x{n})");
        }

        var result = EmptyForOverwrite([m, n], a.DType);
        if (a.DType == DType.Float32)
        {
            MultiplyMatrices<float>(a, b, result, 1, m, k, n);
        }
        else
        {
            MultiplyMatrices<double>(a, b, result, 1, m, k, n);
        }

        return ShouldRecord(a, b) ? result.WithGradFn(new MmBackward0(a, b)) : result;
    }

    internal static Tensor Bmm(Tensor a, Tensor b)
    {
        int batchA = a.ShapeArray[0], batchB = b.ShapeArray[0];
        int m = a.ShapeArray[1], k = a.ShapeArray[2], n = b.ShapeArray[2];
        if (b.ShapeArray[1] != k)
        {
            throw new ArgumentException(
                $"matmul: Expected size for first two dimensions of batch2 tensor to be: [{batchB}, {k}] but got: [{batchB}, {b.ShapeArray[1]}] "
                + $"(shapes {Shapes.Format(a.ShapeArray)} and {Shapes.Format(b.ShapeArray)})");
        }

        if (batchA != batchB && batchA != 1 && batchB != 1)
        {
            throw new ArgumentException(
                $"matmul: The size of tensor a ({batchA}) must match the size of tensor b ({batchB}) at non-singleton dimension 0 "
                + $"(shapes {Shapes.Format(a.ShapeArray)} and {Shapes.Format(b.ShapeArray)})");
        }

        int batch = Math.Max(batchA, batchB);
        var result = EmptyForOverwrite([batch, m, n], a.DType);
        if (a.DType == DType.Float32)
        {
            MultiplyMatrices<float>(a, b, result, batch, m, k, n);
        }
        else
        {
            MultiplyMatrices<double>(a, b, result, batch, m, k, n);
        }

        return ShouldRecord(a, b) ? result.WithGradFn(new BmmBackward0(a, b)) : result;
    }

    /// <summary>
    /// target += op(left)·op(right) for matrices, op being a transpose where asked, through <see cref="Gemm"/>'s
    /// accumulating product (no temporary); bumps the target's version like any in-place write. The caller makes
    /// sure the target is dense, not recorded on a graph, and shares no storage with the operands.
    /// </summary>
    internal static void AddMatrixProductInto(Tensor target, Tensor left, bool transposeLeft, Tensor right, bool transposeRight)
    {
        int m = target.ShapeArray[0], n = target.ShapeArray[1];
        int k = transposeLeft ? left.ShapeArray[0] : left.ShapeArray[1];
        if (target.DType == DType.Float32)
        {
            AddMatrixProductInto<float>(target, left, transposeLeft, right, transposeRight, m, k, n);
        }
        else
        {
            AddMatrixProductInto<double>(target, left, transposeLeft, right, transposeRight, m, k, n);
        }

        target.Storage.BumpVersion();
    }

    private static void AddMatrixProductInto<T>(Tensor target, Tensor left, bool transposeLeft, Tensor right, bool transposeRight, int m, int k, int n)
        where T : unmanaged
    {
        var x = MatrixOperand<T>.Of(left);
        var y = MatrixOperand<T>.Of(right);
        var c = target.DenseSpan<T>();
        int threads = KernelThreads.MaxDegreeOfParallelism;
        // An operand read in place as a transposed view flips the transpose asked for.
        bool transposeA = transposeLeft != x.Transposed, transposeB = transposeRight != y.Transposed;
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(MemoryMarshal.Cast<T, float>(x.Values), MemoryMarshal.Cast<T, float>(y.Values), MemoryMarshal.Cast<T, float>(c),
                m, k, n, transposeA, transposeB, accumulate: true, threads);
        }
        else
        {
            Gemm.Multiply(MemoryMarshal.Cast<T, double>(x.Values), MemoryMarshal.Cast<T, double>(y.Values), MemoryMarshal.Cast<T, double>(c),
                m, k, n, transposeA, transposeB, accumulate: true, threads);
        }
    }

    /// <summary>
    /// result[i] = a[i]·b[i] for each of <paramref name="batch"/> products of m×k by k×n through <see cref="Gemm"/>.
    /// Operands are 1-D vectors (as the right side of Mv), 2-D matrices, or 3-D batches; a transposed view is read in
    /// place with its transpose flag instead of being copied, which is what the backward products of Mm/Bmm produce.
    /// </summary>
    private static void MultiplyMatrices<T>(Tensor a, Tensor b, Tensor result, int batch, int m, int k, int n)
        where T : unmanaged
    {
        var left = MatrixOperand<T>.Of(a);
        var right = MatrixOperand<T>.Of(b);
        var output = result.DenseSpan<T>();
        int threads = KernelThreads.MaxDegreeOfParallelism;
        for (int i = 0; i < batch; i++)
        {
            var c = output.Slice(i * m * n, m * n);
            var x = left.Values.Slice(i * left.BatchStep, m * k);
            var y = right.Values.Slice(i * right.BatchStep, k * n);
            if (typeof(T) == typeof(float))
            {
                Gemm.Multiply(
                    MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(c),
                    m, k, n, left.Transposed, right.Transposed, accumulate: false, threads);
            }
            else
            {
                Gemm.Multiply(
                    MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(c),
                    m, k, n, left.Transposed, right.Transposed, accumulate: false, threads);
            }
        }
    }
}

/// <summary>d(a·b) = (g·b, g·a) for vectors.</summary>
internal sealed class DotBackward0(Tensor a, Tensor b) : BilinearNode(a, b)
{
    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? SavedRight().Mul(grad) : null,
        NeedsGrad(1) ? SavedLeft().Mul(grad) : null,
    ];
}

/// <summary>d(A·v) = (g ⊗ v, Aᵀ·g).</summary>
internal sealed class MvBackward0(Tensor matrix, Tensor vector) : BilinearNode(matrix, vector)
{
    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? grad.Unsqueeze(1).Mul(SavedRight().Unsqueeze(0)) : null,
        NeedsGrad(1) ? Tensor.Mv(SavedLeft().Transpose(0, 1), grad) : null,
    ];
}

/// <summary>d(A·B) = (G·Bᵀ, Aᵀ·G).</summary>
internal sealed class MmBackward0 : BilinearNode
{
    private readonly (int Rows, int Columns, int RowStride, int ColumnStride) _aLayout;
    private readonly (int Rows, int Columns, int RowStride, int ColumnStride) _bLayout;

    public MmBackward0(Tensor a, Tensor b)
        : base(a, b)
    {
        _aLayout = LayoutOf(a);
        _bLayout = LayoutOf(b);
    }

    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? GradientOfA(grad) : null,
        NeedsGrad(1) ? GradientOfB(grad) : null,
    ];

    internal override bool CanAddIntoSinks => true;

    // dA = G·Bᵀ and dB = Aᵀ·G added straight into a leaf's .Grad (transposed where the leaf is W of W.T). Both
    // saved operands are unpacked (version-checked) before anything is written, as Backward does.
    internal override Tensor?[] ApplyIntoSinks(Tensor grad, GradientSink first, GradientSink second)
    {
        var a = NeedsGrad(1) ? SavedLeft() : null;
        var b = NeedsGrad(0) ? SavedRight() : null;
        Tensor? gradA = null, gradB = null;
        if (b is not null)
        {
            if (CanWrite(first, grad, a, b))
            {
                AddProductInto(first, grad, false, b, true);
            }
            else
            {
                gradA = GradientOfA(grad);
            }
        }

        if (a is not null)
        {
            if (CanWrite(second, grad, a, b))
            {
                AddProductInto(second, a, true, grad, false);
            }
            else
            {
                gradB = GradientOfB(grad);
            }
        }

        return [gradA, gradB];
    }

    /// <summary>sink += op(x)·op(y); for a sink behind a transpose, the transpose of that product, (X·Y)ᵀ = Yᵀ·Xᵀ.</summary>
    private static void AddProductInto(GradientSink sink, Tensor x, bool transposeX, Tensor y, bool transposeY)
    {
        if (sink.Transposed)
        {
            Tensor.AddMatrixProductInto(sink.Target!, y, !transposeY, x, !transposeX);
        }
        else
        {
            Tensor.AddMatrixProductInto(sink.Target!, x, transposeX, y, transposeY);
        }
    }

    /// <summary>A target that shares memory with what the product reads would be read after being written.</summary>
    private static bool CanWrite(GradientSink sink, Tensor grad, Tensor? a, Tensor? b) =>
        sink.Target is { } target && target.Rank == 2 && target.DType == grad.DType
        && !ReferenceEquals(target.Storage, grad.Storage)
        && !ReferenceEquals(target.Storage, a?.Storage) && !ReferenceEquals(target.Storage, b?.Storage);

    // As PyTorch's mm_mat1/mat2_backward: each gradient is laid out like its input. For nn.Linear's
    // x·Wᵀ the weight's gradient then arrives row-major in W's own layout, so accumulating it into
    // W.Grad is a dense copy or add instead of a strided gather.
    private Tensor GradientOfA(Tensor grad)
    {
        var b = SavedRight();
        return IsTransposedLayout(_aLayout) ? Tensor.Mm(b, grad.Transpose(0, 1)).Transpose(0, 1) : Tensor.Mm(grad, b.Transpose(0, 1));
    }

    private Tensor GradientOfB(Tensor grad)
    {
        var a = SavedLeft();
        return IsTransposedLayout(_bLayout) ? Tensor.Mm(grad.Transpose(0, 1), a).Transpose(0, 1) : Tensor.Mm(a.Transpose(0, 1), grad);
    }

    /// <summary>A [rows, columns] view whose memory is the row-major [columns, rows] matrix (what Transpose/T make).</summary>
    private static bool IsTransposedLayout((int Rows, int Columns, int RowStride, int ColumnStride) layout) =>
        layout.Rows > 1 && layout.Columns > 1 && layout.RowStride == 1 && layout.ColumnStride == layout.Rows;

    private static (int, int, int, int) LayoutOf(Tensor t) => (t.ShapeArray[0], t.ShapeArray[1], t.StrideArray[0], t.StrideArray[1]);
}

/// <summary>Batched d(A·B) = (G·Bᵀ, Aᵀ·G), summed over the batch for an operand that was broadcast.</summary>
internal sealed class BmmBackward0(Tensor a, Tensor b) : BilinearNode(a, b)
{
    private readonly int[] _aShape = a.ShapeArray;
    private readonly int[] _bShape = b.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? Tensor.SumToShape(Tensor.Bmm(grad, SavedRight().Transpose(1, 2)), _aShape) : null,
        NeedsGrad(1) ? Tensor.SumToShape(Tensor.Bmm(SavedLeft().Transpose(1, 2), grad), _bShape) : null,
    ];
}
