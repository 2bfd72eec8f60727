using System;
using System.Buffers;
using System.Numerics;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// A jagged array (<c>T[][]</c>) as generated code sees it: its rows laid end to end in one pooled buffer, and where each row
/// starts (one entry more than rows, the last the element count). A row <c>w[i]</c> of the source is the slice from
/// <c>RowStarts[i]</c> to <c>RowStarts[i + 1]</c>, so the generated code reads, saves and differentiates elements exactly as
/// it does those of a 1-D array. The entries taking jagged arrays make one with <see cref="Of"/> for each argument and one
/// with <see cref="GradientOf"/> for each gradient, and give the buffers back with <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Rows are copied, so rows that are one array (<c>w[0] == w[1]</c>) are read correctly; each row's gradient is its own, and
/// <see cref="AddTo"/> and <see cref="CopyTo"/> add them up where the gradient's rows are one array too.
/// </remarks>
public readonly struct JaggedRows<T> : IDisposable
    where T : struct, INumberBase<T>
{
    private readonly T[]? _elements;
    private readonly int[]? _rowStarts;
    private readonly int _count;
    private readonly int _rows;

    private JaggedRows(T[] elements, int[] rowStarts, int count, int rows)
    {
        _elements = elements;
        _rowStarts = rowStarts;
        _count = count;
        _rows = rows;
    }

    /// <summary>The elements, row after row.</summary>
    public Span<T> Elements => _elements is null ? default : new Span<T>(_elements, 0, _count);

    /// <summary>Where each row starts among <see cref="Elements"/>, and after the last row the element count.</summary>
    public ReadOnlySpan<int> RowStarts => _rowStarts is null ? default : new ReadOnlySpan<int>(_rowStarts, 0, _rows + 1);

    /// <summary>
    /// The rows of <paramref name="array"/>, the argument <paramref name="parameter"/> of the entry <paramref name="method"/>;
    /// throws <see cref="ArgumentNullException"/> naming the array or the row that is null.
    /// </summary>
    public static JaggedRows<T> Of(string method, string parameter, T[][] array)
    {
        ArgumentNullException.ThrowIfNull(array, parameter);
        int[] rowStarts = ArrayPool<int>.Shared.Rent(array.Length + 1);
        long count = 0;
        for (int i = 0; i < array.Length; i++)
        {
            rowStarts[i] = (int)count;
            count += (array[i] ?? throw new ArgumentNullException($"{parameter}[{i}]", $"{method}: row {i} of '{parameter}' is null.")).Length;
        }

        if (count > Array.MaxLength)
        {
            ArrayPool<int>.Shared.Return(rowStarts);
            throw new ArgumentException($"{method}: the rows of '{parameter}' hold {count} elements, more than one buffer can.", parameter);
        }

        rowStarts[array.Length] = (int)count;
        T[] elements = ArrayPool<T>.Shared.Rent((int)count);
        for (int i = 0; i < array.Length; i++)
        {
            array[i].CopyTo(elements, rowStarts[i]);
        }

        return new JaggedRows<T>(elements, rowStarts, (int)count, array.Length);
    }

    /// <summary>
    /// A zeroed buffer for the gradient of the jagged argument <paramref name="parameter"/> whose rows start at
    /// <paramref name="rowStarts"/>, after checking that <paramref name="gradient"/> has its shape: the same rows, each of its
    /// row's length (<see cref="ArgumentException"/> otherwise, naming the row and both lengths; <see cref="ArgumentNullException"/>
    /// for a null gradient or row). Empty row starts (those of a default tape) give an empty buffer.
    /// </summary>
    public static JaggedRows<T> GradientOf(string method, string parameter, ReadOnlySpan<int> rowStarts, T[][] gradient)
    {
        if (rowStarts.IsEmpty)
        {
            return default;
        }

        // The gradient's name, "d" + parameter, is made only when it is thrown: the fused entry allocates nothing otherwise.
        if (gradient is null)
        {
            throw new ArgumentNullException("d" + parameter);
        }

        int rows = rowStarts.Length - 1;
        if (gradient.Length != rows)
        {
            throw new ArgumentException($"{method}: the gradient of '{parameter}' has {gradient.Length} rows but '{parameter}' has {rows}; they must be equal.", "d" + parameter);
        }

        for (int i = 0; i < rows; i++)
        {
            int length = rowStarts[i + 1] - rowStarts[i];
            if (gradient[i] is null)
            {
                throw new ArgumentNullException($"d{parameter}[{i}]", $"{method}: row {i} of the gradient of '{parameter}' is null.");
            }

            if (gradient[i].Length != length)
            {
                throw new ArgumentException(
                    $"{method}: row {i} of the gradient of '{parameter}' has length {gradient[i].Length} but row {i} of '{parameter}' has length {length}; they must be equal.", "d" + parameter);
            }
        }

        int count = rowStarts[rows];
        T[] elements = ArrayPool<T>.Shared.Rent(count);
        Array.Clear(elements, 0, count);
        int[] starts = ArrayPool<int>.Shared.Rent(rows + 1);
        rowStarts.CopyTo(starts);
        return new JaggedRows<T>(elements, starts, count, rows);
    }

    /// <summary>Adds each element into <paramref name="gradient"/>'s (of this shape): what Backward does with its adjoints.</summary>
    public void AddTo(T[][] gradient)
    {
        for (int i = 0; i < _rows; i++)
        {
            T[] row = gradient[i];
            int start = _rowStarts![i];
            for (int j = 0; j < row.Length; j++)
            {
                row[j] += _elements![start + j];
            }
        }
    }

    /// <summary>
    /// Clears every row of <paramref name="gradient"/> (of this shape), then adds the elements into them: the fused entry's
    /// gradient, which rows that are one array share as the sum of their gradients.
    /// </summary>
    public void CopyTo(T[][] gradient)
    {
        for (int i = 0; i < _rows; i++)
        {
            Array.Clear(gradient[i]);
        }

        AddTo(gradient);
    }

    /// <summary>Gives the buffers back to the pool; a default value has none.</summary>
    public void Dispose()
    {
        if (_elements is not null)
        {
            ArrayPool<T>.Shared.Return(_elements);
            ArrayPool<int>.Shared.Return(_rowStarts!);
        }
    }
}
