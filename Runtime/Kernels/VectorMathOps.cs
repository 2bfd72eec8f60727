using System;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Kernels;

/// <summary>An elementwise function of one input: its vector form at any width and its scalar form.</summary>
internal interface IUnaryMathOp<T>
    where T : unmanaged
{
    static abstract string Name { get; }
    static abstract T Scalar(T x);
    static abstract TVec Vector<TVec, S>(TVec x)
        where TVec : struct
        where S : ISimd<TVec, T>;
}

/// <summary>An elementwise function of two inputs (an activation's output and the incoming gradient).</summary>
internal interface IBinaryMathOp<T>
    where T : unmanaged
{
    static abstract string Name { get; }
    static abstract T Scalar(T y, T grad);
    static abstract TVec Vector<TVec, S>(TVec y, TVec grad)
        where TVec : struct
        where S : ISimd<TVec, T>;
}

internal readonly struct ExpFloatOp : IUnaryMathOp<float>
{
    public static string Name => "Exp";
    public static float Scalar(float x) => MathF.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, float>
        => VectorMathFloatCores<TVec, S>.Exp(x);
}

internal readonly struct TanhFloatOp : IUnaryMathOp<float>
{
    public static string Name => "Tanh";
    public static float Scalar(float x) => MathF.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, float>
        => VectorMathFloatCores<TVec, S>.Tanh(x);
}

internal readonly struct SigmoidFloatOp : IUnaryMathOp<float>
{
    public static string Name => "Sigmoid";
    public static float Scalar(float x) => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, float>
        => VectorMathFloatCores<TVec, S>.Sigmoid(x);
}

internal readonly struct LogFloatOp : IUnaryMathOp<float>
{
    public static string Name => "Log";
    public static float Scalar(float x) => MathF.Log(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, float>
        => VectorMathFloatCores<TVec, S>.Log(x);
}

internal readonly struct ExpDoubleOp : IUnaryMathOp<double>
{
    public static string Name => "Exp";
    public static double Scalar(double x) => Math.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, double>
        => VectorMathDoubleCores<TVec, S>.Exp(x);
}

internal readonly struct TanhDoubleOp : IUnaryMathOp<double>
{
    public static string Name => "Tanh";
    public static double Scalar(double x) => Math.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, double>
        => VectorMathDoubleCores<TVec, S>.Tanh(x);
}

internal readonly struct SigmoidDoubleOp : IUnaryMathOp<double>
{
    public static string Name => "Sigmoid";
    public static double Scalar(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, double>
        => VectorMathDoubleCores<TVec, S>.Sigmoid(x);
}

internal readonly struct LogDoubleOp : IUnaryMathOp<double>
{
    public static string Name => "Log";
    public static double Scalar(double x) => Math.Log(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec x) where TVec : struct where S : ISimd<TVec, double>
        => VectorMathDoubleCores<TVec, S>.Log(x);
}

/// <summary>grad·(1 − y²), the derivative of tanh expressed through its output y.</summary>
internal readonly struct TanhBackwardOp<T> : IBinaryMathOp<T>
    where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
{
    public static string Name => "TanhBackward";
    public static T Scalar(T y, T grad) => grad * (T.One - y * y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec y, TVec grad) where TVec : struct where S : ISimd<TVec, T>
        => S.Mul(grad, S.Fma(S.Sub(S.Splat(T.Zero), y), y, S.Splat(T.One)));
}

/// <summary>grad·y·(1 − y), the derivative of the logistic sigmoid expressed through its output y.</summary>
internal readonly struct SigmoidBackwardOp<T> : IBinaryMathOp<T>
    where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
{
    public static string Name => "SigmoidBackward";
    public static T Scalar(T y, T grad) => grad * y * (T.One - y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Vector<TVec, S>(TVec y, TVec grad) where TVec : struct where S : ISimd<TVec, T>
        => S.Mul(S.Mul(grad, y), S.Sub(S.Splat(T.One), y));
}
