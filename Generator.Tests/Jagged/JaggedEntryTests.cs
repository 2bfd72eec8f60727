using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>
/// What the entries of a method taking jagged arrays do beyond its gradient (<see cref="JaggedCases"/>): C#'s exceptions (a
/// column past its own row throws even inside the copied elements), the refusals of a null row and of a gradient of another
/// ragged shape, what rows that are one array give, no allocation in the fused entry, and the entries' signatures.
/// </summary>
public sealed class JaggedEntryTests
{
    private const string Source = """
        using AutoDiffGen;
        using System;
        using System.Linq;

        namespace Demo
        {
            public static partial class Net
            {
                // ∂/∂w[i][j] = 2 (i + 1) w[i][j], plus 1 at [row][column].
                [Differentiable]
                public static double Pick(double[][] w, int row, int column)
                {
                    double s = w[row][column];
                    for (int i = 0; i < w.Length; i++)
                    {
                        for (int j = 0; j < w[i].Length; j++)
                        {
                            s += w[i][j] * w[i][j] * (i + 1);
                        }
                    }

                    return s;
                }

                // Pick's value alone, in a condition: generated code calls its lowered entries, which must allocate nothing either.
                [Differentiable]
                public static double Gate(double[][] w, double x) => Pick(w, 1, 2) > 100 ? x : x * w[0][0];

                // Arrays that are not differentiated: Backward takes no gradient of theirs, so it is not wrapped.
                [Differentiable]
                public static double Scaled([NoDerivative] double[][] data, [NoDerivative] double[,] grid, double x) => x * data[0][0] * grid[0, 0];
            }

            public static class Driver
            {
                public static double[][] W() => new[] { new double[] { 1, 2 }, new double[] { 3, 4, 5 } };

                public static double[][] Shape(params int[] lengths) => lengths.Select(n => new double[n]).ToArray();

                public static double Value(int row, int column) => Net.Pick(W(), row, column);

                public static double Fused(int row, int column) => Net.PickValueAndGradient(W(), row, column, Shape(2, 3));

                public static double Forward(int row, int column)
                {
                    double value = Net.PickForward(W(), row, column, out Net.PickTape tape);
                    tape.Dispose();
                    return value;
                }

                public static double FusedInto(double[][] w, double[][] dw) => Net.PickValueAndGradient(w, 0, 0, dw);

                public static double ForwardOf(double[][] w)
                {
                    double value = Net.PickForward(w, 0, 0, out Net.PickTape tape);
                    tape.Dispose();
                    return value;
                }

                public static void BackwardInto(double[][] w, double[][] dw)
                {
                    Net.PickForward(w, 0, 0, out Net.PickTape tape);
                    try
                    {
                        Net.PickBackward(in tape, 1.0, dw);
                    }
                    finally
                    {
                        tape.Dispose();
                    }
                }

                public static void BackwardOfDefaultTape() => Net.PickBackward(default, 1.0, Shape(2, 3));

                /// <summary>Bytes the fused entry allocates over 100 calls once warmed up.</summary>
                public static long AllocatedByFused()
                {
                    double[][] w = W();
                    double[][] dw = Shape(2, 3);
                    for (int warm = 0; warm < 3; warm++)
                    {
                        Net.PickValueAndGradient(w, 1, 2, dw);
                        Net.GateValueAndGradient(w, 1.5, dw, out _);
                    }

                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int call = 0; call < 100; call++)
                    {
                        Net.PickValueAndGradient(w, 1, 2, dw);
                        Net.GateValueAndGradient(w, 1.5, dw, out _);
                    }

                    return GC.GetAllocatedBytesForCurrentThread() - before;
                }

                public static double[] Scaled()
                {
                    double value = Net.ScaledValueAndGradient(new[] { new double[] { 2 } }, new double[,] { { 3 } }, 5, out double dx);
                    Net.ScaledForward(new[] { new double[] { 2 } }, new double[,] { { 3 } }, 5, out Net.ScaledTape tape);
                    double twice = 0;
                    Net.ScaledBackward(in tape, 2.0, ref twice);
                    tape.Dispose();
                    return new[] { value, dx, twice };
                }
            }
        }
        """;

