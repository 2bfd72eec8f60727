using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AutoDiffGen.Kernels;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// Is the divider (vdivps) worth replacing in the float tanh and sigmoid cores? The same cores run with every division
/// done by the divider (the library's path) and by an AVX-512 reciprocal estimate refined by one Newton step on the
/// quotient, beside an add over the same 1M floats: one process, trials interleaved, best of each.
/// </summary>
internal static class DivisionVariantProbe
{
    public static void Run()
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512F.IsSupported)
        {
            Console.WriteLine("no Vector512 hardware: the AVX-512 reciprocal estimate cannot be compared here");
            return;
        }
        (float[] x, float[] y, float[] destination) = ElementwiseProbe.Inputs();
        Action[] variants =
        [
            () => TensorPrimitives.Add(x, y, destination),
            () => Apply<EstimateSimd512>(x, destination, tanh: true),
            () => Apply<Simd512<float>>(x, destination, tanh: true),
            () => Apply<EstimateSimd512>(x, destination, tanh: false),
            () => Apply<Simd512<float>>(x, destination, tanh: false),
        ];
        string[] names = ["add", "tanh, reciprocal estimate", "tanh, divider", "sigmoid, reciprocal estimate", "sigmoid, divider"];
        double[] best = new double[variants.Length];
        Array.Fill(best, double.MaxValue);
        foreach (Action variant in variants)
        {
            variant();
        }
        for (int trial = 0; trial < 41; trial++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < 5; r++)
                {
                    variants[v]();
                }
                best[v] = Math.Min(best[v], Stopwatch.GetElapsedTime(start).TotalMilliseconds / 5);
            }
        }
        Console.WriteLine($"{"1M floats, best of 41 interleaved",-34} {"ms",7} {"÷ add",7}");
        for (int v = 0; v < variants.Length; v++)
        {
            Console.WriteLine($"{names[v],-34} {best[v],7:F3} {best[v] / best[0],7:F2}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<S>(float[] x, float[] destination, bool tanh)
        where S : ISimd<Vector512<float>, float>
    {
        for (int i = 0; i + 16 <= x.Length; i += 16)
        {
            Vector512<float> v = Vector512.Create(x.AsSpan(i, 16));
            Vector512<float> result = tanh
                ? VectorMathFloatCores<Vector512<float>, S>.Tanh(v)
                : VectorMathFloatCores<Vector512<float>, S>.Sigmoid(v);
            result.CopyTo(destination.AsSpan(i, 16));
        }
    }

    /// <summary>
    /// The library's AVX-512 operations, except that division is a 14-bit reciprocal estimate r plus one Newton step on
    /// the quotient, q = q0 + r·(n − q0·d) with q0 = n·r (a multiply and two FMAs; accurate to about 2^-28 before rounding
    /// for the normal divisors tanh and sigmoid produce).
    /// </summary>
    private readonly struct EstimateSimd512 : ISimd<Vector512<float>, float>
    {
        public static int Count => Simd512<float>.Count;
        public static Vector512<float> Load(ref readonly float source, nuint offset) => Simd512<float>.Load(in source, offset);
        public static void Store(Vector512<float> value, ref float destination, nuint offset) => Simd512<float>.Store(value, ref destination, offset);
        public static Vector512<float> Splat(float value) => Simd512<float>.Splat(value);
        public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
        public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
        public static Vector512<float> Div(Vector512<float> n, Vector512<float> d)
        {
            Vector512<float> r = Avx512F.Reciprocal14(d);
            Vector512<float> q0 = n * r;
            return Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(-q0, d, n), r, q0);
        }
        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Simd512<float>.Fma(a, b, c);
        public static Vector512<float> Round(Vector512<float> x) => Simd512<float>.Round(x);
        public static Vector512<float> Floor(Vector512<float> x) => Simd512<float>.Floor(x);
        public static Vector512<float> MinNative(Vector512<float> a, Vector512<float> b) => Simd512<float>.MinNative(a, b);
        public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Simd512<float>.MaxNative(a, b);
        public static Vector512<float> Abs(Vector512<float> x) => Simd512<float>.Abs(x);
        public static Vector512<float> CopySign(Vector512<float> magnitude, Vector512<float> sign) => Simd512<float>.CopySign(magnitude, sign);
        public static Vector512<float> IsNaN(Vector512<float> x) => Simd512<float>.IsNaN(x);
        public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Simd512<float>.LessThan(a, b);
        public static bool LessThanAny(Vector512<float> a, Vector512<float> b) => Simd512<float>.LessThanAny(a, b);
        public static Vector512<float> EqualTo(Vector512<float> a, Vector512<float> b) => Simd512<float>.EqualTo(a, b);
        public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse)
            => Simd512<float>.Select(mask, whenTrue, whenFalse);
        public static Vector512<float> Pow2(Vector512<float> k) => Simd512<float>.Pow2(k);
        public static Vector512<float> SplitExponent(Vector512<float> x, out Vector512<float> exponent)
            => Simd512<float>.SplitExponent(x, out exponent);
    }
}
