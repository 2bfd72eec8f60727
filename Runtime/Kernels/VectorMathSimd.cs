using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoDiffGen.Kernels;

/// <summary>
/// The vector operations the VectorMath cores need, abstracted over register width so each function's
/// algorithm is written once (per element type) and instantiated for Vector512 and Vector256. Calls go
/// through static abstract members on structs, so the JIT inlines them into plain vector instructions.
/// </summary>
internal interface ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    static abstract int Count { get; }
    static abstract TVec Load(ref readonly T source, nuint offset);
    static abstract void Store(TVec value, ref T destination, nuint offset);
    static abstract TVec Splat(T value);
    static abstract TVec Add(TVec a, TVec b);
    static abstract TVec Sub(TVec a, TVec b);
    static abstract TVec Mul(TVec a, TVec b);
    static abstract TVec Div(TVec a, TVec b);
    /// <summary>a·b + c with one rounding.</summary>
    static abstract TVec Fma(TVec a, TVec b, TVec c);
    /// <summary>Round to nearest integer, ties to even.</summary>
    static abstract TVec Round(TVec x);
    static abstract TVec Floor(TVec x);
    /// <summary>Hardware min/max: cheap, but NaN handling is unspecified, so callers restore NaN themselves.</summary>
    static abstract TVec MinNative(TVec a, TVec b);
    static abstract TVec MaxNative(TVec a, TVec b);
    static abstract TVec Abs(TVec x);
    static abstract TVec CopySign(TVec magnitude, TVec sign);
    static abstract TVec IsNaN(TVec x);
    static abstract TVec LessThan(TVec a, TVec b);
    static abstract bool LessThanAny(TVec a, TVec b);
    static abstract TVec EqualTo(TVec a, TVec b);
    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TVec Select(TVec mask, TVec whenTrue, TVec whenFalse);
    /// <summary>2^k for integer-valued lanes k within the normal exponent range.</summary>
    static abstract TVec Pow2(TVec k);
    /// <summary>
    /// Splits a positive normal x into m·2^e with m in [√½, √2): returns m, and e as a floating-point vector.
    /// </summary>
    static abstract TVec SplitExponent(TVec x, out TVec exponent);
}

