using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Loops whose iterations save values for the reverse sweep into slots of one region reserved before the loop
/// (KeptSlots: a counted loop with no loop inside it), and searches that start at an element of the array they search
/// (LastWriteLoops without a flag). <see cref="Slotted"/> and <see cref="Unflagged"/> name the cases where each must
/// apply; the near misses (nests, a while loop, a loop that may break) are in neither, and must keep pushing.
/// </summary>
public static class SlotCases
{
    private static double[] P(params double[] values) => values;

    /// <summary>Cases whose fused entry keeps some saves in a loop's slots (a <c>loopNSaves</c> region).</summary>
    public static readonly IReadOnlyCollection<string> Slotted = new HashSet<string>
    {
        "SiblingLoops", "SiblingLoopThatNeverRuns", "CountingDownAndInclusive", "SavesInBothBranches",
        "KeptExponentialAndDestroyedValue", "LoopCallingACallee", "FloatLoop", "LoopThatNeverRuns",
    };

    /// <summary>Cases whose search needs no flag: the variable starts as an element of the array searched.</summary>
    public static readonly IReadOnlyCollection<string> Unflagged = new HashSet<string>
    {
        "SearchFromTheFirstElement", "MinimumFromALaterElement", "ForeachSearch", "SearchFromTheLastElement",
    };

