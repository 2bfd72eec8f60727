using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// The push/pop stack that code generated for loops saves overwritten values on (Tapenade's PUSH/POP):
/// floating values in one growable array, ints and bools in another. Not for hand-written code.
/// </summary>
/// <remarks>
/// <para>Fused <c>MValueAndGradient</c> entries use <see cref="ForCurrentThread"/>: one stack per thread,
/// used strictly last-in first-out, so nested and recursive gradient calls share it and a method pops
/// exactly what it pushed. Its arrays only grow, so a warmed-up entry allocates nothing.</para>
/// <para><c>MForward</c> takes a stack of its own from <see cref="Rent"/> and keeps it in the returned tape;
/// <c>MBackward</c> replays it (between <see cref="Mark"/> and <see cref="Reset"/>, so it can run again)
/// and the tape's <c>Dispose</c> gives it back with <see cref="Return"/>.</para>
/// </remarks>
public sealed class TapeStack
{
    private const int InitialCapacity = 256;

    [ThreadStatic] private static TapeStack? t_current;
    // Stacks given back on this thread, reused by Rent: a few, so that nested rents (a value-only call inside a
    // Forward, see Isolate) allocate nothing once warmed up.
    [ThreadStatic] private static List<TapeStack>? t_spares;
    private const int MaxSpares = 8;

    private double[] _values = new double[InitialCapacity];
    private int[] _integers = new int[InitialCapacity];
    private int _valueCount;
    private int _integerCount;
    private bool _rented;

    /// <summary>The calling thread's stack for fused gradient entries.</summary>
    public static TapeStack ForCurrentThread => t_current ??= new TapeStack();

    /// <summary>A stack for one tape: empty, owned by the caller until <see cref="Return"/>.</summary>
    public static TapeStack Rent()
    {
        List<TapeStack>? spares = t_spares;
        TapeStack stack;
        if (spares is { Count: > 0 })
        {
            stack = spares[spares.Count - 1];
            spares.RemoveAt(spares.Count - 1);
        }
        else
        {
            stack = new TapeStack();
        }

        stack._valueCount = 0;
        stack._integerCount = 0;
        stack._rented = true;
        return stack;
    }

    /// <summary>Gives a rented stack back; returning it twice (a copied tape disposed twice) is harmless.</summary>
    public static void Return(TapeStack? stack)
    {
        if (stack is null || !stack._rented)
        {
            return;
        }

        stack._rented = false;
        List<TapeStack> spares = t_spares ??= new List<TapeStack>();
        if (spares.Count < MaxSpares)
        {
            spares.Add(stack);
        }
    }

    /// <summary>
    /// Makes a rented stack the calling thread's stack until <see cref="EndIsolation"/>, and returns the one it replaces.
    /// A generated <c>MValue</c> runs in isolation: the caller may be between popping a span of its stack and reading
    /// it, so nothing the call does may push onto that stack.
    /// </summary>
    public static TapeStack Isolate()
    {
        TapeStack caller = ForCurrentThread;
        t_current = Rent();
        return caller;
    }

    /// <summary>Gives back the stack <see cref="Isolate"/> rented and makes <paramref name="caller"/> the thread's stack again.</summary>
    public static void EndIsolation(TapeStack caller)
    {
        TapeStack? isolated = t_current;
        t_current = caller;
        Return(isolated);
    }

