using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// What the entries of a method taking 2-D arrays do beyond its gradient (<see cref="Array2DCases"/>): C#'s exceptions (an
/// index outside its own dimension throws even inside the flat length; a gradient of another shape is refused), the entries'
/// signatures, and the constructs that are refused, where they stand.
/// </summary>
public sealed class Array2DEntryTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    private const string Source = Usings + """
        namespace Demo
        {
            public static partial class Grid
            {
                [Differentiable]
                public static double Made(double x, int rows)
                {
                    double[,] m = new double[rows, 2];
                    m[0, 1] = x * x;
                    return m[0, 1] + m.Length;
                }

                [Differentiable]
                public static double Corner(double[,] a, int column)
                {
                    double s = a[0, column];
                    for (int i = 0; i < a.GetLength(0); i++)
                    {
                        s += a[i, 0] * a[i, a.GetLength(1) - 1];
                    }

                    return s;
                }
            }

            public static class Driver
            {
                public static double Value(int column) => Grid.Corner(new double[2, 3], column);

                public static double Fused(int column) => Grid.CornerValueAndGradient(new double[2, 3], column, new double[2, 3]);

                public static double Forward(int column)
                {
                    double value = Grid.CornerForward(new double[2, 3], column, out Grid.CornerTape tape);
                    tape.Dispose();
                    return value;
                }

                public static double MadeValue(int rows) => Grid.Made(2, rows);

                public static double MadeFused(int rows) => Grid.MadeValueAndGradient(2, rows, out _);

                public static double MadeForward(int rows)
                {
                    double value = Grid.MadeForward(2, rows, out Grid.MadeTape tape);
                    tape.Dispose();
                    return value;
                }

                /// <summary>Bytes the fused entry allocates over 100 calls once warmed up.</summary>
                public static long AllocatedByFused()
                {
                    var a = new double[3, 4];
                    var da = new double[3, 4];
                    for (int warm = 0; warm < 3; warm++) Grid.CornerValueAndGradient(a, 1, da);
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int call = 0; call < 100; call++) Grid.CornerValueAndGradient(a, 1, da);
                    return GC.GetAllocatedBytesForCurrentThread() - before;
                }

                public static double FusedWithGradientOfShape(int rows, int columns) =>
                    Grid.CornerValueAndGradient(new double[2, 3], 0, new double[rows, columns]);

                public static double BackwardWithGradientOfShape(int rows, int columns)
                {
                    double value = Grid.CornerForward(new double[2, 3], 0, out Grid.CornerTape tape);
                    try
                    {
                        Grid.CornerBackward(in tape, 1.0, new double[rows, columns]);
                        return value;
                    }
                    finally
                    {
                        tape.Dispose();
                    }
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

    [Fact]
    public void An_index_outside_its_own_dimension_throws_from_every_entry_even_inside_the_flat_length()
    {
        using CompiledAssembly assembly = Compile();
        // Column 3 of a 2 × 3 array is flat element 3, in range; C# throws, and so must the entries.
        foreach (string entry in new[] { "Value", "Fused", "Forward" })
        {
            Assert.Equal(0.0, (double)assembly.InvokeStatic("Demo.Driver", entry, 2)!);
            Assert.Throws<IndexOutOfRangeException>(() => assembly.InvokeStatic("Demo.Driver", entry, 3));
            Assert.Throws<IndexOutOfRangeException>(() => assembly.InvokeStatic("Demo.Driver", entry, -1));
        }
    }

    [Fact]
    public void A_local_2D_array_with_a_negative_extent_throws_OverflowException_from_every_entry_as_new_does()
    {
        using CompiledAssembly assembly = Compile();
        foreach (string entry in new[] { "MadeValue", "MadeFused", "MadeForward" })
        {
            Assert.Equal(8.0, (double)assembly.InvokeStatic("Demo.Driver", entry, 2)!);
            Assert.Throws<OverflowException>(() => assembly.InvokeStatic("Demo.Driver", entry, -1));
        }
    }

    [Fact]
    public void The_fused_entry_taking_2D_arrays_allocates_nothing_once_warmed_up()
    {
        using CompiledAssembly assembly = Compile();
        Assert.Equal(0L, (long)assembly.InvokeStatic("Demo.Driver", "AllocatedByFused")!);
    }

    [Theory]
    [InlineData("FusedWithGradientOfShape", "CornerValueAndGradient")]
    [InlineData("BackwardWithGradientOfShape", "CornerBackward")]
    public void A_gradient_of_another_shape_is_refused_naming_the_entry_the_argument_and_both_shapes(string driver, string entry)
    {
        using CompiledAssembly assembly = Compile();
        assembly.InvokeStatic("Demo.Driver", driver, 2, 3);
        // Six elements either way: only the shape tells them apart.
        ArgumentException refused = Assert.Throws<ArgumentException>(() => assembly.InvokeStatic("Demo.Driver", driver, 3, 2));
        Assert.Equal("da", refused.ParamName);
        Assert.StartsWith($"{entry}: the gradient of 'a' has shape [3, 2] but 'a' has shape [2, 3]", refused.Message);
    }

    [Fact]
    public void The_public_entries_take_the_arrays_and_wrap_internal_ones_taking_their_elements_and_extents()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        string generated = run.GeneratedSources["Demo.Grid.Corner.g.cs"];
        Assert.Contains("public static double CornerForward(double[,] a, int column, out CornerTape tape) =>", generated);
        Assert.Contains("public static void CornerBackward(in CornerTape tape, double seed, double[,] da)", generated);
        Assert.Contains("public static double CornerValueAndGradient(double[,] a, int column, double[,] da)", generated);
        Assert.Contains("internal static double CornerValueAndGradient(global::System.ReadOnlySpan<double> a, int aRows, int aColumns, int column, global::System.Span<double> da)", generated);
        Assert.Contains("a[global::AutoDiffGen.CompilerServices.Arrays2D.ElementIndex(0, column, aRows, aColumns)]", generated);
    }

    // Not [Differentiable]: it has no entries that generated code could give a 2-D array's elements to.
    private const string Callee = """
            public static double Sum(double[,] m)
            {
                double s = 0;
                foreach (double v in m) s += v;
                return s;
            }
        """;

    [Theory]
    [InlineData("double[,] m = new double[2, 2]; m[0, 0] = x; return Other.Sum([|m|]);", "ADG0010", "a 2-D array can be passed only to [Differentiable] methods of this compilation (generated code passes its elements and extents to their generated entries); 'Sum' is not one")]
    [InlineData("double s = 0; for (int i = 0; i < 2; i++) { double[,] [|m = new double[2, i + 1]|]; m[0, 0] = x; s += m[0, 0]; } return s;", "ADG0005", "with a length that changes in the loop ('i' is assigned in it)")]
    [InlineData("double[,] m = new double[2, 2]; double[,] [|n = m|]; return x;", "ADG0005", "create it with new double[rows, columns]")]
    [InlineData("double[,] m = new double[2, 2]; m[0, 0] = x; return m[0, 0] * [|m.GetLength(2)|];", "ADG0010", "call GetLength with the constant 0 (rows) or 1 (columns)")]
    public void A_construct_that_cannot_work_with_a_2D_array_is_refused_where_it_stands(string body, string id, string reason)
    {
        string source = Usings + "public static partial class Other\n{\n" + Callee + "}\n\npublic static partial class Functions\n{\n" +
                        "    [Differentiable]\n    public static double F(double x)\n    {\n        " + body + "\n    }\n}\n";
        Diagnostic diagnostic = DiagnosticAssert.Single(source, id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_jagged_array_of_other_than_double_or_float_rows_is_refused_by_name()
    {
        Diagnostic diagnostic = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static double F(double x, [|double[][][] rows|]) => x;
            }
            """, "ADG0002");
        Assert.Contains("'double[][][]' (of jagged arrays, only double[][] and float[][]: use one of those, a rectangular T[,]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
