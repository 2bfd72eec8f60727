using System;
using AutoDiffGen.NN;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

/// <summary>
/// A matrix product's backward adds a leaf's gradient straight into its existing .Grad when nothing else can see
/// that gradient (GradientSink). Each test checks .Grad against old grad + the product computed here by a naive
/// float64 loop, in the layouts that path handles (the leaf itself, the leaf transposed as nn.Linear's W.T) and in
/// the cases where it must step aside (the grad aliases an operand, the leaf feeds both sides, a retained
/// gradient listens, the grad is not dense).
/// </summary>
public class GradientSinkTests
{
    [Fact]
    public void Linear_adds_its_weight_and_bias_gradients_into_the_existing_grads_and_computes_none_for_its_input()
    {
        var rng = new Random(3);
        var linear = new Linear(5, 3, rng: rng, dtype: DType.Float64);
        var x = Tensor.Randn([4, 5], rng, DType.Float64);
        var upstream = Tensor.Randn([4, 3], rng, DType.Float64);
        var weightGrad = Tensor.Randn([3, 5], rng, DType.Float64);
        var biasGrad = Tensor.Randn([3], rng, DType.Float64);
        linear.Weight.Grad = weightGrad;
        linear.Bias!.Grad = biasGrad;
        double[] weightGradBefore = weightGrad.ToDoubleArray(), biasGradBefore = biasGrad.ToDoubleArray();

        var output = linear.Forward(x);
        var product = output.GradFn!.NextEdges[0].Node!;   // AddBackward0 (bias) → MmBackward0
        (output * upstream).Sum().Backward();

        Assert.Equal("MmBackward0", product.Name);
        Assert.Null(product.NextEdges[0].Node);             // x does not require grad: no edge, so no dX
        Assert.Same(weightGrad, linear.Weight.Grad);        // accumulated in place, as PyTorch's zero_grad(set_to_none=False) relies on
        AssertClose(Add(weightGradBefore, Product(upstream, true, x, false)), linear.Weight.Grad!);
        AssertClose(Add(biasGradBefore, ColumnSums(upstream)), linear.Bias.Grad!);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Both_leaf_operands_receive_their_gradients_added_to_what_they_held()
    {
        var rng = new Random(4);
        var a = Tensor.Randn([4, 5], rng, DType.Float64, requiresGrad: true);
        var b = Tensor.Randn([5, 3], rng, DType.Float64, requiresGrad: true);
        var upstream = Tensor.Randn([4, 3], rng, DType.Float64);
        a.Grad = Tensor.Randn([4, 5], rng, DType.Float64);
        b.Grad = Tensor.Randn([5, 3], rng, DType.Float64);
        double[] aBefore = a.Grad.ToDoubleArray(), bBefore = b.Grad.ToDoubleArray();

        (a.MatMul(b) * upstream).Sum().Backward();

        AssertClose(Add(aBefore, Product(upstream, false, b, true)), a.Grad!);
        AssertClose(Add(bBefore, Product(a, true, upstream, false)), b.Grad!);
    }

    [Fact]
    public void Transposed_leaf_operands_receive_the_transposed_gradients()
    {
        var rng = new Random(5);
        var left = Tensor.Randn([5, 4], rng, DType.Float64, requiresGrad: true);    // used as left.T: [4, 5]
        var right = Tensor.Randn([3, 5], rng, DType.Float64, requiresGrad: true);   // used as right.T: [5, 3]
        var upstream = Tensor.Randn([4, 3], rng, DType.Float64);
        left.Grad = Tensor.Randn([5, 4], rng, DType.Float64);
        right.Grad = Tensor.Randn([3, 5], rng, DType.Float64);
        double[] leftBefore = left.Grad.ToDoubleArray(), rightBefore = right.Grad.ToDoubleArray();

        (left.T.MatMul(right.T) * upstream).Sum().Backward();

        // d(leftᵀ) = U·right, so d(left) = (U·right)ᵀ = rightᵀ·Uᵀ; d(rightᵀ) = left·U, so d(right) = Uᵀ·leftᵀ.
        AssertClose(Add(leftBefore, Product(right, true, upstream, true)), left.Grad!);
        AssertClose(Add(rightBefore, Product(upstream, true, left, true)), right.Grad!);
    }

    [Fact]
    public void A_grad_that_is_the_other_operand_gets_the_gradient_computed_from_its_old_values()
    {
        var rng = new Random(6);
        var a = Tensor.Randn([4, 4], rng, DType.Float64, requiresGrad: true);
        var b = Tensor.Randn([4, 4], rng, DType.Float64);
        var upstream = Tensor.Randn([4, 4], rng, DType.Float64);
        double[] bBefore = b.ToDoubleArray();
        a.Grad = b;   // writing dA = U·bᵀ into b while reading b would corrupt it
        var expected = Add(bBefore, Product(upstream, false, Tensor.FromArray(bBefore, 4, 4), true));

        (a.MatMul(b) * upstream).Sum().Backward();

        AssertClose(expected, a.Grad!);
    }

    [Fact]
    public void A_leaf_on_both_sides_of_the_product_receives_both_gradients()
    {
        var rng = new Random(7);
        var a = Tensor.Randn([4, 4], rng, DType.Float64, requiresGrad: true);
        var upstream = Tensor.Randn([4, 4], rng, DType.Float64);
        a.Grad = Tensor.Randn([4, 4], rng, DType.Float64);
        double[] before = a.Grad.ToDoubleArray();

        (a.MatMul(a) * upstream).Sum().Backward();

        AssertClose(Add(Add(before, Product(upstream, false, a, true)), Product(a, true, upstream, false)), a.Grad!);
    }

    [Fact]
    public void A_retained_gradient_on_the_transposed_weight_is_still_delivered()
    {
        var rng = new Random(8);
        var weight = Tensor.Randn([3, 5], rng, DType.Float64, requiresGrad: true);
        var x = Tensor.Randn([4, 5], rng, DType.Float64);
        var upstream = Tensor.Randn([4, 3], rng, DType.Float64);
        weight.Grad = Tensor.Randn([3, 5], rng, DType.Float64);
        double[] before = weight.Grad.ToDoubleArray();
        var transposed = weight.T;
        transposed.RetainGrad();

        (x.MatMul(transposed) * upstream).Sum().Backward();

        AssertClose(Product(x, true, upstream, false), transposed.Grad!);
        AssertClose(Add(before, Product(upstream, true, x, false)), weight.Grad!);
    }

    [Fact]
    public void A_grad_that_is_a_transposed_view_is_accumulated_correctly()
    {
        var rng = new Random(9);
        var a = Tensor.Randn([4, 5], rng, DType.Float64, requiresGrad: true);
        var b = Tensor.Randn([5, 3], rng, DType.Float64);
        var upstream = Tensor.Randn([4, 3], rng, DType.Float64);
        a.Grad = Tensor.Randn([5, 4], rng, DType.Float64).T;   // not contiguous
        double[] before = a.Grad.ToDoubleArray();

        (a.MatMul(b) * upstream).Sum().Backward();

        AssertClose(Add(before, Product(upstream, false, b, true)), a.Grad!);
    }

    [Fact]
    public void A_float32_weight_larger_than_a_gemm_tile_accumulates_over_several_steps()
    {
        // The packed GEMM path (edge tiles in every direction) run twice into the same grad.
        var rng = new Random(10);
        var linear = new Linear(70, 45, rng: rng);
        var x = Tensor.Randn([33, 70], rng);
        var upstream = Tensor.Randn([33, 45], rng);
        linear.Weight.Grad = Tensor.Zeros([45, 70]);

        for (int step = 0; step < 2; step++)
        {
            (linear.Forward(x) * upstream).Sum().Backward();
        }

        var once = Product(upstream, true, x, false);
        AssertClose(Add(once, once), linear.Weight.Grad!, tolerance: 1e-4);
    }

    /// <summary>op(x)·op(y) in float64 by the definition, op a transpose where asked; row-major result.</summary>
    private static double[] Product(Tensor x, bool transposeX, Tensor y, bool transposeY)
    {
        double[] xs = x.ToDoubleArray(), ys = y.ToDoubleArray();
        int xRows = x.Shape[0], xCols = x.Shape[1], yRows = y.Shape[0], yCols = y.Shape[1];
        int m = transposeX ? xCols : xRows, k = transposeX ? xRows : xCols, n = transposeY ? yRows : yCols;
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double left = transposeX ? xs[(p * xCols) + i] : xs[(i * xCols) + p];
                    double right = transposeY ? ys[(j * yCols) + p] : ys[(p * yCols) + j];
                    sum += left * right;
                }

                result[(i * n) + j] = sum;
            }
        }

        return result;
    }

    private static double[] ColumnSums(Tensor matrix)
    {
        double[] values = matrix.ToDoubleArray();
        int rows = matrix.Shape[0], columns = matrix.Shape[1];
        var sums = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                sums[j] += values[(i * columns) + j];
            }
        }

        return sums;
    }

    private static double[] Add(double[] x, double[] y)
    {
        var sum = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            sum[i] = x[i] + y[i];
        }

        return sum;
    }

    private static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-12)
    {
        double[] values = actual.ToDoubleArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(values[i] - expected[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]}");
        }
    }
}
