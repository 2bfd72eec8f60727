using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Callees that write the elements of a collection they are given (Inlining/WriterInliner): void helpers filling a local
/// array, a caller's output span or a view of either; called in loops, in branches, with double buffers, from one
/// another and with one array passed twice; returning a value as well. Each is checked against finite differences
/// through the fused entry and through Forward + Backward.
/// </summary>
public static class WriterCases
{
    private static double[] P(params double[] values) => values;

    // y = tanh(W x), W row-major with x.Length columns: the helper every small network is made of.
    private const string Layer = """
            [Differentiable]
            public static void Layer(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    double s = 0;
                    for (int j = 0; j < x.Length; j++)
                    {
                        s += w[i * x.Length + j] * x[j];
                    }

                    y[i] = Math.Tanh(s);
                }
            }
        """;

    private const string Dot = """
            [Differentiable]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    s += a[i] * b[i];
                }

                return s;
            }
        """;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // A void helper fills a local array the caller then reads.
        SpanDriver.Case("LayerIntoALocalArray", Layer + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
                {
                    double[] h = new double[3];
                    Layer(w, x, h);
                    double s = 0;
                    foreach (double v in h) s += v * v * x[0];
                    return s;
                }
            """, new[] { Span("w", 6), Span("x", 2) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.9, 0.6), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4, -0.5, 1.1)),

        // A recurrent step written into the other buffer, then the buffers swapped: the helper is given views of one buffer.
        SpanDriver.Case("RecurrentStepsIntoSwappedBuffers", Layer + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> start, int steps)
                {
                    double[] current = new double[start.Length];
                    double[] next = new double[start.Length];
                    for (int i = 0; i < start.Length; i++) current[i] = start[i];
                    for (int s = 0; s < steps; s++)
                    {
                        Layer(w, current, next);
                        next[0] += current[1];
                        (current, next) = (next, current);
                    }

                    return current[0] * current[1] + next[1];
                }
            """, new[] { Span("w", 4), Span("start", 2), Fixed("steps", "3") }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4)),

        // A writer that also returns a value, used as a local's initializer, as an assignment's value (= and -=) and as a statement.
        SpanDriver.Case("WriterReturningAValue", """
                [Differentiable]
                public static double Normalize(ReadOnlySpan<double> x, Span<double> unit)
                {
                    double norm = 0;
                    for (int i = 0; i < x.Length; i++) norm += x[i] * x[i];
                    norm = Math.Sqrt(norm);
                    for (int i = 0; i < x.Length; i++) unit[i] = x[i] / norm;
                    return norm;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] u = new double[x.Length];
                    double n = Normalize(x, u);
                    double total = n * u[0];
                    u[1] *= y;
                    total = Normalize(u, u);
                    Normalize(x, u);
                    total -= Normalize(u, u);
                    return total + u[2] * y + n;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.1)),

        // A loss summed over samples, each through a layer into a scratch array: the loop the generator differentiates one
        // iteration at a time, with the writer's statements in each iteration.
        SpanDriver.Case("LayerPerSampleInASumLoop", Layer + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> v, ReadOnlySpan<double> samples)
                {
                    double[] h = new double[3];
                    double loss = 0;
                    for (int p = 0; p < samples.Length / 2; p++)
                    {
                        Layer(w, samples.Slice(2 * p, 2), h);
                        double output = 0;
                        for (int i = 0; i < h.Length; i++) output += v[i] * h[i];
                        loss += (output - 0.5) * (output - 0.5);
                    }

                    return loss;
                }
            """, new[] { Span("w", 6), Span("v", 3), Span("samples", 4) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.9, 0.6, -0.3, 1.5, -0.7, 0.2, 0.4),
            P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4, -0.5, 1.1, 0.8, -1.2, 0.3, 0.9, -0.6)),

        // ref and out scalars of void helpers: out locals declared in the call, a value parameter read from the variable
        // passed by ref (copied at the call, as C# copies it), and a helper adding into the caller's total.
        SpanDriver.Case("RefAndOutScalars", """
                [Differentiable]
                public static void Polar(double r, double angle, out double x, out double y)
                {
                    x = r * Math.Cos(angle);
                    y = r * Math.Sin(angle);
                }

                [Differentiable]
                public static void Rotate(ref double x, ref double y, double angle)
                {
                    double c = Math.Cos(angle), s = Math.Sin(angle);
                    double rotated = c * x - s * y;
                    y = s * x + c * y;
                    x = rotated;
                }

                [Differentiable]
                public static void AddScaled(ref double target, double value, double scale) => target += value * scale;

                [Differentiable]
                public static double F(double r, double angle, ReadOnlySpan<double> turns)
                {
                    Polar(r, angle, out double x, out var y);
                    foreach (double t in turns) Rotate(ref x, ref y, t * x);
                    double total = 0;
                    AddScaled(ref total, x, y);
                    AddScaled(ref total, total, 0.5);
                    return total + y;
                }
            """, new[] { Scalar("r"), Scalar("angle"), Span("turns", 2) }, P(1.5, 0.3, 0.2, -0.7), P(0.8, -1.1, 0.5, 0.9)),

        // A writer calling writers: the intermediate buffer is the caller's, passed down.
        SpanDriver.Case("WritersCallingWriters", Layer + """
                [Differentiable]
                public static void TwoLayers(ReadOnlySpan<double> w1, ReadOnlySpan<double> w2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> y)
                {
                    Layer(w1, x, hidden);
                    Layer(w2, hidden, y);
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> w1, ReadOnlySpan<double> w2, ReadOnlySpan<double> x)
                {
                    double[] hidden = new double[2];
                    double[] y = new double[1];
                    TwoLayers(w1, w2, x, hidden, y);
                    return y[0] * hidden[1];
                }
            """, new[] { Span("w1", 4), Span("w2", 2), Span("x", 2) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.9, 0.6), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4, -0.5, 1.1)),

        // One array passed both as what the callee reads and as what it writes, as C# allows: each element is read before
        // the callee writes it, except y[i - 1], already written, which the callee reads on purpose.
        SpanDriver.Case("OneArrayReadAndWritten", """
                [Differentiable]
                public static void Smooth(ReadOnlySpan<double> source, Span<double> target, double weight)
                {
                    for (int i = 1; i < target.Length; i++)
                    {
                        target[i] = source[i] * (1 - weight) + weight * source[i - 1];
                    }
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double weight)
                {
                    double[] h = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) h[i] = x[i] * x[i];
                    Smooth(h, h, weight);
                    Smooth(h, h, weight * weight);
                    return h[1] + h[2] * h[3];
                }
            """, new[] { Span("x", 4), Scalar("weight") }, P(0.5, -1, 0.3, 0.8, 0.25), P(-0.3, 0.7, 1.2, -0.1, 0.6)),

        // Writers in branches and in a loop, one of them adding into what it writes (its old values matter).
        SpanDriver.Case("WritersInBranchesAndLoops", """
                [Differentiable]
                public static void Rectify(Span<double> values)
                {
                    for (int i = 0; i < values.Length; i++)
                    {
                        if (values[i] < 0) values[i] = 0.1 * values[i];
                    }
                }

                [Differentiable]
                public static void AddScaled(Span<double> target, ReadOnlySpan<double> x, double scale)
                {
                    for (int i = 0; i < target.Length; i++) target[i] += scale * x[i];
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double scale)
                {
                    double[] h = new double[x.Length];
                    for (int round = 0; round < 3; round++)
                    {
                        AddScaled(h, x, scale * (round + 1));
                        if (h[0] > 0.2) Rectify(h);
                        else AddScaled(h, h, -0.5);
                    }

                    return h[0] * h[1] + h[2] - h[1];
                }
            """, new[] { Span("x", 3), Scalar("scale") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // The caller passes its own output span: it writes it through the callee, so its entries take it as Span and its
        // gradient is with respect to the values the span held before the call (the callee adds to them).
        SpanDriver.Case("CallersOutputSpanWritten", """
                [Differentiable]
                public static void Accumulate(ReadOnlySpan<double> x, Span<double> total)
                {
                    for (int i = 0; i < total.Length; i++) total[i] += x[i] * x[i] - total[i] * 0.5;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> output)
                {
                    Accumulate(x, output);
                    Accumulate(x, output);
                    return output[0] * output[1] + Math.Exp(output[1]);
                }
            """, new[] { Span("x", 2), Span("output", 2, "Span") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.1)),

        // Views as arguments (a slice of a local array and of the caller's span), and inside the writer, views of its own
        // parameters passed on, read by element and iterated with foreach.
        SpanDriver.Case("ViewsPassedToAndTakenInAWriter", Dot + """
                [Differentiable]
                public static void Project(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
                {
                    int n = x.Length;
                    for (int i = 0; i < y.Length; i++)
                    {
                        y[i] = Dot(w.Slice(i * n, n), x) + y[i] * x[0];
                    }

                    double last = 0;
                    foreach (double v in y[1..]) last += v * v;
                    y[0] += last;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
                {
                    double[] h = new double[4];
                    h[0] = x[1];
                    Project(w.Slice(2, 4), x, h.AsSpan(1, 2));
                    Span<double> tail = h.AsSpan(2);
                    Project(w, x.Slice(0, 2), tail);
                    return h[0] + h[1] * h[2] + h[3];
                }
            """, new[] { Span("w", 6), Span("x", 2) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.9, 0.6), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4, -0.5, 1.1)),

        // A writer with a scratch array of its own, called once outside loops and once per sample in a loop: there its array
        // is made once before the loop and cleared where the writer declared it. The writer adds into its scratch array, so
        // an array not cleared each time round would give another value and gradient.
        SpanDriver.Case("WriterWithAScratchArrayPerSample", """
                [Differentiable]
                public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
                {
                    double[] e = new double[x.Length];
                    double total = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        e[i] += Math.Exp(x[i]);
                        total += e[i];
                    }

                    for (int i = 0; i < y.Length; i++) y[i] = e[i] / total;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> samples)
                {
                    double[] p = new double[x.Length];
                    Softmax(x, p);
                    double s = p[0];
                    for (int k = 0; k < samples.Length; k++)
                    {
                        double[] shifted = new double[x.Length];
                        for (int i = 0; i < x.Length; i++) shifted[i] = x[i] * samples[k];
                        Softmax(shifted, p);
                        s += p[1] * samples[k];
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Span("samples", 2) }, P(0.5, -1, 0.3, 0.8, -0.6), P(-0.3, 0.7, 1.2, -0.4, 1.5)),

        // A writer's arrays in a branch and in its own loop (which its own parse moves before that loop), the writer called
        // outside loops and in a loop whose branch condition changes.
        SpanDriver.Case("WriterScratchArraysInABranchAndItsLoop", """
                [Differentiable]
                public static void Smooth(ReadOnlySpan<double> x, Span<double> y, bool twice)
                {
                    for (int i = 0; i < y.Length; i++) y[i] = x[i];
                    if (twice)
                    {
                        double[] middles = new double[2];
                        for (int pass = 0; pass < 2; pass++)
                        {
                            double[] before = new double[y.Length];
                            for (int i = 0; i < y.Length; i++) before[i] += y[i];
                            for (int i = 1; i < y.Length - 1; i++) y[i] = 0.25 * before[i - 1] + 0.5 * before[i] + 0.25 * before[i + 1];
                            middles[pass] += y[1];
                        }

                        y[0] = middles[0] * middles[1];
                    }
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double scale)
                {
                    double[] y = new double[x.Length];
                    double[] z = new double[x.Length];
                    Smooth(x, y, true);
                    double s = y[0] + y[2];
                    for (int r = 0; r < 3; r++)
                    {
                        y[1] *= scale;
                        Smooth(y, z, r != 1);
                        s += z[0] * z[1] + z[2];
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("scale") }, P(0.5, -1, 0.3, 0.8, 1.3), P(-0.3, 0.7, 1.2, -0.4, 0.6)),

        // A writer calling a writer whose scratch array is on the stack, in a caller's loop that swaps its buffers.
        SpanDriver.Case("NestedWriterScratchInALoopWithSwaps", """
                [Differentiable]
                public static void Normalize(ReadOnlySpan<double> x, Span<double> y)
                {
                    Span<double> squares = stackalloc double[x.Length];
                    double total = 1e-3;
                    for (int i = 0; i < x.Length; i++)
                    {
                        squares[i] += x[i] * x[i];
                        total += squares[i];
                    }

                    for (int i = 0; i < x.Length; i++) y[i] = x[i] / Math.Sqrt(total);
                }

                [Differentiable]
                public static void Step(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
                {
                    Normalize(x, y);
                    for (int i = 0; i < y.Length; i++) y[i] = Math.Tanh(w[i] * y[i] + x[i]);
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> x, int steps)
                {
                    double[] a = new double[x.Length];
                    double[] b = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) a[i] = x[i];
                    double s = 0;
                    for (int k = 0; k < steps; k++)
                    {
                        Step(w, a, b);
                        s += b[0] * b[2];
                        (a, b) = (b, a);
                    }

                    return s + a[1];
                }
            """, new[] { Span("w", 3), Span("x", 3), Fixed("steps", "3") }, P(0.5, -1, 0.3, 0.8, -0.6, 0.2), P(-0.3, 0.7, 1.2, -0.4, 1.5, 0.9)),

        // A writer's 2-D scratch array, called in a loop: its elements are made once before the loop and cleared each time
        // round, its extents read from the call's arguments.
        SpanDriver.Case("WriterWithA2DScratchArrayInALoop", """
                [Differentiable]
                public static void Products(ReadOnlySpan<double> x, Span<double> y)
                {
                    double[,] m = new double[x.Length, 2];
                    for (int i = 0; i < x.Length; i++)
                    {
                        m[i, 0] += x[i];
                        m[i, 1] += x[i] * x[(i + 1) % x.Length];
                    }

                    for (int i = 0; i < y.Length; i++) y[i] = m[i, 0] * m[i, 1] + m[x.Length - 1 - i, 0];
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double s)
                {
                    double[] y = new double[x.Length];
                    double t = 0;
                    for (int k = 0; k < 3; k++)
                    {
                        Products(x, y);
                        t += y[1] * s + y[k] * y[0];
                    }

                    return t;
                }
            """, new[] { Span("x", 3), Scalar("s") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // FB-20: a writer's value parameter passed by ref to a writer it calls is the writer's own copy. Given a constant,
        // inlining threw (ADG0099); given the caller's variable, the inner writer's assignment changed that variable.
        SpanDriver.Case("ValueParameterPassedByRefInsideAWriter", """
                [Differentiable]
                public static void Bump(Span<double> u, ref double r)
                {
                    r = r * 2 + u[0];
                    u[1] += r;
                }

                [Differentiable]
                public static void Outer(Span<double> u, double b, double a)
                {
                    Bump(u, ref b);
                    u[0] += b * a;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] h = new double[2];
                    h[0] = x[0];
                    h[1] = x[1];
                    Outer(h, 1.25, y);
                    Outer(h, y, y);
                    return h[0] * h[1] + y * x[1];
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, -1, 0.3), P(-0.3, 0.7, 1.2)),
    };
}
