using System;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// The checks a span view makes, for generated code that reads a view's elements straight from the span it views.
/// A source local <c>ReadOnlySpan&lt;double&gt; row = w.Slice(start, length)</c> becomes two ints, its start and length, and
/// <c>row[j]</c> becomes <c>w[rowStart + j]</c>: these keep the exceptions the source's <c>Slice</c> and indexer throw, and
/// <c>CopyTo</c>'s for a destination too short (a CopyTo is a loop of stores in generated code).
/// </summary>
public static class SpanViews
{
    /// <summary>
    /// Returns <paramref name="length"/> when <c>Slice(start, length)</c> of a span of <paramref name="baseLength"/>
    /// elements is in range; throws <see cref="ArgumentOutOfRangeException"/> where that <c>Slice</c> would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ViewLength(int baseLength, int start, int length)
    {
        // The unsigned sum cannot wrap: both are below 2^32.
        if ((ulong)(uint)start + (uint)length > (uint)baseLength)
        {
            ThrowSliceOutOfRange();
        }

        return length;
    }

    /// <summary>Returns <paramref name="index"/> when it indexes a view of <paramref name="length"/> elements; throws <see cref="IndexOutOfRangeException"/> where the view's indexer would.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ViewIndex(int index, int length)
    {
        if ((uint)index >= (uint)length)
        {
            ThrowIndexOutOfRange();
        }

        return index;
    }

    /// <summary>
    /// Returns <paramref name="sourceLength"/> when a span of that many elements fits at the start of one of
    /// <paramref name="destinationLength"/>; throws the <see cref="ArgumentException"/> <c>CopyTo</c> throws otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CopyLength(int sourceLength, int destinationLength)
    {
        if ((uint)sourceLength > (uint)destinationLength)
        {
            ThrowDestinationTooShort();
        }

        return sourceLength;
    }

    private static void ThrowDestinationTooShort() => throw new ArgumentException("Destination is too short.", "destination");

    // The exceptions Span's Slice and indexer throw, with their messages, so a view's failure reads as the source's would.
    private static void ThrowSliceOutOfRange() => throw new ArgumentOutOfRangeException();

    private static void ThrowIndexOutOfRange() => throw new IndexOutOfRangeException();
}
