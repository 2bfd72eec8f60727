using System;
using AutoDiffGen.Kernels;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Kernels;

/// <summary>The runtime's own kernels against plain loops, over lengths that exercise vector bodies and tails.</summary>
public class CoreKernelTests
{
    private static double[] RandomValues(int length, int seed)
    {
        var rng = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (rng.NextDouble() * 4) - 2;
        }

        return values;
    }

    [Theory]
    [InlineData(new[] { 5, 1, 7 }, new[] { 1, 3, 7 })]
    [InlineData(new[] { 4, 33 }, new[] { 33 })]
    [InlineData(new[] { 2, 3 }, new[] { 2, 1 })]
    [InlineData(new int[0], new[] { 19 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 1 })]
    public void BroadcastSubtractMatchesIndexArithmetic(int[] xShape, int[] yShape)
    {
        var shape = Shapes.Broadcast("sub", xShape, yShape);
        var x = RandomValues((int)Shapes.Product(xShape), 3);
        var y = RandomValues((int)Shapes.Product(yShape), 4);
        var result = new double[Shapes.Product(shape)];

        BroadcastKernel.Run<SubtractKernel, double>(x, Shapes.BroadcastStrides(xShape, shape), y, Shapes.BroadcastStrides(yShape, shape), result, shape);

        for (int flat = 0; flat < result.Length; flat++)
        {
            Assert.Equal(x[SourceIndex(flat, shape, xShape)] - y[SourceIndex(flat, shape, yShape)], result[flat], 15);
        }
    }

    [Theory]
    [InlineData(1, 40, 1)]
    [InlineData(3, 5, 17)]
    [InlineData(2, 0, 3)]
    public void SumOverMiddleDimension(int outer, int reduced, int inner)
    {
        var x = RandomValues(outer * reduced * inner, 5);
        var result = new double[outer * inner];

        ReductionKernels.Sum<double>(x, result, outer, reduced, inner);

        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double expected = 0;
                for (int r = 0; r < reduced; r++)
                {
                    expected += x[(((o * reduced) + r) * inner) + i];
                }

                Assert.Equal(expected, result[(o * inner) + i], 12);
            }
        }
    }

    [Theory]
    [InlineData(2, 9, 1)]
    [InlineData(3, 4, 5)]
    public void MaxReturnsTheFirstLargestAndItsIndex(int outer, int reduced, int inner)
    {
        var x = RandomValues(outer * reduced * inner, 6);
        x[inner] = x[0] = 5; // a tie in the first column: the first index must win
        var values = new double[outer * inner];
        var indices = new long[outer * inner];

        ReductionKernels.Max<double>(x, values, indices, outer, reduced, inner);

        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                for (int r = 1; r < reduced; r++)
                {
                    if (x[(((o * reduced) + r) * inner) + i] > x[(((o * reduced) + best) * inner) + i])
                    {
                        best = r;
                    }
                }

                Assert.Equal(best, indices[(o * inner) + i]);
                Assert.Equal(x[(((o * reduced) + best) * inner) + i], values[(o * inner) + i]);
            }
        }
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxMatchTheDefinitionAndSurviveLargeInputs()
    {
        var x = new[] { 1.0, 2.0, 3.0, 1000.0, 1001.0, 1002.0 };
        var softmax = new double[6];
        var logSoftmax = new double[6];

        SoftmaxKernel.Softmax<double>(x, softmax, 3);
        SoftmaxKernel.LogSoftmax<double>(x, logSoftmax, 3);

        double denominator = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        for (int i = 0; i < 6; i++)
        {
            double expected = Math.Exp((i % 3) + 1.0) / denominator; // softmax is shift-invariant
            Assert.Equal(expected, softmax[i], 14);
            Assert.Equal(Math.Log(expected), logSoftmax[i], 12);
        }
    }

    [Fact]
    public void MasksMatchTheirScalarDefinitions()
    {
        var x = RandomValues(37, 7);
        x[3] = 0;
        x[5] = double.NaN;   // in the vector part
        x[36] = double.NaN;  // in the scalar tail
        var pass = new double[37];
        var sign = new double[37];

        MaskKernels.NotAtMostZero<double>(x, pass);
        MaskKernels.Sign<double>(x, sign);

        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] <= 0 ? 0.0 : 1.0, pass[i]);
            if (!double.IsNaN(x[i])) Assert.Equal(Math.Sign(x[i]), sign[i]);
        }
    }

    [Fact]
    public void StridedGatherAndScatterRoundTripATransposedView()
    {
        var source = new float[] { 0, 1, 2, 3, 4, 5 }; // [2, 3]
        var gathered = new float[6];

        StridedCopy.Gather<float>(source, 0, [3, 2], [1, 3], gathered); // its transpose
        var back = new float[6];
        StridedCopy.Scatter<float>(gathered, back, 0, [3, 2], [1, 3]);

        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], gathered);
        Assert.Equal(source, back);
    }

    /// <summary>Index into a contiguous operand of <paramref name="own"/> shape for output element <paramref name="flat"/>.</summary>
    private static int SourceIndex(int flat, int[] shape, int[] own)
    {
        int index = 0, stride = 1;
        for (int d = shape.Length - 1, o = own.Length - 1; d >= 0; d--, o--)
        {
            int coordinate = flat % shape[d];
            flat /= shape[d];
            if (o >= 0)
            {
                index += (own[o] == 1 ? 0 : coordinate) * stride;
                stride *= own[o];
            }
        }

        return index;
    }
}