/// <summary>The 512-bit instantiation (AVX-512).</summary>
internal readonly struct Simd512<T> : ISimd<Vector512<T>, T>
    where T : unmanaged
{
    public static int Count => Vector512<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nuint offset) => Vector512.LoadUnsafe(in source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Splat(T value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sub(Vector512<T> a, Vector512<T> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Mul(Vector512<T> a, Vector512<T> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Div(Vector512<T> a, Vector512<T> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c) => VectorFma.Fma(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Round(Vector512<T> x)
        => typeof(T) == typeof(float) ? Vector512.Round(x.AsSingle()).As<float, T>() : Vector512.Round(x.AsDouble()).As<double, T>();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Floor(Vector512<T> x)
        => typeof(T) == typeof(float) ? Vector512.Floor(x.AsSingle()).As<float, T>() : Vector512.Floor(x.AsDouble()).As<double, T>();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MinNative(Vector512<T> a, Vector512<T> b) => Vector512.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaxNative(Vector512<T> a, Vector512<T> b) => Vector512.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs(Vector512<T> x) => Vector512.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> CopySign(Vector512<T> magnitude, Vector512<T> sign) => Vector512.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> IsNaN(Vector512<T> x) => Vector512.IsNaN(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThan(Vector512<T> a, Vector512<T> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThanAny(Vector512<T> a, Vector512<T> b) => Vector512.LessThanAny(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> EqualTo(Vector512<T> a, Vector512<T> b) => Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Select(Vector512<T> mask, Vector512<T> whenTrue, Vector512<T> whenFalse)
        => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Pow2(Vector512<T> k)
    {
        // Adding 2^p + bias puts k + bias in the low mantissa bits; shifting them into the exponent field gives 2^k.
        if (typeof(T) == typeof(float))
        {
            Vector512<float> biased = k.AsSingle() + Vector512.Create(8388608f + 127f);
            return Vector512.ShiftLeft(biased.AsInt32(), 23).As<int, T>();
        }
        Vector512<double> biasedD = k.AsDouble() + Vector512.Create(4503599627370496.0 + 1023.0);
        return Vector512.ShiftLeft(biasedD.AsInt64(), 52).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> SplitExponent(Vector512<T> x, out Vector512<T> exponent)
    {
        // Subtracting the bit pattern of √½ makes the exponent field count from [√½, √2) rather than [1, 2).
        if (typeof(T) == typeof(float))
        {
            Vector512<int> bits = x.AsInt32();
            Vector512<int> e = Vector512.ShiftRightArithmetic(bits - Vector512.Create(0x3F3504F3), 23);
            exponent = Vector512.ConvertToSingle(e).As<float, T>();
            return (bits - Vector512.ShiftLeft(e, 23)).As<int, T>();
        }
        Vector512<long> bitsD = x.AsInt64();
        Vector512<long> eD = Vector512.ShiftRightArithmetic(bitsD - Vector512.Create(0x3FE6A09E667F3BCDL), 52);
        exponent = Vector512.ConvertToDouble(eD).As<double, T>();
        return (bitsD - Vector512.ShiftLeft(eD, 52)).As<long, T>();
    }
}

/// <summary>The 256-bit instantiation (AVX2, and Arm64 via the JIT's 2×128 lowering where available).</summary>
internal readonly struct Simd256<T> : ISimd<Vector256<T>, T>
    where T : unmanaged
{
    public static int Count => Vector256<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source, nuint offset) => Vector256.LoadUnsafe(in source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Splat(T value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sub(Vector256<T> a, Vector256<T> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Mul(Vector256<T> a, Vector256<T> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Div(Vector256<T> a, Vector256<T> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c) => VectorFma.Fma(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Round(Vector256<T> x)
        => typeof(T) == typeof(float) ? Vector256.Round(x.AsSingle()).As<float, T>() : Vector256.Round(x.AsDouble()).As<double, T>();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Floor(Vector256<T> x)
        => typeof(T) == typeof(float) ? Vector256.Floor(x.AsSingle()).As<float, T>() : Vector256.Floor(x.AsDouble()).As<double, T>();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MinNative(Vector256<T> a, Vector256<T> b) => Vector256.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MaxNative(Vector256<T> a, Vector256<T> b) => Vector256.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Abs(Vector256<T> x) => Vector256.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> CopySign(Vector256<T> magnitude, Vector256<T> sign) => Vector256.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> IsNaN(Vector256<T> x) => Vector256.IsNaN(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThan(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThanAny(Vector256<T> a, Vector256<T> b) => Vector256.LessThanAny(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> EqualTo(Vector256<T> a, Vector256<T> b) => Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Select(Vector256<T> mask, Vector256<T> whenTrue, Vector256<T> whenFalse)
        => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Pow2(Vector256<T> k)
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<float> biased = k.AsSingle() + Vector256.Create(8388608f + 127f);
            return Vector256.ShiftLeft(biased.AsInt32(), 23).As<int, T>();
        }
        Vector256<double> biasedD = k.AsDouble() + Vector256.Create(4503599627370496.0 + 1023.0);
        return Vector256.ShiftLeft(biasedD.AsInt64(), 52).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> SplitExponent(Vector256<T> x, out Vector256<T> exponent)
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<int> bits = x.AsInt32();
            Vector256<int> e = Vector256.ShiftRightArithmetic(bits - Vector256.Create(0x3F3504F3), 23);
            exponent = Vector256.ConvertToSingle(e).As<float, T>();
            return (bits - Vector256.ShiftLeft(e, 23)).As<int, T>();
        }
        Vector256<long> bitsD = x.AsInt64();
        Vector256<long> eD = Vector256.ShiftRightArithmetic(bitsD - Vector256.Create(0x3FE6A09E667F3BCDL), 52);
        exponent = Vector256.ConvertToDouble(eD).As<double, T>();
        return (bitsD - Vector256.ShiftLeft(eD, 52)).As<long, T>();
    }
}
