using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Loops;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;
using static AutoDiffGen.Generator.Tests.Numeric.Cases;

namespace AutoDiffGen.Generator.Tests.Throws;

/// <summary>A method that validates its input, with points where it returns and points where it throws.</summary>
public sealed record ThrowCase(NumericCase Numeric, IReadOnlyList<double[]> ThrowingPoints)
{
    public string Name => Numeric.Name;

    public override string ToString() => Name;
}

/// <summary>
/// Validation throws where numeric code writes them: before a straight-line formula, in a switch section, before a loop,
/// inside a loop body, in a switch inside a loop, in a loop shaped like a reduction, next to a local array, and in a callee.
/// </summary>
public static class ThrowCases
{
    private static readonly CaseParameter[] XYN = { CaseParameter.Active("x"), CaseParameter.Active("y"), CaseParameter.Fixed("n", "N") };

    private static ThrowCase Case(NumericCase numeric, params double[][] throwing) => new(numeric, throwing);

    public static readonly IReadOnlyList<ThrowCase> All = new[]
    {
        // Straight-line (the SSA lowering): the throwing branch is no input of the join after the if.
        Case(Full("StraightLineValidation", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be positive");
                    double r = Math.Log(x) * y;
                    if (r > 50) throw new InvalidOperationException("r = " + r.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is too large for y = " + y.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                    return r * r + y;
                }
            """, XY, P(1.5, 2.0), P(0.3, -1.2)), P(-1.0, 2.0), P(0.0, 1.0), P(1e30, 3.0)),

        // A local reassigned on the way: the thrown message reads the value the local has at the throw.
        Case(Full("ThrowReadsReassignedLocal", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double t = x * y;
                    if (t < 0) t = -t;
                    t = t + 1;
                    if (t > 10) throw new ArgumentException($"t = {t} exceeds 10 (x = {x})", nameof(y));
                    return Math.Sqrt(t) * x;
                }
            """, XY, P(1.5, 2.0), P(-0.5, 3.0)), P(4.0, 3.0), P(-4.0, 3.0)),

        Case(new NumericCase("ThrowInSwitchSection_n2", """
                    public const int N = 2;
                    [Differentiable]
                    public static double F(double x, double y, int n)
                    {
                        switch (n)
                        {
                            case 1:
                                return x * y;
                            case 2:
                                if (y == 0) throw new DivideByZeroException($"F: y is zero for n = {n}");
                                return x / y;
                            default:
                                throw new ArgumentOutOfRangeException(nameof(n), n, "n must be 1 or 2");
                        }
                    }
                """, XYN, new[] { P(1.5, 2.0), P(-0.5, 3.0) }), P(1.0, 0.0)),

        Case(new NumericCase("ThrowInSwitchDefault_n5", """
                    public const int N = 5;
                    [Differentiable]
                    public static double F(double x, double y, int n)
                    {
                        switch (n)
                        {
                            case 1:
                                return x * y;
                            default:
                                throw new ArgumentOutOfRangeException(nameof(n), n, "n must be 1");
                        }
                    }
                """, XYN, new double[0][]), P(1.0, 2.0)),

        // The issue's example: validation before a loop over spans.
        Case(SpanDriver.Case("DotWithLengthCheck", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int extra)
                {
                    if (a.Length != b.Length + extra) throw new ArgumentException("a and b must have the same length", nameof(b));
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                    return s;
                }
            """, new[] { Span("a", 3), Span("b", 3), Fixed("extra", "a[0] > 100 ? 1 : 0") }, P(0.5, -1.5, 2.0, 1, 2, 3)), P(200, 1, 1, 1, 1, 1)),

        // A throw inside the loop body, after the loop has saved values (an overwritten local and branch decisions),
        // reading the loop counter (renamed) and an element of the span.
        Case(SpanDriver.Case("ThrowInsideLoopBody", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double p = 1;
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] < 0) throw new ArgumentException($"x[{i}] = {x[i]} is negative (p = {p})", nameof(x));
                        p = p * Math.Sqrt(x[i] + w);
                        if (p > 2) s += p; else s -= p * w;
                    }

                    for (int i = 0; i < x.Length; i++) s += x[i] * p;
                    return s;
                }
            """, new[] { Span("x", 4), Scalar("w") }, P(0.5, 1.5, 2.0, 3.0, 0.7), P(0.1, 0.2, 4, 0.4, 0.3)), P(0.5, 1.5, -2.0, 3.0, 0.7)),

