using System;
using System.Numerics;

namespace AutoDiffGen.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: C[m,n] (+)= op(A)·op(B), where op(A) is m×k
/// (A is stored k×m when <c>transposeA</c>) and op(B) is k×n (B is stored n×k when <c>transposeB</c>).
/// Blocked and packed in the manner of GotoBLAS/BLIS (see <see cref="GemmDriver{T}"/>), with a
/// Vector512/Vector256 FMA micro-kernel and a scalar fallback; large products run on several cores.
/// </summary>
internal static class Gemm
{
    /// <summary>Products with at least this many multiply-adds (m·k·n) are split across cores.</summary>
    internal const long ParallelThreshold = 64L * 64 * 64 * 8;

    /// <inheritdoc cref="Multiply(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, bool, bool, bool, int)"/>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false, int maxDegreeOfParallelism = -1)
        => Run(a, b, c, m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism);

    /// <summary>C[m,n] (+)= op(A)·op(B) in float64; see the class summary for the layouts.</summary>
    /// <param name="accumulate">Add the product into C instead of overwriting it.</param>
    /// <param name="maxDegreeOfParallelism">Cores to use for large products; -1 means all of them, 1 forces one thread.</param>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false, int maxDegreeOfParallelism = -1)
        => Run(a, b, c, m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism);

    private static unsafe void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, int maxDegreeOfParallelism)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Validate(a.Length, b.Length, c.Length, m, k, n, maxDegreeOfParallelism);
        if (m == 0 || n == 0)
        {
            return;
        }

        // Overlap would let the product read values it has already overwritten.
        if (c.Overlaps(a) || c.Overlaps(b))
        {
            throw new ArgumentException(
                $"Gemm.Multiply: the output span must not overlap an input span (m={m}, k={k}, n={n}).");
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }
            return;
        }

        if (GemmSmall.Applies<T>(m, k, n, transposeB))
        {
            GemmSmall.Multiply(a, b, c, m, k, n, transposeA, transposeB, accumulate);
            return;
        }

        int threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        if ((long)m * k * n < ParallelThreshold)
        {
            threads = 1;
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            var operands = new GemmOperands<T>(pa, pb, pc, m, k, n, transposeA, transposeB);
            GemmDriver<T>.Run(operands, accumulate, threads);
        }
    }

    private static void Validate(int aLength, int bLength, int cLength, int m, int k, int n, int maxDegreeOfParallelism)
    {
        if (m < 0 || k < 0 || n < 0)
        {
            throw new ArgumentException($"Gemm.Multiply: dimensions must be non-negative, got m={m}, k={k}, n={n}.");
        }
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                "Gemm.Multiply: maxDegreeOfParallelism must be -1 (all cores) or positive.");
        }
        long needA = (long)m * k, needB = (long)k * n, needC = (long)m * n;
        if (aLength < needA || bLength < needB || cLength < needC)
        {
            throw new ArgumentException(
                $"Gemm.Multiply: spans too short for m={m}, k={k}, n={n}: " +
                $"a has {aLength} (needs {needA}), b has {bLength} (needs {needB}), c has {cLength} (needs {needC}).");
        }
    }
}