    /// <summary>How many values each part holds (for tests and diagnostics).</summary>
    public int Count => _valueCount + _integerCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double value)
    {
        // One compare on the hot path: it is the bounds check too; growing is out of line.
        double[] values = _values;
        int count = _valueCount;
        if ((uint)count < (uint)values.Length)
        {
            values[count] = value;
            _valueCount = count + 1;
        }
        else
        {
            PushGrowing(value);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PushGrowing(double value)
    {
        Array.Resize(ref _values, _values.Length * 2);
        _values[_valueCount++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(float value) => Push((double)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(int value)
    {
        int[] integers = _integers;
        int count = _integerCount;
        if ((uint)count < (uint)integers.Length)
        {
            integers[count] = value;
            _integerCount = count + 1;
        }
        else
        {
            PushGrowing(value);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PushGrowing(int value)
    {
        Array.Resize(ref _integers, _integers.Length * 2);
        _integers[_integerCount++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(bool value) => Push(value ? 1 : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PopDouble() => _values[--_valueCount];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float PopFloat() => (float)_values[--_valueCount];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PopInt() => _integers[--_integerCount];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool PopBool() => _integers[--_integerCount] != 0;

    /// <summary>
    /// Space for <paramref name="length"/> doubles on top of the stack (for a callee's partials), until <see cref="Release"/>,
    /// or <see cref="Keep"/> then <see cref="PopSpan"/>. Pushes made meanwhile go above it; if they grow the stack, the
    /// span keeps pointing at the previous array, which only its holder uses, so it stays valid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<double> Reserve(int length)
    {
        double[] values = _values;
        int count = _valueCount;
        // A negative length is huge as a uint, so it takes the slow path too, which reports it.
        if ((uint)length > (uint)(values.Length - count))
        {
            values = ReserveGrowing(length);
        }

        _valueCount = count + length;
        return new Span<double>(values, count, length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double[] ReserveGrowing(int length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"TapeStack.Reserve: length {length} is negative.");
        }

        Array.Resize(ref _values, Math.Max(_values.Length * 2, _valueCount + length));
        return _values;
    }

    /// <summary>
    /// Keeps <paramref name="reserved"/>, a span taken with <see cref="Reserve"/> and since filled (by a callee's gradient
    /// entry), as saved values for <see cref="PopSpan"/>. <paramref name="reservedAfter"/> is how many doubles were
    /// reserved after it (a call with several span partials reserves them one after another, then keeps each where it
    /// was reserved). If the stack grew meanwhile, the span still points at the previous array: its values are copied
    /// to where the stack now holds them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Keep(ReadOnlySpan<double> reserved, int reservedAfter = 0)
    {
        Span<double> slot = _values.AsSpan(_valueCount - reservedAfter - reserved.Length, reserved.Length);
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(slot), ref MemoryMarshal.GetReference(reserved)))
        {
            reserved.CopyTo(slot);
        }
    }

    /// <summary>
    /// Pops the last <paramref name="length"/> doubles as one span (what <see cref="Keep"/> saved). The span reads the
    /// stack's array: use it before the next push.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<double> PopSpan(int length)
    {
        _valueCount -= length;
        return _values.AsSpan(_valueCount, length);
    }

    /// <summary>Gives back the last <paramref name="length"/> doubles taken with <see cref="Reserve"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(int length) => _valueCount -= length;

    // A region holds copies an array's fill writes once per iteration of a loop (see the generator's FillLoop): reserved
    // before the loop, it is named by where it starts, not by a span, because pushes made during the loop may move the
    // stack to a larger array; each iteration takes its slice from the array current at that moment.

    /// <summary>
    /// Reserves <paramref name="length"/> doubles on top of the stack and returns where they start; <see cref="Region"/>
    /// gives a slice of them and <see cref="Release"/> gives them back.
    /// </summary>
    public int ReserveRegion(int length)
    {
        int start = _valueCount;
        Reserve(length);
        return start;
    }

    /// <summary>As <see cref="ReserveRegion"/>, on the lent array of floating values (see <see cref="LendValues"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReserveRegionInto(ref double[] values, ref int count, int length)
    {
        // Inlined, with the growth out of line and its array returned, as PushInto: a lent local passed by ref to a call
        // that stays a call would have to live in memory for the whole loop nest.
        int start = count;
        if ((uint)length > (uint)(values.Length - start))
        {
            values = GrowForRegion(values, start, length);
        }

        count = start + length;
        return start;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double[] GrowForRegion(double[] values, int count, int length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"TapeStack.ReserveRegionInto: length {length} is negative.");
        }

        Array.Resize(ref values, Math.Max(Math.Max(InitialCapacity, values.Length * 2), count + length));
        return values;
    }

    /// <summary>
    /// As <see cref="Reserve"/>, on the lent array of floating values: for a region whose span the caller holds until it
    /// releases it (pushes that move the stack to a larger array leave the span, and what it holds, where they were).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<double> ReserveInto(scoped ref double[] values, scoped ref int count, int length)
    {
        int start = ReserveRegionInto(ref values, ref count, length);
        return new Span<double>(values, start, length);
    }

    /// <summary><paramref name="length"/> doubles of a region from <paramref name="start"/>, in the stack's current array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<double> Region(int start, int length) => new(_values, start, length);

    // Generated code for a loop that makes no call pushes and pops through the stack's arrays lent to locals: the JIT
    // keeps a local array and count in registers across the loop, whereas the fields of this object it must load
    // and store again around every push and pop. Between a lend and its take-back nothing else may use the stack.

    /// <summary>Lends the array of floating values and their count; <see cref="TakeBackValues"/> returns them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double[] LendValues(out int count)
    {
        count = _valueCount;
        return _values;
    }

    /// <summary>Takes back what <see cref="LendValues"/> lent, after pushes (<see cref="PushInto(ref double[], ref int, double)"/>) or pops through it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void TakeBackValues(double[] values, int count)
    {
        // Once per loop nest, at its end (often once per outer iteration): inlined, with the throw out of line.
        if (values is null || (uint)count > (uint)values.Length)
        {
            ThrowTakeBackOutOfRange("TakeBackValues", count, values?.Length);
        }

        _values = values;
        _valueCount = count;
    }

    /// <summary>Lends the array of ints and bools and their count; <see cref="TakeBackIntegers"/> returns them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int[] LendIntegers(out int count)
    {
        count = _integerCount;
        return _integers;
    }

    /// <summary>Takes back what <see cref="LendIntegers"/> lent, after pushes (<see cref="PushInto(ref int[], ref int, int)"/>) or pops through it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void TakeBackIntegers(int[] integers, int count)
    {
        // Once per loop nest, at its end (often once per outer iteration): inlined, with the throw out of line.
        if (integers is null || (uint)count > (uint)integers.Length)
        {
            ThrowTakeBackOutOfRange("TakeBackIntegers", count, integers?.Length);
        }

        _integers = integers;
        _integerCount = count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowTakeBackOutOfRange(string method, int count, int? length) =>
        throw new ArgumentOutOfRangeException(nameof(count), $"TapeStack.{method}: count {count} is outside the lent array's length {length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(null)"}.");

    /// <summary>Pushes onto a lent array of floating values, growing it (a new array, which the take-back installs) when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PushInto(ref double[] values, ref int count, double value)
    {
        // As Push: one compare on the hot path, which is the bounds check too; growing is out of line.
        int at = count;
        if ((uint)at < (uint)values.Length)
        {
            values[at] = value;
        }
        else
        {
            // The grown array comes back as a result: passing the local by ref would pin it to memory for the whole loop.
            values = GrowAndStore(values, at, value);
        }

        count = at + 1;
    }

    /// <summary>Pushes onto a lent array of ints, growing it (a new array, which the take-back installs) when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PushInto(ref int[] integers, ref int count, int value)
    {
        // As Push: one compare on the hot path, which is the bounds check too; growing is out of line.
        int at = count;
        if ((uint)at < (uint)integers.Length)
        {
            integers[at] = value;
        }
        else
        {
            // The grown array comes back as a result: passing the local by ref would pin it to memory for the whole loop.
            integers = GrowAndStore(integers, at, value);
        }

        count = at + 1;
    }

    /// <summary>Pushes a branch decision onto a lent array of ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PushInto(ref int[] integers, ref int count, bool value) => PushInto(ref integers, ref count, value ? 1 : 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] GrowAndStore<T>(T[] array, int at, T value)
    {
        Array.Resize(ref array, Math.Max(Math.Max(InitialCapacity, array.Length * 2), at + 1));
        array[at] = value;
        return array;
    }

    /// <summary>The current depth, to come back to with <see cref="Reset"/> after a replay.</summary>
    public TapeMark Mark() => new(_valueCount, _integerCount);

    /// <summary>Restores the depth of <paramref name="mark"/>; the values above it are still in the arrays, so a tape can be replayed.</summary>
    public void Reset(TapeMark mark)
    {
        if (mark.Values > _values.Length || mark.Integers > _integers.Length || mark.Values < 0 || mark.Integers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mark), $"TapeStack.Reset: mark ({mark.Values}, {mark.Integers}) is outside the stack's capacity ({_values.Length}, {_integers.Length}).");
        }

        _valueCount = mark.Values;
        _integerCount = mark.Integers;
    }
}

/// <summary>A depth of a <see cref="TapeStack"/>: how many floating values and how many integers it held.</summary>
public readonly record struct TapeMark(int Values, int Integers);