        // Switch expressions without a final discard arm in a loop method (a declaration, an assignment, a return), each
        // with arms the reverse must retrace: the loop form tests the arms before the statement and throws there, as C# does.
        Case(SpanDriver.Case("SwitchExpressionsWithoutDiscardInLoop", """
                #pragma warning disable CS8509 // not exhaustive: on purpose
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double v = x[i] switch { < -1 => Math.Exp(x[i]), >= -1 and < 1 => x[i] * w, >= 1 and < 8 => Math.Log(x[i]) * w };
                        s = s * 0.5 + (i % 2) switch { 0 => v * v, 1 => Math.Sin(v) };
                    }

                    return (s > 0 ? s : -s) switch { < 100 => s * w, >= 100 => Math.Sqrt(s) };
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.5, -2, 3, 1.3), P(-0.5, 2.5, 7, -0.7)), P(0.5, 8.5, 3, 1.3), P(0.5, double.NaN, 3, 1.3)),

        // A switch inside a loop whose default section throws; a while loop, so the trip count is recorded.
        Case(SpanDriver.Case("ThrowInSwitchInsideWhile", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    int i = 0;
                    while (i < x.Length)
                    {
                        int kind = x[i] > 1 ? 1 : x[i] > 0 ? 0 : -1;
                        switch (kind)
                        {
                            case 0: s += x[i] * w; break;
                            case 1: s += Math.Log(x[i]) * s; break;
                            default: throw new InvalidOperationException("negative element at " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }

                        i++;
                    }

                    return s * w;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.5, 1.5, 2.0, 0.7), P(3, 0.2, 0.9, -1.1)), P(0.5, -1.5, 2.0, 0.7)),

        // Shaped like a reduction (a counted loop whose iterations only add to one sum, with an inner loop), but its body
        // can throw: it keeps the ordinary reverse loop (ThrowTests checks no iteration method is generated).
        Case(SpanDriver.Case("ReductionShapedLoopThatThrows", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double total = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double inner = 0;
                        for (int j = 0; j <= i; j++) inner += Math.Exp(x[j] * w);
                        if (inner > 1e6) throw new OverflowException($"inner sum {inner} at i = {i}");
                        total += Math.Log(inner);
                    }

                    return total;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.5, 1.5, 2.0, 0.7), P(-1, 0.2, 0.9, -1.1)), P(0.5, 1.5, 20.0, 0.9)),

        // A local array taken from the pool before the throw: the entry returns it.
        Case(SpanDriver.Case("ThrowAfterLocalArray", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] squares = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) squares[i] = x[i] * x[i];
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (squares[i] > 100) throw new ArgumentOutOfRangeException(nameof(x), "an element's square exceeds " + Limit);
                        s += squares[i] * squares[(i + 1) % x.Length];
                    }

                    return s;
                }

                private const double Limit = 100;
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 2.0), P(1, 2, 3)), P(0.5, -11.5, 2.0)),

        // The throw is in a [Differentiable] callee: the caller's entries pass it on (a scalar caller and a loop caller).
        Case(Full("CalleeThrowsScalarCaller", """
                [Differentiable]
                public static double F(double x, double y) => CheckedScalar.Root(x) * y + CheckedScalar.Root(y);
            """, XY, P(1.5, 2.0), P(0.3, 1.2)) with { OtherTypes = CheckedCallee("CheckedScalar") }, P(-1.0, 2.0), P(1.0, -2.0)),

        Case(SpanDriver.Case("CalleeThrowsInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++) s += CheckedInLoop.Root(x[i]) * w;
                    return s * s;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.5, 1.5, 2.0, 0.7)) with { OtherTypes = CheckedCallee("CheckedInLoop") }, P(0.5, -1.5, 2.0, 0.7)),

        // A span view out of its span's range: every entry throws Slice's ArgumentOutOfRangeException where the view is taken.
        Case(SpanDriver.Case("ViewOutOfRange", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    int start = (int)Math.Floor(y);
                    ReadOnlySpan<double> window = x.Slice(start, 2);
                    return window[0] * window[1] + y * x[0];
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, 1.5, 2.0, 0.7, 1.5), P(0.5, 1.5, 2.0, 0.7, 0.3)),
            P(0.5, 1.5, 2.0, 0.7, 3.5), P(0.5, 1.5, 2.0, 0.7, -0.5)),

        // An index past a view's end but inside the span it views: the view's indexer throws, it does not read the span on.
        Case(SpanDriver.Case("ViewIndexOutOfRange", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    ReadOnlySpan<double> head = x[..2];
                    int k = (int)Math.Floor(y);
                    return head[k] * y;
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, 1.5, 2.0, 0.7, 1.5), P(0.5, 1.5, 2.0, 0.7, 0.3)),
            P(0.5, 1.5, 2.0, 0.7, 2.5), P(0.5, 1.5, 2.0, 0.7, -1.5)),

        // A writer given a view writes past the view's end but inside the array: its statements, inlined, keep the view's check.
        Case(SpanDriver.Case("WriterIndexPastItsView", """
                [Differentiable]
                public static void Put(Span<double> target, double value, int at) => target[at] = value * value;

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] h = new double[4];
                    Put(h.AsSpan(1, 2), x[0] * y, (int)Math.Floor(y));
                    return h[1] + h[2] * x[1] + h[3];
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, 1.5, 1.5), P(0.5, 1.5, 0.3)),
            P(0.5, 1.5, 2.5), P(0.5, 1.5, -0.5)),

        // An element indexed from the end, ^0 past the end of a parameter and ^3 before the start of a view two long: the
        // IndexOutOfRangeException C# throws.
        Case(SpanDriver.Case("IndexFromTheEndOutOfRange", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    int back = (int)Math.Floor(y);
                    ReadOnlySpan<double> tail = x.Slice(1);
                    return x[^back] * y + tail[^back];
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, 1.5, 2.0, 1.5), P(0.5, -1.5, 2.0, 2.2)),
            P(0.5, 1.5, 2.0, 0.5), P(0.5, 1.5, 2.0, 3.5)),

        // Array.Copy's checks, in its order: a negative length, then a source too short; then an array's CopyTo at a negative
        // index. Each throws Array.Copy's exception, message and parameter name before anything is copied.
        Case(SpanDriver.Case("ArrayCopyOutOfRange", """
                [Differentiable]
                public static double F(double[] x, double y)
                {
                    int n = (int)Math.Floor(y);
                    double[] h = new double[4];
                    Array.Copy(x, 1, h, 0, n);
                    x.CopyTo(h, n - 1);
                    return h[0] * h[1] + y;
                }
            """, new[] { Span("x", 3, "Array"), Scalar("y") }, P(0.5, 1.5, 2.0, 1.5), P(0.5, -1.5, 2.0, 1.2)),
            P(0.5, 1.5, 2.0, -0.5), P(0.5, 1.5, 2.0, 3.5), P(0.5, 1.5, 2.0, 0.5)),

        // Array.Fill's range (a count past the end) and Array.Clear's (an index past the end): their exceptions.
        Case(SpanDriver.Case("ArrayFillAndClearOutOfRange", """
                [Differentiable]
                public static double F(double[] x, double y)
                {
                    int n = (int)Math.Floor(y);
                    double[] h = new double[3];
                    Array.Fill(h, y * x[0], n, 2);
                    Array.Clear(h, 2 - n, 2);
                    return h[0] * x[1] + h[1] * y;
                }
            """, new[] { Span("x", 2, "Array"), Scalar("y") }, P(0.5, 1.5, 1.5), P(0.5, -1.5, 1.2)),
            P(0.5, 1.5, 0.5), P(0.5, 1.5, 2.5)),

        // A CopyTo into a view shorter than its source throws C#'s ArgumentException before it copies anything.
        Case(SpanDriver.Case("CopyToADestinationTooShort", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] h = new double[4];
                    x.CopyTo(h.AsSpan(0, (int)Math.Floor(y)));
                    return h[0] * h[1] + h[2] * y;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, 1.5, 2.0, 3.5), P(0.5, -1.5, 2.0, 4.2)),
            P(0.5, 1.5, 2.0, 2.5), P(0.5, 1.5, 2.0, -1.0)),
    };

    private static string CheckedCallee(string type) => "public static partial class " + type + """

        {
            [Differentiable]
            public static double Root(double v)
            {
                if (v < 0) throw new ArgumentOutOfRangeException(nameof(v), v, "Root of a negative number");
                return Math.Sqrt(v);
            }
        }
        """;
}
