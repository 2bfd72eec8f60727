using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// TensorPrimitives' transcendental elementwise methods, called by generated code for their values: the generator cannot
/// reproduce their vectorised approximations with a scalar loop, so it has TensorPrimitives compute them into a scratch
/// array, then stores them into the destination in a loop that it differentiates element by element (keeping the destination's
/// overwritten elements for the reverse sweep, as for any store).
/// <para>
/// TensorPrimitives' value for an element can depend on where the destination lies in memory: it aligns its vector loop to the
/// destination's address, and a vector with an out-of-range lane is computed another way. So each method computes into the part of
/// <c>values</c> (16 elements longer than the operands) that starts at the destination's offset within 64 bytes, with both pinned
/// meanwhile, and returns where that part starts: the values are those the user's call would have written, bit for bit.
/// (A destination not aligned to its element's size, which only reinterpreted memory gives, may not be matched.) The generated
/// code has made TensorPrimitives' argument checks already (<see cref="TensorPrimitiveChecks"/>).
/// </para>
/// </summary>
public static unsafe class TensorPrimitiveValues
{
    /// <summary>How many more elements than the operands <c>values</c> has: room to start at any offset within 64 bytes.</summary>
    public const int Slack = 16;

    public static int Exp<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Exp<T>);

    public static int ExpM1<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.ExpM1<T>);

    public static int Exp2<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Exp2<T>);

    public static int Exp10<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Exp10<T>);

    public static int Log<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Log<T>);

    public static int LogP1<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.LogP1<T>);

    public static int Log2<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Log2<T>);

    public static int Log10<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Log10<T>);

    public static int Sin<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Sin<T>);

    public static int Cos<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Cos<T>);

    public static int Tan<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Tan<T>);

    public static int SinPi<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.SinPi<T>);

    public static int CosPi<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.CosPi<T>);

    public static int TanPi<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.TanPi<T>);

    public static int Asin<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Asin<T>);

    public static int Acos<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Acos<T>);

    public static int Atan<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Atan<T>);

    public static int Sinh<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Sinh<T>);

    public static int Cosh<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Cosh<T>);

    public static int Tanh<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Tanh<T>);

    public static int Asinh<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Asinh<T>);

    public static int Acosh<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Acosh<T>);

    public static int Atanh<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Atanh<T>);

    public static int Cbrt<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Cbrt<T>);

    public static int Sigmoid<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, destination, values, &TensorPrimitives.Sigmoid<T>);

    public static int Log<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> newBase, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary(x, newBase, destination, values, &TensorPrimitives.Log<T>);

    public static int Log<T>(ReadOnlySpan<T> x, T newBase, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        SpanAndValue(x, newBase, destination, values, &TensorPrimitives.Log<T>);

    public static int Pow<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary(x, y, destination, values, &TensorPrimitives.Pow<T>);

    public static int Pow<T>(ReadOnlySpan<T> x, T y, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        SpanAndValue(x, y, destination, values, &TensorPrimitives.Pow<T>);

    public static int Pow<T>(T x, ReadOnlySpan<T> y, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        ValueAndSpan(x, y, destination, values, &TensorPrimitives.Pow<T>);

    public static int Atan2<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary(y, x, destination, values, &TensorPrimitives.Atan2<T>);

    public static int Atan2<T>(ReadOnlySpan<T> y, T x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        SpanAndValue(y, x, destination, values, &TensorPrimitives.Atan2<T>);

    public static int Atan2<T>(T y, ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        ValueAndSpan(y, x, destination, values, &TensorPrimitives.Atan2<T>);

    public static int Hypot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> destination, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary(x, y, destination, values, &TensorPrimitives.Hypot<T>);

    private static int Unary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> destination, Span<T> values, delegate*<ReadOnlySpan<T>, Span<T>, void> method)
        where T : unmanaged
    {
        fixed (T* d = destination, v = values)
        {
            int start = Start(d, v);
            method(x, values.Slice(start, x.Length));
            return start;
        }
    }

    private static int Binary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> destination, Span<T> values,
        delegate*<ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> method) where T : unmanaged
    {
        fixed (T* d = destination, v = values)
        {
            int start = Start(d, v);
            method(x, y, values.Slice(start, x.Length));
            return start;
        }
    }

    private static int SpanAndValue<T>(ReadOnlySpan<T> x, T y, ReadOnlySpan<T> destination, Span<T> values,
        delegate*<ReadOnlySpan<T>, T, Span<T>, void> method) where T : unmanaged
    {
        fixed (T* d = destination, v = values)
        {
            int start = Start(d, v);
            method(x, y, values.Slice(start, x.Length));
            return start;
        }
    }

    private static int ValueAndSpan<T>(T x, ReadOnlySpan<T> y, ReadOnlySpan<T> destination, Span<T> values,
        delegate*<T, ReadOnlySpan<T>, Span<T>, void> method) where T : unmanaged
    {
        fixed (T* d = destination, v = values)
        {
            int start = Start(d, v);
            method(x, y, values.Slice(start, y.Length));
            return start;
        }
    }

    // The first element of values whose address has the destination's offset within 64 bytes (a Vector512's size).
    private static int Start<T>(T* destination, T* values) where T : unmanaged =>
        (int)((((nint)destination & 63) - ((nint)values & 63)) & 63) / sizeof(T);
}
