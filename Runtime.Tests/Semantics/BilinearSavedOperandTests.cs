using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

/// <summary>
/// What the nodes of products (mul, dot, mv, mm, bmm) keep alive, as in PyTorch 1.13: each operand is saved only
/// when the other operand's gradient is wanted, is version-checked when used, and is freed after a backward
/// without retainGraph. Expected behaviour checked against torch.mul/dot/mv/mm/bmm.
/// </summary>
public class BilinearSavedOperandTests
{
    public static TheoryData<string> Products => ["mul", "dot", "mv", "mm", "bmm"];

    private static (int[] Left, int[] Right) ShapesOf(string op) => op switch
    {
        "mul" => ([2], [2]),
        "dot" => ([2], [2]),
        "mv" => ([2, 2], [2]),
        "mm" => ([2, 2], [2, 2]),
        "bmm" => ([1, 2, 2], [1, 2, 2]),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a product"),
    };

    private static Tensor Apply(string op, Tensor left, Tensor right) => op == "mul" ? left.Mul(right) : left.MatMul(right);

    private static Tensor Operand(int[] shape, double start)
    {
        int count = 1;
        foreach (int size in shape)
        {
            count *= size;
        }

        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = start + i;
        }

        return Tensor.FromArray(values, shape);
    }

    private static (Tensor Left, Tensor Right, Tensor Output) ProductOfALeftThatNeedsItsGradient(string op)
    {
        var (leftShape, rightShape) = ShapesOf(op);
        var left = Operand(leftShape, 1.0).RequiresGrad_();
        var right = Operand(rightShape, 3.0);
        return (left, right, Apply(op, left, right));
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void AnOperandWhosePartnerNeedsNoGradientIsNotSavedSoChangingItDoesNotBreakBackward(string op)
    {
        var (left, right, output) = ProductOfALeftThatNeedsItsGradient(op);
        using (Autograd.NoGrad())
        {
            left.Mul_(2.0);
        }

        output.Sum().Backward();

        Assert.Equal(left.Shape, left.Grad!.Shape);
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void ChangingTheSavedPartnerOfAnOperandThatNeedsItsGradientIsReported(string op)
    {
        var (left, right, output) = ProductOfALeftThatNeedsItsGradient(op);
        right.Mul_(2.0);

        var error = Assert.Throws<InvalidOperationException>(() => output.Sum().Backward());

        Assert.Equal(
            "one of the variables needed for gradient computation has been modified by an inplace operation: "
            + $"[torch.DoubleTensor {Shapes.Format(right.ShapeArray)}] is at version 1; expected version 0 instead.",
            error.Message);
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void TheRightOperandAloneNeedingItsGradientSavesOnlyTheLeft(string op)
    {
        var (leftShape, rightShape) = ShapesOf(op);
        var left = Operand(leftShape, 1.0);
        var right = Operand(rightShape, 3.0).RequiresGrad_();
        var output = Apply(op, left, right);
        using (Autograd.NoGrad())
        {
            right.Mul_(2.0);
        }

        output.Sum().Backward();
        Assert.Equal(rightShape, right.Grad!.Shape);

        var again = Apply(op, left, right);
        left.Mul_(2.0);
        var error = Assert.Throws<InvalidOperationException>(() => again.Sum().Backward());
        Assert.StartsWith("one of the variables needed for gradient computation has been modified by an inplace operation", error.Message);
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void BothOperandsAreFreedAfterBackwardUnlessTheGraphIsRetained(string op)
    {
        var (leftShape, rightShape) = ShapesOf(op);
        var left = Operand(leftShape, 1.0).RequiresGrad_();
        var right = Operand(rightShape, 3.0).RequiresGrad_();
        var loss = Apply(op, left, right).Sum();

        loss.Backward(retainGraph: true);
        loss.Backward();
        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());

        Assert.StartsWith("Trying to backward through the graph a second time", error.Message);
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void AnOperandWhosePartnerNeedsNoGradientIsNotKeptAliveByTheGraph(string op)
    {
        var (leftOutput, left) = ProductWithAnOtherwiseUnreferencedOperand(op, onTheLeft: true);
        var (rightOutput, right) = ProductWithAnOtherwiseUnreferencedOperand(op, onTheLeft: false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(left.IsAlive, $"{op}: the graph keeps the left operand although the right one needs no gradient");
        Assert.False(right.IsAlive, $"{op}: the graph keeps the right operand although the left one needs no gradient");
        GC.KeepAlive(leftOutput);
        GC.KeepAlive(rightOutput);
    }

    // The operand is a non-leaf that needs its gradient (so no AccumulateGrad holds it), used by nothing after the product.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Tensor Output, WeakReference Operand) ProductWithAnOtherwiseUnreferencedOperand(string op, bool onTheLeft)
    {
        var (leftShape, rightShape) = ShapesOf(op);
        var operand = Operand(onTheLeft ? leftShape : rightShape, 1.0).RequiresGrad_().Mul(2.0);
        var constant = Operand(onTheLeft ? rightShape : leftShape, 3.0);
        var output = onTheLeft ? Apply(op, operand, constant) : Apply(op, constant, operand);
        return (output, new WeakReference(operand));
    }
}