    // One source for two cases: m iterations that may be none, then d more, each saving what it overwrites.
    private const string SiblingLoops = """
            [Differentiable]
            public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int m)
            {
                int d = w.Length;
                double s = 0.5;
                double total = 0;
                for (int i = 0; i < m; i++)
                {
                    s = Math.Sin(s + x[i]);
                }

                for (int j = 0; j < d; j++)
                {
                    s = s * w[j] + Math.Cos(s);
                    total = 0.5 * total + s * s;
                }

                return total;
            }
        """;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // Near miss, ADBench's GMM shape: row is overwritten in every (c, j). A region's span would stay live across the
        // inner loops: a nest keeps pushing.
        SpanDriver.Case("NestOverwritingARow", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
                {
                    int d = w.Length;
                    int k = x.Length / d;
                    double total = 0;
                    double row = 0;
                    for (int c = 0; c < k; c++)
                    {
                        for (int j = 0; j < d; j++)
                        {
                            row = w[j] * x[c * d + j];
                            for (int i = 0; i < j; i++)
                            {
                                row += w[i] * x[c * d + i];
                            }

                            total = 0.5 * total + row * row;
                        }
                    }

                    return total + row;
                }
            """, new[] { Span("x", 6), Span("w", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1),
            P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9)),

        // Two loops, each with a region of its own.
        SpanDriver.Case("SiblingLoops", SiblingLoops, new[] { Span("x", 2), Span("w", 3), Fixed("m", "2") },
            P(0.5, -1, 0.3, 0.2, -0.4), P(-0.3, 0.7, 1.2, 0.1, 0.9)),

        // m = -1: the first loop never runs, and its region is empty (its trip count is clamped at 0, not taken as -1).
        SpanDriver.Case("SiblingLoopThatNeverRuns", SiblingLoops, new[] { Span("x", 2), Span("w", 3), Fixed("m", "-1") },
            P(0.5, -1, 0.3, 0.2, -0.4), P(-0.3, 0.7, 1.2, 0.1, 0.9)),

        // Counting down from a start that is not 0, and an inclusive bound from 2: each slot's ordinal is its distance from the start.
        SpanDriver.Case("CountingDownAndInclusive", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    int n = x.Length;
                    double s = y;
                    for (int i = n - 1; i >= 1; i--)
                    {
                        s = Math.Sin(s * x[i] + i);
                        s = s * x[i - 1] + Math.Cos(s);
                    }

                    for (int j = 2; j <= 3; j++)
                    {
                        s = Math.Sin(s * j + x[0]);
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, -1, 0.3, 0.8, 0.2), P(1.1, 0.7, -0.6, 0.4, -0.9)),

        // A slot for each branch's save: the reverse reads the one of the branch that ran.
        SpanDriver.Case("SavesInBothBranches", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] > 0)
                        {
                            s = Math.Sin(s) * x[i];
                        }
                        else
                        {
                            s = s * s + x[i];
                        }
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, -1, 0.3, -0.8, 0.7), P(-1.1, 0.7, 0.6, -0.4, 1.2)),

        // One statement keeps two values: the exponential it computes and the value of s it destroys.
        SpanDriver.Case("KeptExponentialAndDestroyedValue", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = Math.Exp(s * x[i]) - s;
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.4), P(-0.2, 0.7, 0.6, -0.3)),

        // Near miss: a while loop inside (its trips are recorded); the counted loop keeps pushing.
        SpanDriver.Case("WhileLoopInsideACountedLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = Math.Sin(s) + x[i];
                        int left = i + 1;
                        while (left > 0)
                        {
                            s = s * Math.Cos(s);
                            left -= 2;
                        }
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.4), P(-0.2, 0.7, 0.6, -0.3)),

        // A call in the loop (an early return keeps the callee from being inlined): the region is reserved on the stack
        // itself, and the callee's partials are pushed above it.
        SpanDriver.Case("LoopCallingACallee", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = Math.Sin(s) * G(s + x[i]);
                    }

                    return s;
                }

                [Differentiable]
                public static double G(double a)
                {
                    if (a > 10)
                    {
                        return a;
                    }

                    return a * Math.Cos(a);
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.4), P(-0.2, 0.7, 0.6, -0.3)),

        // Near miss: the inner loop's bound changes from one outer iteration to the next.
        SpanDriver.Case("InnerBoundAssignedInTheOuterLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        int m = i % 2 + 1;
                        for (int j = 0; j < m; j++)
                        {
                            s = Math.Sin(s * x[i]);
                        }

                        s = s * Math.Cos(s) + x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.4), P(-0.2, 0.7, 0.6, -0.3)),

        // Near miss: a triangular nest, the inner bound the outer counter.
        SpanDriver.Case("TriangularNest", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        for (int j = 0; j < i; j++)
                        {
                            s = Math.Sin(s + x[j]);
                        }

                        s = s * s * x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, -1, 0.3, 0.4, 0.9), P(-0.2, 0.7, 0.6, -0.3, 1.1)),

        // The loop never runs (no points): a region of length 0, and a gradient of 0 but for y.
        SpanDriver.Case("LoopThatNeverRuns", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    int n = x.Length / 4;
                    double s = y;
                    for (int c = 0; c < n; c++)
                    {
                        s = Math.Sin(s * x[c]) + x[c];
                    }

                    return s * y;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.4), P(-0.2, 0.7, 0.6, -0.3)),

        // Near miss: a loop that may break records its trips; its saves stay pushes.
        SpanDriver.Case("LoopThatMayBreak", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] > 5)
                        {
                            break;
                        }

                        s = Math.Sin(s) * x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.4), P(-0.2, 7, 0.6, -0.3)),

        new NumericCase("FloatLoop", """
                [Differentiable]
                public static float F(ReadOnlySpan<float> x, float y)
                {
                    float s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = MathF.Sin(s * x[i]) + s * s;
                    }

                    return s;
                }

                public static double FReference(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = Math.Sin(s * x[i]) + s * s;
                    }