    private static CompiledAssembly Compile()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Empty(run.CompilerErrors);
        Assert.Empty(run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal)));
        return run.EmitAndLoad();
    }

    private static double[][] Rows(params double[][] rows) => rows;

    [Fact]
    public void A_row_or_column_out_of_range_throws_from_every_entry_even_inside_the_copied_elements()
    {
        using CompiledAssembly assembly = Compile();
        foreach (string entry in new[] { "Value", "Fused", "Forward" })
        {
            Assert.Equal(5.0 + 1 * 5 + 2 * 50, (double)assembly.InvokeStatic("Demo.Driver", entry, 1, 2)!);
            // Column 2 of the two-element row 0 is element 2 of the copied rows, in range; C# throws, and so must the entries.
            Assert.Throws<IndexOutOfRangeException>(() => assembly.InvokeStatic("Demo.Driver", entry, 0, 2));
            Assert.Throws<IndexOutOfRangeException>(() => assembly.InvokeStatic("Demo.Driver", entry, 2, 0));
            Assert.Throws<IndexOutOfRangeException>(() => assembly.InvokeStatic("Demo.Driver", entry, -1, 0));
        }
    }

    [Theory]
    [InlineData("FusedInto", "PickValueAndGradient")]
    [InlineData("BackwardInto", "PickBackward")]
    public void A_gradient_of_another_ragged_shape_is_refused_naming_the_entry_the_argument_the_row_and_both_lengths(string driver, string entry)
    {
        using CompiledAssembly assembly = Compile();
        var w = Rows([1, 2], [3, 4, 5]);
        // Five elements either way: only the rows tell the shapes apart.
        ArgumentException row = Assert.Throws<ArgumentException>(() => assembly.InvokeStatic("Demo.Driver", driver, w, Rows([0, 0, 0], [0, 0])));
        Assert.Equal("dw", row.ParamName);
        Assert.StartsWith($"{entry}: row 0 of the gradient of 'w' has length 3 but row 0 of 'w' has length 2; they must be equal.", row.Message);
        ArgumentException rows = Assert.Throws<ArgumentException>(() => assembly.InvokeStatic("Demo.Driver", driver, w, Rows([0, 0], [0, 0, 0], [])));
        Assert.Equal("dw", rows.ParamName);
        Assert.StartsWith($"{entry}: the gradient of 'w' has 3 rows but 'w' has 2; they must be equal.", rows.Message);
        ArgumentNullException nullRow = Assert.Throws<ArgumentNullException>(() => assembly.InvokeStatic("Demo.Driver", driver, w, Rows([0, 0], null!)));
        Assert.Equal("dw[1]", nullRow.ParamName);
    }

    [Theory]
    [InlineData("FusedInto")]
    [InlineData("BackwardInto")]
    public void A_null_row_of_the_argument_is_refused_naming_the_row(string driver)
    {
        using CompiledAssembly assembly = Compile();
        ArgumentNullException refused = Assert.Throws<ArgumentNullException>(() => assembly.InvokeStatic("Demo.Driver", driver, Rows([1, 2], null!), Rows([0, 0], [0])));
        Assert.Equal("w[1]", refused.ParamName);
        Assert.Contains("row 1 of 'w' is null", refused.Message);
        ArgumentNullException array = Assert.Throws<ArgumentNullException>(() => assembly.InvokeStatic("Demo.Driver", driver, null, Rows([0, 0], [0])));
        Assert.Equal("w", array.ParamName);
    }

    [Fact]
    public void Each_row_gets_its_own_gradient_and_rows_that_are_one_array_get_their_sum()
    {
        using CompiledAssembly assembly = Compile();
        double[] shared = [1, 2];
        // Rows 0 and 1 are one array: read correctly (1 + (1 + 4) · 1 + (1 + 4) · 2).
        Assert.Equal(16.0, (double)assembly.InvokeStatic("Demo.Driver", "FusedInto", Rows(shared, shared), Rows([9, 9], [9, 9]))!);
        Assert.Equal(16.0, (double)assembly.InvokeStatic("Demo.Driver", "ForwardOf", new object[] { Rows(shared, shared) })!);

        double[][] separate = Rows([9, 9], [9, 9]);
        assembly.InvokeStatic("Demo.Driver", "FusedInto", Rows(shared, shared), separate);
        Assert.Equal(new[] { 3.0, 4 }, separate[0]);
        Assert.Equal(new[] { 4.0, 8 }, separate[1]);

        // A gradient whose rows are one array too holds the gradient with respect to that array: 1 + 6 s0 and 6 s1.
        double[] sharedGradient = [9, 9];
        assembly.InvokeStatic("Demo.Driver", "FusedInto", Rows(shared, shared), Rows(sharedGradient, sharedGradient));
        Assert.Equal(new[] { 7.0, 12 }, sharedGradient);
        sharedGradient = [100, 100];
        assembly.InvokeStatic("Demo.Driver", "BackwardInto", Rows(shared, shared), Rows(sharedGradient, sharedGradient));
        Assert.Equal(new[] { 107.0, 112 }, sharedGradient);
    }

    [Fact]
    public void Backward_of_a_default_tape_says_what_is_wrong_with_the_tape()
    {
        using CompiledAssembly assembly = Compile();
        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => assembly.InvokeStatic("Demo.Driver", "BackwardOfDefaultTape"));
        Assert.Contains("the tape is default", refused.Message);
    }

    [Fact]
    public void The_fused_entry_taking_jagged_arrays_allocates_nothing_once_warmed_up()
    {
        using CompiledAssembly assembly = Compile();
        Assert.Equal(0L, (long)assembly.InvokeStatic("Demo.Driver", "AllocatedByFused")!);
    }

    [Fact]
    public void Jagged_and_2D_arrays_that_are_not_differentiated_are_passed_in_and_Backward_keeps_its_own_signature()
    {
        using CompiledAssembly assembly = Compile();
        Assert.Equal(new[] { 30.0, 6, 12 }, (double[])assembly.InvokeStatic("Demo.Driver", "Scaled")!);
    }

    [Fact]
    public void The_public_entries_take_the_jagged_arrays_and_wrap_internal_ones_taking_their_rows_and_row_starts()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        string generated = run.GeneratedSources["Demo.Net.Pick.g.cs"];
        Assert.Contains("public static double PickForward(double[][] w, int row, int column, out PickTape tape)", generated);
        Assert.Contains("public static void PickBackward(in PickTape tape, double seed, double[][] dw)", generated);
        Assert.Contains("public static double PickValueAndGradient(double[][] w, int row, int column, double[][] dw)", generated);
        Assert.Contains("internal static double PickValueAndGradient(global::System.ReadOnlySpan<double> w, global::System.ReadOnlySpan<int> wRowStarts, int row, int column, global::System.Span<double> dw)", generated);
        string scaled = run.GeneratedSources["Demo.Net.Scaled.g.cs"];
        Assert.Contains("public static void ScaledBackward(in ScaledTape tape, double seed, ref double dx)", scaled);
    }
}
