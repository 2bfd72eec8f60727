using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// An exception passing through a loop method's entries leaves nothing behind: the per-thread stack keeps its depth,
/// a tape can be replayed after a Backward that threw, and a warmed-up entry still allocates nothing.
/// </summary>
public sealed class EntryExceptionSafetyTests
{
    private const string Kernels = """
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            // Reads x[i + shift]: an index out of range for a large shift, after saves have been pushed.
            [Differentiable]
            public static double Shifted(ReadOnlySpan<double> x, int shift)
            {
                double[] t = new double[x.Length];
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    t[i] = Math.Exp(x[i]);
                    s += t[i] * Positive(x[(i + shift) % 7]);
                }

                return s * t[0];
            }

            // A callee that throws for a negative argument, called inside the caller's loop.
            [Differentiable]
            public static double Positive(double v)
            {
                if (v < -5) throw new ArgumentOutOfRangeException(nameof(v), "too negative");
                return v * v;
            }
        }
        """;

    private const string Driver = """
        using System;
        using AutoDiffGen.CompilerServices;
        public static class SafetyDriver
        {
            // [thrown, depth before, depth after, allocated after, max |fused − replayed| over the gradient]
            public static double[] Run()
            {
                double[] x = { 0.1, 0.2, -0.3, 0.4, 0.5, 0.6, 0.7 }, tooNegative = { 0.1, -9, 0.3, 0.4, 0.5, 0.6, 0.7 };
                double[] shortX = { 0.1, 0.2, 0.3 };
                var gradient = new double[7];
                for (int i = 0; i < 3; i++) Demo.Kernels.ShiftedValueAndGradient(x, 1, gradient);
                int depth = TapeStack.ForCurrentThread.Count;
                int thrown = 0;
                for (int i = 0; i < 3; i++)
                {
                    try { Demo.Kernels.ShiftedValueAndGradient(tooNegative, 1, gradient); } catch (ArgumentOutOfRangeException) { thrown++; }
                    try { Demo.Kernels.ShiftedValueAndGradient(shortX, 1, new double[3]); } catch (IndexOutOfRangeException) { thrown++; }
                    try { Demo.Kernels.ShiftedForward(shortX, 1, out var none); } catch (IndexOutOfRangeException) { thrown++; }
                }

                int depthAfter = TapeStack.ForCurrentThread.Count;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++) Demo.Kernels.ShiftedValueAndGradient(x, 1, gradient);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

                // A Backward refused for a wrong gradient length must leave the tape as it was.
                Demo.Kernels.ShiftedForward(x, 1, out var tape);
                try { Demo.Kernels.ShiftedBackward(in tape, 1.0, new double[3]); } catch (ArgumentException) { thrown++; }
                var replayed = new double[7];
                Demo.Kernels.ShiftedBackward(in tape, 1.0, replayed);
                tape.Dispose();
                Demo.Kernels.ShiftedValueAndGradient(x, 1, gradient);
                double worst = 0;
                for (int i = 0; i < 7; i++) worst = Math.Max(worst, Math.Abs(gradient[i] - replayed[i]));
                return new double[] { thrown, depth, depthAfter, allocated, worst };
            }
        }
        """;

    [Fact]
    public void Exceptions_through_the_entries_leave_the_stack_the_pools_and_the_tape_as_they_were()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels, Driver);
        Assert.Empty(run.CompilerErrors);
        using CompiledAssembly assembly = run.EmitAndLoad();
        double[] result = (double[])assembly.InvokeStatic("SafetyDriver", "Run")!;
        Assert.Equal(10, result[0]);
        Assert.Equal(result[1], result[2]);
        Assert.Equal(0, result[3]);
        Assert.True(result[4] < 1e-12, $"Backward replayed after a refused call differs from the fused gradient by {result[4]}");
    }
}