                    return s;
                }
            """,
            new[] { CaseParameter.Active("x0"), CaseParameter.Active("x1"), CaseParameter.Active("x2"), CaseParameter.Active("y") },
            new[] { P(0.5, -1, 0.3, 0.7), P(0.2, 0.4, -0.3, -0.4) },
            IsFloat: true,
            CustomDriver: """
                public static double Value(double[] a) => Case_FloatLoop.F(new[] { (float)a[0], (float)a[1], (float)a[2] }, (float)a[3]);

                public static double Reference(double[] a) => Case_FloatLoop.FReference(new[] { a[0], a[1], a[2] }, a[3]);

                public static double[] Fused(double[] a)
                {
                    var g = new float[] { 7, 7, 7 };
                    float value = Case_FloatLoop.FValueAndGradient(new[] { (float)a[0], (float)a[1], (float)a[2] }, (float)a[3], g, out float dy);
                    return new double[] { value, g[0], g[1], g[2], dy };
                }

                public static double[] ForwardBackwardTwice(double[] a)
                {
                    var g = new float[3];
                    float dy = 0;
                    float value = Case_FloatLoop.FForward(new[] { (float)a[0], (float)a[1], (float)a[2] }, (float)a[3], out var tape);
                    Case_FloatLoop.FBackward(in tape, 1, g, ref dy);
                    Case_FloatLoop.FBackward(in tape, 2, g, ref dy);
                    tape.Dispose();
                    return new double[] { value, g[0], g[1], g[2], dy };
                }
            """),

        // Searches. The variable starts as the element at the start of the loop: no flag, the repeated write always runs.
        SpanDriver.Case("SearchFromTheFirstElement", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double m = v[0];
                    for (int i = 1; i < v.Length; i++)
                    {
                        if (v[i] > m)
                        {
                            m = v[i];
                        }
                    }

                    return m * m + v[1];
                }
            """, new[] { Span("v", 4) }, P(0.5, -1, 2, 0.3), P(3, 1, -2, 0.5)),

        // A minimum from index 2, which the loop visits again: the index starts at 2 and the repeated write reads v[2] if
        // nothing is smaller.
        SpanDriver.Case("MinimumFromALaterElement", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double m = v[2];
                    for (int i = 0; i < v.Length; i++)
                    {
                        if (v[i] < m)
                        {
                            m = v[i];
                        }
                    }

                    return Math.Sin(m) * v[0];
                }
            """, new[] { Span("v", 4) }, P(0.5, -1, 2, 0.3), P(3, 1, -2, 0.5)),

        SpanDriver.Case("ForeachSearch", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double m = v[0];
                    foreach (double e in v)
                    {
                        if (e > m)
                        {
                            m = e;
                        }
                    }

                    return m * v[3];
                }
            """, new[] { Span("v", 4) }, P(0.5, -1, 2, 0.3), P(3, 1, -2, 0.5)),

        // Near misses: a variable that starts as something else than the element the search writes keeps the flag.
        SpanDriver.Case("SearchFromAConstant", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double m = 0;
                    for (int i = 0; i < v.Length; i++)
                    {
                        if (v[i] > m)
                        {
                            m = v[i];
                        }
                    }

                    return m * m + v[1];
                }
            """, new[] { Span("v", 4) }, P(0.5, -1, 2, 0.3), P(-3, -1, -2, -0.5)),

        SpanDriver.Case("SearchFromAnotherArray", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v, ReadOnlySpan<double> u)
                {
                    double m = u[0];
                    for (int i = 0; i < v.Length; i++)
                    {
                        if (v[i] > m)
                        {
                            m = v[i];
                        }
                    }

                    return m * u[1];
                }
            """, new[] { Span("v", 3), Span("u", 2) }, P(0.5, -1, 2, 0.3, 1.5), P(-3, -1, -2, -0.5, 0.7)),

        SpanDriver.Case("SearchWritingAScaledElement", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double m = v[0];
                    for (int i = 1; i < v.Length; i++)
                    {
                        if (2 * v[i] > m)
                        {
                            m = 2 * v[i];
                        }
                    }

                    return m * v[0];
                }
            """, new[] { Span("v", 4) }, P(0.5, -1, 2, 0.3), P(3, 1, -2, 0.5)),

        // The start index is an expression of what the loop leaves alone.
        SpanDriver.Case("SearchFromTheLastElement", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double m = v[v.Length - 1];
                    for (int i = 0; i < v.Length - 1; i++)
                    {
                        if (v[i] > m)
                        {
                            m = v[i];
                        }
                    }

                    return m * v[0];
                }
            """, new[] { Span("v", 4) }, P(0.5, -1, 2, 0.3), P(-3, -1, -2, 0.5)),
    };
}
