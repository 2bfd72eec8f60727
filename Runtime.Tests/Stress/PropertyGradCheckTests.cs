using System;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Stress;

/// <summary>
/// Broadcasting, reductions and views on random shapes (seeded, so a failure reproduces), each
/// checked with GradCheck: the backward of every op, including the sum-back-to-shape of a
/// broadcast and the scatter of a view's gradient into its base, against finite differences.
/// </summary>
public sealed class PropertyGradCheckTests
{
    private const int Trials = 25;

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    [InlineData("pow")]
    public void BroadcastingBinaryOps(string op)
    {
        var shapes = new RandomShapes(op.Length * 131 + op[0]);
        for (int trial = 0; trial < Trials; trial++)
        {
            // string.GetHashCode is randomised per process; the seed must not be.
            int[] big = shapes.Shape();
            int[] small = shapes.BroadcastPartner(big);
            // Either operand may be the smaller one; the division's and power's base stays away from 0.
            bool swap = trial % 2 == 1;
            Tensor a = shapes.Input(swap ? small : big, 0.5, 2);
            Tensor b = shapes.Input(swap ? big : small, 0.5, 2);
            Func<Tensor[], Tensor> f = op switch
            {
                "add" => xs => xs[0] + xs[1],
                "sub" => xs => xs[0] - xs[1],
                "mul" => xs => xs[0] * xs[1],
                "div" => xs => xs[0] / xs[1],
                _ => xs => xs[0].Pow(xs[1]),
            };
            AssertGradCheck(f, new[] { a, b }, $"{op} {RandomShapes.Format(a.Shape)} with {RandomShapes.Format(b.Shape)}");
        }
    }

    [Fact]
    public void Reductions()
    {
        var shapes = new RandomShapes(7);
        for (int trial = 0; trial < Trials; trial++)
        {
            int[] shape = shapes.Shape();
            int dim = shapes.Random.Next(shape.Length);
            bool keepDim = shapes.Random.Next(2) == 0;
            Tensor x = shapes.Input(shape);
            string where = $"{RandomShapes.Format(shape)}, dim {dim}, keepDim {keepDim}";
            AssertGradCheck(xs => xs[0].Sum(), new[] { x }, "Sum() of " + where);
            AssertGradCheck(xs => xs[0].Mean(), new[] { x }, "Mean() of " + where);
            AssertGradCheck(xs => xs[0].Sum(dim, keepDim), new[] { x }, "Sum(dim) of " + where);
            AssertGradCheck(xs => xs[0].Mean(dim, keepDim), new[] { x }, "Mean(dim) of " + where);
            // Random values are distinct, so the maximum is unique and differentiable.
            AssertGradCheck(xs => xs[0].Max(), new[] { x }, "Max() of " + where);
            AssertGradCheck(xs => xs[0].Max(dim, keepDim).Values, new[] { x }, "Max(dim) of " + where);
        }
    }

    [Fact]
    public void ViewsAndTheirCompositions()
    {
        var shapes = new RandomShapes(11);
        for (int trial = 0; trial < Trials; trial++)
        {
            int[] shape = shapes.Shape(minRank: 2, maxRank: 3);
            Tensor x = shapes.Input(shape);
            int dim = shapes.Random.Next(shape.Length);
            int other = (dim + 1) % shape.Length;
            int start = shapes.Random.Next(shape[dim]);
            int end = shapes.Random.Next(start + 1, shape[dim] + 1);
            int total = shape.Aggregate(1, (a, b) => a * b);
            string where = $"{RandomShapes.Format(shape)}, dim {dim}";

            // Each view is multiplied by a different weight per element, so a gradient scattered
            // to the wrong element of the base cannot pass by accident.
            AssertGradCheck(xs => Weighted(xs[0].Transpose(dim, other)), new[] { x }, "Transpose of " + where);
            AssertGradCheck(xs => Weighted(xs[0].Slice(dim, start, end)), new[] { x }, $"Slice({start}, {end}) of " + where);
            AssertGradCheck(xs => Weighted(xs[0].Select(dim, start)), new[] { x }, $"Select({start}) of " + where);
            AssertGradCheck(xs => Weighted(xs[0].Reshape(total)), new[] { x }, "Reshape of " + where);
            AssertGradCheck(xs => Weighted(xs[0].Unsqueeze(dim).Squeeze(dim)), new[] { x }, "Unsqueeze/Squeeze of " + where);
            AssertGradCheck(xs => Weighted(xs[0].Unsqueeze(0).Expand(new[] { 2 }.Concat(shape).ToArray())), new[] { x }, "Expand of " + where);
            // A view of a view of a non-contiguous tensor, then an op that needs contiguous data.
            AssertGradCheck(xs => Weighted(xs[0].Transpose(dim, other).Slice(other, 0, 1).Contiguous().Reshape(-1)), new[] { x }, "Transpose→Slice→Reshape of " + where);
        }
    }

    private static Tensor Weighted(Tensor t)
    {
        double[] weights = Enumerable.Range(1, t.Shape.Aggregate(1, (a, b) => a * b)).Select(i => 0.5 + 0.37 * i).ToArray();
        return (t * Tensor.FromArray(weights, t.Shape)).Sum();
    }

    private static void AssertGradCheck(Func<Tensor[], Tensor> f, Tensor[] inputs, string what)
    {
        try
        {
            Assert.True(Autograd.GradCheck(f, inputs), what);
        }
        catch (GradCheckException e)
        {
            Assert.Fail($"{what}: {e.Message}");
        }
    }
}
