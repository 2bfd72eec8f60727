using System.Linq;
using AutoDiffGen.Generator.Tests.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Snapshots;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Local arrays declared inside loops (the gradients: LoopCases "ArrayDeclaredInLoop" and "StackallocInNestedLoops"):
/// declared once before the outermost loop and zero-filled in place, when their length is the same every time round.
/// </summary>
public sealed class ArraysInLoopsTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    private const string ScratchPerPoint = Usings + """
        public static partial class Kernels
        {
            [Differentiable]
            public static double SumOfSquaredDistances(ReadOnlySpan<double> points, ReadOnlySpan<double> centre)
            {
                int d = centre.Length;
                double total = 0;
                for (int p = 0; p < points.Length / d; p++)
                {
                    double[] offset = new double[d];
                    for (int j = 0; j < d; j++)
                    {
                        offset[j] = points[p * d + j] - centre[j];
                    }

                    double squared = 0;
                    for (int j = 0; j < d; j++)
                    {
                        squared += offset[j] * offset[j];
                    }

                    total += Math.Sqrt(squared);
                }

                return total;
            }
        }
        """;

    [Fact]
    public void ScratchArrayDeclaredInLoop() => GeneratedCode.Verify(ScratchPerPoint, nameof(ScratchArrayDeclaredInLoop));

    [Fact]
    public void A_sum_loop_with_a_scratch_array_declared_inside_takes_the_per_iteration_path()
    {
        GeneratorRun run = GeneratorHarness.Run(ScratchPerPoint);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("SumOfSquaredDistancesLoop", run.GeneratedSources.Single().Value);
    }

    [Theory]
    [InlineData("double[] [|t = new double[i + 1]|];", "'i' is assigned in it")]
    [InlineData("double[] [|t = new double[Count(x)]|];", "with a call in its length")]
    [InlineData("double[] a = new double[2]; a[0] = 1; double[] [|t = new double[(int)a[0] + 1]|];", "'a' is assigned in it")]
    [InlineData("int m = i + 1; double[] [|t = new double[m]|];", "'m' is assigned in it")]
    [InlineData("int m = x.Length; m--; double[] [|t = new double[m]|];", "'m' is assigned in it")]
    [InlineData("int m = x.Length; double[] [|t = new double[m + Count(x)]|];", "with a call in its length")]
    public void An_array_whose_length_is_not_the_same_every_time_round_is_reported(string declaration, string reason)
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                public static int Count(ReadOnlySpan<double> v) => v.Length;

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        
            """ + declaration + """

                        t[0] = x[i];
                        s += t[0] * t[0];
                    }

                    return s;
                }
            }
            """, "ADG0005");
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void Two_arrays_of_one_name_in_one_loop_nest_are_reported()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < 2; i++)
                    {
                        for (int j = 0; j < 2; j++) { double[] t = new double[2]; t[0] = x[j]; s += t[0]; }
                        for (int j = 0; j < 2; j++) { double[] [|t = new double[2]|]; t[1] = x[j]; s += t[1] * s; }
                    }

                    return s;
                }
            }
            """, "ADG0005");
        Assert.Contains("a second array named 't' in one loop nest", d.GetMessage());
    }
}
