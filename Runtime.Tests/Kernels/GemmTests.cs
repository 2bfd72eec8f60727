using System;
using System.Collections.Generic;
using AutoDiffGen.Kernels;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Kernels;

/// <summary>
/// Gemm against a naive triple loop accumulated in float64. Each element is held to the classical
/// rounding-error bound for a k-term dot product, k·u·Σ|a·b| (u the unit roundoff), so a wrong index,
/// a dropped edge tile or a missed depth slice fails while legitimate reassociation passes.
/// </summary>
public class GemmTests
{
    private static readonly int[] OddSizes = [1, 3, 17, 65, 129];

    public static IEnumerable<object[]> SmallShapes()
    {
        foreach (int m in OddSizes)
        {
            foreach (int k in OddSizes)
            {
                foreach (int n in OddSizes)
                {
                    yield return [m, k, n];
                }
            }
        }
        yield return new object[] { 257, 257, 257 };
        yield return new object[] { 12, 256, 32 };   // exactly one micro-tile deep over a full Kc slice
        yield return new object[] { 24, 600, 64 };   // several depth slices: accumulation across Kc
        yield return new object[] { 2, 5000, 3 };    // long, thin dot products
    }

    [Theory]
    [MemberData(nameof(SmallShapes))]
    public void FloatMatchesNaiveProductForEveryLayout(int m, int k, int n)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    CheckFloat(m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism: 1);
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 17, 65)]
    [InlineData(65, 3, 17)]
    [InlineData(129, 65, 257)]
    [InlineData(24, 600, 16)]
    public void DoubleMatchesNaiveProductForEveryLayout(int m, int k, int n)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    CheckDouble(m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism: 1);
                }
            }
        }
    }

    [Theory]
    [InlineData(257, 129, 300)]   // above the parallel threshold, ragged in every dimension
    [InlineData(517, 300, 65)]    // many row blocks, depth spans two slices
    [InlineData(5, 2000, 600)]    // fewer rows than a micro-tile: stays serial despite the size
    public void ParallelProductsMatchNaiveProduct(int m, int k, int n)
    {
        Assert.True((long)m * k * n >= Gemm.ParallelThreshold);
        CheckFloat(m, k, n, transposeA: false, transposeB: false, accumulate: false, maxDegreeOfParallelism: -1);
        CheckFloat(m, k, n, transposeA: true, transposeB: true, accumulate: true, maxDegreeOfParallelism: 2);
        CheckDouble(m, k, n, transposeA: true, transposeB: false, accumulate: false, maxDegreeOfParallelism: -1);
    }

    [Fact]
    public void ProductsWiderThanOnePackedColumnPanelMatchNaiveProduct()
    {
        // n beyond Nc runs several column panels, each swept by every A strip; ragged in m, k and n so the last
        // panel, the last depth slice and the last row strip are all partial.
        int floatColumns = GemmBlocking<float>.Nc + 37, doubleColumns = GemmBlocking<double>.Nc + 37;
        int floatDepth = GemmBlocking<float>.Kc + 9, doubleDepth = GemmBlocking<double>.Kc + 9;
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                CheckFloat(2 * GemmBlocking<float>.Mr + 5, floatDepth, floatColumns, transposeA, transposeB, accumulate: transposeA,
                    maxDegreeOfParallelism: 1);
                CheckDouble(2 * GemmBlocking<double>.Mr + 5, doubleDepth, doubleColumns, transposeA, transposeB, accumulate: transposeB,
                    maxDegreeOfParallelism: 1);
            }
        }
    }

    public static IEnumerable<object[]> RaggedRowCounts()
    {
        // Every remainder of the row strip (1..Mr−1 rows past whole strips), alone and after two whole strips,
        // with a ragged column edge (n = 45) and a full one (n = 64); plus the MLP's 64 rows.
        int mr = GemmBlocking<float>.Mr;
        for (int remainder = 1; remainder < mr; remainder++)
        {
            yield return [remainder, 45];
            yield return [2 * mr + remainder, 64];
        }
        yield return [64, 256];
    }

    [Theory]
    [MemberData(nameof(RaggedRowCounts))]
    public void RaggedLastRowStripMatchesNaiveProductWithAndWithoutTheExactRowKernels(int m, int n)
    {
        // GemmTuning only changes which kernel computes the last strip; both must give the naive product.
        // Another test running concurrently may see either setting, which is equally correct for it.
        foreach (bool exactRows in new[] { true, false })
        {
            GemmTuning.ExactRaggedRows = exactRows;
            try
            {
                foreach (bool transposeA in new[] { false, true })
                {
                    foreach (bool transposeB in new[] { false, true })
                    {
                        CheckFloat(m, 37, n, transposeA, transposeB, accumulate: transposeA, maxDegreeOfParallelism: 1);
                        CheckDouble(m, 37, n, transposeA, transposeB, accumulate: transposeB, maxDegreeOfParallelism: 1);
                    }
                }
                CheckRowsPastTheProductUntouched(m, n);
            }
            finally
            {
                GemmTuning.ExactRaggedRows = true;
            }
        }
    }

    [Theory]
    [InlineData(10, 64, 256)]     // the output layer's weight gradient: one row strip, full column strips only
    [InlineData(12, 300, 77)]     // two depth slices (B read from row P0 on), a ragged last column strip packed
    [InlineData(5, 40, 1100)]     // wider than one column panel (B read from column J0 on)
    [InlineData(13, 50, 64)]      // two row strips: B is packed
    public void SingleRowStripProductsReadingBInPlaceMatchNaiveProduct(int m, int k, int n)
    {
        // GemmTuning.UnpackedB only chooses between reading B where it lies and packing it; both must be exact.
        foreach (bool unpacked in new[] { true, false })
        {
            GemmTuning.UnpackedB = unpacked;
            try
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    CheckFloat(m, k, n, transposeA: false, transposeB: false, accumulate, maxDegreeOfParallelism: 1);
                    CheckFloat(m, k, n, transposeA: true, transposeB: false, accumulate, maxDegreeOfParallelism: 1);
                    CheckDouble(m, k, n, transposeA: accumulate, transposeB: false, accumulate, maxDegreeOfParallelism: 1);
                }
            }
            finally
            {
                GemmTuning.UnpackedB = true;
            }
        }
    }

    /// <summary>C as a view into a longer buffer: the rows after the product's last must keep their values.</summary>
    private static void CheckRowsPastTheProductUntouched(int m, int n)
    {
        const int k = 40;
        var rng = new Random(m * 1000 + n);
        float[] a = RandomFloats(m * k, rng), b = RandomFloats(k * n, rng);
        float[] buffer = RandomFloats((m + GemmBlocking<float>.Mr) * n, rng);
        float[] before = (float[])buffer.Clone();
        Gemm.Multiply(a, b, buffer.AsSpan(0, m * n), m, k, n, maxDegreeOfParallelism: 1);
        Assert.Equal(before.AsSpan(m * n).ToArray(), buffer.AsSpan(m * n).ToArray());
    }

    [Fact]
    public void ParallelAndSerialResultsAreIdentical()
    {
        // Each C element is summed by one thread in the same order either way, so results are bitwise equal.
        const int m = 300, k = 200, n = 280;
        var rng = new Random(7);
        float[] a = RandomFloats(m * k, rng), b = RandomFloats(k * n, rng);
        float[] serial = new float[m * n], parallel = new float[m * n];
        Gemm.Multiply(a, b, serial, m, k, n, maxDegreeOfParallelism: 1);
        Gemm.Multiply(a, b, parallel, m, k, n, maxDegreeOfParallelism: 2);
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void ZeroDepthOverwritesWithZerosOrLeavesAccumulatorAlone()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Gemm.Multiply(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, c, 2, 0, 3, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);
        Gemm.Multiply(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, c, 2, 0, 3);
        Assert.Equal(new float[6], c);
    }

    [Fact]
    public void ElementsBeyondTheProductAreUntouched()
    {
        // Spans may be longer than needed (e.g. a view into a bigger buffer); only m·n outputs are written.
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        float[] c = [-1, -1, -1, -1, 99, 99];
        Gemm.Multiply(a, b, c, 2, 2, 2);
        Assert.Equal(new float[] { 19, 22, 43, 50, 99, 99 }, c);
    }

    [Theory]
    [InlineData(2, 3, 2)]      // the direct path for tiny products
    [InlineData(29, 40, 45)]   // the packed path, with zero-padded edge tiles in both directions
    public void NonFiniteInputsPropagateLikeTheNaiveProduct(int m, int k, int n)
    {
        // Zero padding of edge tiles must not turn into NaN (0·∞) in live outputs, nor hide a real NaN.
        var rng = new Random(5);
        float[] a = RandomFloats(m * k, rng), b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (float)(rng.NextDouble() + 0.5);   // positive, so ∞·b is +∞
        }
        a[0] = float.PositiveInfinity;                 // A[0,0]: all of C's row 0 becomes +∞ ...
        b[k * n - 1] = float.NaN;                      // B[k-1,n-1]: ... and all of C's last column NaN
        Gemm.Multiply(a, b, c, m, k, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float value = c[i * n + j];
                if (j == n - 1)
                {
                    Assert.True(float.IsNaN(value), $"C[{i},{j}] = {value}, expected NaN");
                }
                else if (i == 0)
                {
                    Assert.Equal(float.PositiveInfinity, value);
                }
                else
                {
                    Assert.True(float.IsFinite(value), $"C[{i},{j}] = {value}, expected a finite value");
                }
            }
        }
    }

    [Fact]
    public void ShortSpansAreRejectedWithDimensionsInTheMessage()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Contains("m=2, k=3, n=2", error.Message);
        Assert.Contains("a has 5 (needs 6)", error.Message);
        Assert.Contains("Gemm.Multiply", error.Message);
    }

    [Fact]
    public void NegativeDimensionsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(new double[4], new double[4], new double[4], 2, -1, 2));
        Assert.Contains("k=-1", error.Message);
    }

    [Fact]
    public void OutputOverlappingAnInputIsRejected()
    {
        float[] buffer = new float[8];
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), buffer.AsSpan(2, 4), 2, 2, 2));
        Assert.Contains("overlap", error.Message);
    }

    private static void CheckFloat(int m, int k, int n, bool transposeA, bool transposeB, bool accumulate,
        int maxDegreeOfParallelism)
    {
        var rng = new Random(HashCode.Combine(m, k, n, transposeA, transposeB, accumulate));
        float[] a = RandomFloats(m * k, rng), b = RandomFloats(k * n, rng), c = RandomFloats(m * n, rng);
        float[] initial = (float[])c.Clone();
        Gemm.Multiply(a, b, c, m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                (double expected, double magnitude) = NaiveElement(
                    p => a[transposeA ? p * m + i : i * k + p], p => b[transposeB ? j * k + p : p * n + j], k);
                if (accumulate)
                {
                    expected += initial[i * n + j];
                    magnitude += Math.Abs(initial[i * n + j]);
                }
                double bound = (k + 2) * Math.Pow(2, -24) * magnitude + 1e-30;
                double actual = c[i * n + j];
                Assert.True(Math.Abs(actual - expected) <= bound,
                    $"C[{i},{j}] = {actual}, expected {expected} (bound {bound}) for m={m} k={k} n={n} " +
                    $"tA={transposeA} tB={transposeB} acc={accumulate}");
            }
        }
    }

    private static void CheckDouble(int m, int k, int n, bool transposeA, bool transposeB, bool accumulate,
        int maxDegreeOfParallelism)
    {
        var rng = new Random(HashCode.Combine(m, k, n, transposeA, transposeB, accumulate, 64));
        double[] a = RandomDoubles(m * k, rng), b = RandomDoubles(k * n, rng), c = RandomDoubles(m * n, rng);
        double[] initial = (double[])c.Clone();
        Gemm.Multiply(a, b, c, m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                (double expected, double magnitude) = NaiveElement(
                    p => a[transposeA ? p * m + i : i * k + p], p => b[transposeB ? j * k + p : p * n + j], k);
                if (accumulate)
                {
                    expected += initial[i * n + j];
                    magnitude += Math.Abs(initial[i * n + j]);
                }
                // The reference itself rounds in float64, so allow twice the bound.
                double bound = 2 * (k + 2) * Math.Pow(2, -53) * magnitude + 1e-300;
                double actual = c[i * n + j];
                Assert.True(Math.Abs(actual - expected) <= bound,
                    $"C[{i},{j}] = {actual}, expected {expected} (bound {bound}) for m={m} k={k} n={n} " +
                    $"tA={transposeA} tB={transposeB} acc={accumulate}");
            }
        }
    }

    private static (double Value, double Magnitude) NaiveElement(Func<int, double> rowOfA, Func<int, double> columnOfB, int k)
    {
        double sum = 0, magnitude = 0;
        for (int p = 0; p < k; p++)
        {
            double term = rowOfA(p) * columnOfB(p);
            sum += term;
            magnitude += Math.Abs(term);
        }
        return (sum, magnitude);
    }

    private static float[] RandomFloats(int count, Random rng)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(rng.NextDouble() * 2 - 1);
        }
        return values;
    }

    private static double[] RandomDoubles(int count, Random rng)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = rng.NextDouble() * 2 - 1;
        }
        return values;
    }
}
