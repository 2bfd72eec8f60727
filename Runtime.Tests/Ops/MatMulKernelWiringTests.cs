using System;
using AutoDiffGen.Kernels;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Ops;

/// <summary>MatMul's use of Gemm: results written over uninitialised buffers, and the process-wide thread limit.</summary>
public class MatMulKernelWiringTests
{
    [Fact]
    public void An_empty_inner_dimension_gives_zeros_even_though_the_result_buffer_starts_uninitialised()
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // Make garbage likely in recycled memory: allocate and drop a big product first.
            _ = Tensor.Randn([300, 300], new Random(attempt)).MatMul(Tensor.Randn([300, 300], new Random(attempt + 1)));
            var product = Tensor.Zeros([400, 0]).MatMul(Tensor.Zeros([0, 300]));

            Assert.Equal(new[] { 400, 300 }, product.Shape);
            Assert.All(product.ToFloatArray(), value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public void One_thread_and_all_threads_give_the_product_of_a_large_matrix_within_rounding()
    {
        const int m = 130, k = 150, n = 140;   // m·k·n is above Gemm's parallel threshold
        var a = Tensor.Randn([m, k], new Random(5), DType.Float64);
        var b = Tensor.Randn([n, k], new Random(6), DType.Float64);
        var expected = NaiveProductWithTransposedB(a.ToDoubleArray(), b.ToDoubleArray(), m, k, n);

        foreach (int threads in new[] { 1, -1 })
        {
            KernelThreads.MaxDegreeOfParallelism = threads;
            try
            {
                var actual = a.MatMul(b.T).ToDoubleArray();
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i], actual[i], 10);
                }
            }
            finally
            {
                KernelThreads.MaxDegreeOfParallelism = -1;
            }
        }
    }

    [Theory]
    [InlineData(1, 37, 29, false, false)]
    [InlineData(1, 37, 29, true, true)]
    [InlineData(29, 37, 1, false, false)]
    [InlineData(29, 37, 1, true, true)]
    [InlineData(1, 37, 1, true, false)]
    [InlineData(1, 0, 5, false, true)]
    [InlineData(5, 0, 1, true, false)]
    public void Single_row_and_single_column_products_match_a_triple_loop_whichever_kernel_runs_them(int m, int k, int n, bool transposeA, bool transposeB)
    {
        // Stored transposed when asked, then viewed back with .T, so the product reads a transposed layout.
        var aStored = Tensor.Randn(transposeA ? [k, m] : [m, k], new Random(7), DType.Float64);
        var bStored = Tensor.Randn(transposeB ? [n, k] : [k, n], new Random(8), DType.Float64);
        var a = transposeA ? aStored.T : aStored;
        var b = transposeB ? bStored.T : bStored;
        var av = a.ToDoubleArray();
        var bv = b.ToDoubleArray();

        var product = a.MatMul(b).ToDoubleArray();

        Assert.Equal(m * n, product.Length);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                for (int p = 0; p < k; p++)
                {
                    expected += av[(i * k) + p] * bv[(p * n) + j];
                }

                Assert.Equal(expected, product[(i * n) + j], 12);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void The_thread_limit_rejects_values_other_than_minus_one_or_positive(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.MaxDegreeOfParallelism = value);
        Assert.Contains("-1 (all cores) or positive", error.Message);
        Assert.Equal(-1, KernelThreads.MaxDegreeOfParallelism);
    }

    private static double[] NaiveProductWithTransposedB(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[(i * k) + p] * b[(j * k) + p];
                }

                c[(i * n) + j] = sum;
            }
        }

        return c;
    }
}
