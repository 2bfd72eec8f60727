using System;
using AutoDiffGen.CompilerServices;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>The runtime's copy of a jagged array's rows (what the entries taking jagged arrays hand the lowered ones).</summary>
public sealed class JaggedRowsTests
{
    [Fact]
    public void The_rows_are_laid_end_to_end_with_their_starts_and_the_count_last()
    {
        using JaggedRows<double> rows = JaggedRows<double>.Of("M", "w", [[1, 2], [], [3, 4, 5]]);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, rows.Elements.ToArray());
        Assert.Equal(new[] { 0, 2, 2, 5 }, rows.RowStarts.ToArray());
    }

    [Fact]
    public void An_array_with_no_rows_or_only_empty_rows_has_no_elements()
    {
        using (JaggedRows<double> none = JaggedRows<double>.Of("M", "w", []))
        {
            Assert.True(none.Elements.IsEmpty);
            Assert.Equal(new[] { 0 }, none.RowStarts.ToArray());
            using JaggedRows<double> gradient = JaggedRows<double>.GradientOf("M", "w", none.RowStarts, []);
            Assert.True(gradient.Elements.IsEmpty);
        }

        using JaggedRows<double> empty = JaggedRows<double>.Of("M", "w", [[], []]);
        Assert.True(empty.Elements.IsEmpty);
        Assert.Equal(new[] { 0, 0, 0 }, empty.RowStarts.ToArray());
    }

    [Fact]
    public void A_gradient_buffer_starts_at_zero_and_adds_or_copies_into_the_rows()
    {
        using JaggedRows<float> values = JaggedRows<float>.Of("M", "w", [[1, 2], [3]]);
        float[][] gradient = [[10, 10], [10]];
        using JaggedRows<float> buffer = JaggedRows<float>.GradientOf("M", "w", values.RowStarts, gradient);
        Assert.Equal(new float[3], buffer.Elements.ToArray());
        buffer.Elements[0] = 1;
        buffer.Elements[2] = 3;
        buffer.AddTo(gradient);
        Assert.Equal(new float[] { 11, 10 }, gradient[0]);
        Assert.Equal(new float[] { 13 }, gradient[1]);
        buffer.CopyTo(gradient);
        Assert.Equal(new float[] { 1, 0 }, gradient[0]);
        Assert.Equal(new float[] { 3 }, gradient[1]);
    }

    [Fact]
    public void Empty_row_starts_those_of_a_default_tape_give_an_empty_buffer_without_checking()
    {
        using JaggedRows<double> buffer = JaggedRows<double>.GradientOf("M", "w", default, null!);
        Assert.True(buffer.Elements.IsEmpty);
        Assert.True(buffer.RowStarts.IsEmpty);
    }

    [Fact]
    public void Copying_and_giving_back_allocate_nothing_once_warmed_up()
    {
        double[][] w = [[1, 2], [3, 4, 5]];
        double[][] dw = [[0, 0], [0, 0, 0]];
        for (int warm = 0; warm < 3; warm++) CopyInAndOut(w, dw);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int call = 0; call < 100; call++) CopyInAndOut(w, dw);
        Assert.Equal(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void CopyInAndOut(double[][] w, double[][] dw)
    {
        using JaggedRows<double> values = JaggedRows<double>.Of("M", "w", w);
        using JaggedRows<double> gradient = JaggedRows<double>.GradientOf("M", "w", values.RowStarts, dw);
        gradient.CopyTo(dw);
    }
}
