using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// 2-D arrays (<see cref="FuzzFeatures.Matrices"/>): local <c>double[,]</c> arrays and F's <c>M</c>, all 2 × 3, written and read
/// by element, walked by loops bounded by GetLength and Length and by foreach. Indices are printed in range: a counter that
/// may reach 2 indexes a row as <c>(i + o) % 2</c>, only a counter of a GetLength(0) loop indexes one plainly.
/// </summary>
public sealed partial class ProgramGenerator
{
    // The 2-D arrays in scope, F's parameter first; inside a sum loop only those from _assignableMatrices on may be written.
    private List<string> _matrices = new();
    private int _assignableMatrices;

    // Counters of loops bounded by a matrix's row count: below MatrixRows, so they index a row as they are.
    private readonly HashSet<string> _rowCounters = new();

    /// <summary>
    /// With <see cref="FuzzFeatures.Matrices"/> and <see cref="FuzzFeatures.JaggedParameters"/>, sometimes a helper's parameters
    /// end with a <c>double[,] g</c> and a <c>double[][] h</c> it reads, which callers with a matrix or F's jagged array pass by
    /// name; else the parameters as they are (drawing nothing without the flags).
    /// </summary>
    private (string, FuzzParameterKind)[] WithShapedParameters((string, FuzzParameterKind)[] parameters)
    {
        var shaped = parameters.ToList();
        if (_features.HasFlag(FuzzFeatures.Matrices) && _random.Next(5) == 0)
        {
            shaped.Add(("g", FuzzParameterKind.Matrix));
        }

        if (_features.HasFlag(FuzzFeatures.JaggedParameters) && _random.Next(5) == 0)
        {
            shaped.Add(("h", FuzzParameterKind.Jagged));
        }

        return shaped.ToArray();
    }

    /// <summary>With <see cref="FuzzFeatures.Matrices"/>, sometimes a matrix declared, written, walked or summed; else null.</summary>
    private IEnumerable<FuzzStatement>? TryGenerateMatrixStatements(int nesting)
    {
        // Draws nothing without the flag, so seeds keep giving the programs they gave before it existed. A method that has a
        // matrix (a parameter, or one it made) uses it more often than one without makes one.
        if (!_features.HasFlag(FuzzFeatures.Matrices) || _random.Next(_matrices.Count > 0 ? 8 : 35) != 0)
        {
            return null;
        }

        List<string> writable = _matrices.Skip(_assignableMatrices).ToList();
        switch (_random.Next(6))
        {
            case 0 or 1 when _matrices.Count > 0 && nesting < 2:
                return GenerateMatrixLoop(Pick(_matrices), writable, nesting);
            case 2 when _matrices.Count > 0:
                return GenerateMatrixForEach(Pick(_matrices), nesting);
            case 3 when writable.Count > 0:
                return new[] { MatrixWrite(Pick(writable), row: null, column: null) };
            default:
            {
                // A new matrix, given an element at once so that it is not only zeros. Its extents stay the same every time
                // round a loop: constants, or another matrix's GetLength.
                string name = "m" + _nextLocal++;
                string extents = _matrices.Count > 0 && _random.Next(2) == 0
                    ? $"{Pick(_matrices)}.GetLength(0), {(_random.Next(2) == 0 ? FuzzShapes.MatrixColumns.ToString() : Pick(_matrices) + ".GetLength(1)")}"
                    : $"{FuzzShapes.MatrixRows}, {FuzzShapes.MatrixColumns}";
                var declaration = new DeclareMatrix(name, extents);
                _matrices.Add(name);
                var statements = new List<FuzzStatement> { declaration, MatrixWrite(name, row: null, column: null) };
                if (nesting < 2 && _random.Next(2) == 0)
                {
                    statements.AddRange(GenerateMatrixLoop(name, _matrices.Skip(_assignableMatrices).ToList(), nesting));
                }

                return statements;
            }
        }
    }

    /// <summary>
    /// <c>for (r &lt; m.GetLength(0)) for (c &lt; m.GetLength(1)) { … }</c> (the row bound sometimes written with Length): the body
    /// writes the element when the method may, or adds it to an accumulator, then has statements of its own.
    /// </summary>
    private IEnumerable<FuzzStatement> GenerateMatrixLoop(string matrix, List<string> writable, int nesting)
    {
        string row = "r" + _nextLocal++, column = "c" + _nextLocal++;
        string rowBound = _random.Next(3) switch
        {
            0 => $"({matrix}.Length / {matrix}.GetLength(1))",
            1 => $"({matrix}.Length / {FuzzShapes.MatrixColumns})",
            _ => $"{matrix}.GetLength(0)",
        };
        (string accumulator, FuzzStatement declaration) = NewAccumulator();
        _counters.Add(row);
        _rowCounters.Add(row);
        _loopDepth++;
        _counters.Add(column);
        _loopDepth++;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.Add(writable.Contains(matrix) && _random.Next(2) == 0
            ? MatrixWrite(matrix, row, column)
            : new CompoundAssign(accumulator, '+', new Binary('*', new ElementAt(matrix, $"{row}, {column}"), GenerateExpr(depth: 1))));
        body.AddRange(GenerateBlock(_random.Next(0, 2), nesting + 2));
        _loopDepth -= 2;
        _counters.Remove(column);
        _counters.Remove(row);
        _rowCounters.Remove(row);
        var inner = new For(column, FuzzShapes.MatrixColumns, body.ToImmutable()) { Bound = $"{matrix}.GetLength(1)" };
        var outer = new For(row, FuzzShapes.MatrixRows, ImmutableArray.Create<FuzzStatement>(inner)) { Bound = rowBound };
        return WithAccumulator(declaration, outer, accumulator);
    }

    /// <summary><c>foreach (double e in m) { acc += f(e); … }</c>: the elements row by row.</summary>
    private IEnumerable<FuzzStatement> GenerateMatrixForEach(string matrix, int nesting)
    {
        string element = "e" + _nextLocal++;
        (string accumulator, FuzzStatement declaration) = NewAccumulator();
        _loopDepth++;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.Add(new CompoundAssign(accumulator, '+', new Binary('*', new Var(element), GenerateExpr(depth: 1))));
        body.AddRange(GenerateBlock(_random.Next(0, 2), nesting + 1));
        _loopDepth--;
        var loop = new ForEach(element, matrix, body.ToImmutable()) { Var = _random.Next(3) == 0 };
        return WithAccumulator(declaration, loop, accumulator);
    }

    /// <summary>A new double a loop adds into (always assignable here, also in a sum loop); the caller adds it to _doubles after the loop.</summary>
    private (string Name, FuzzStatement Declaration) NewAccumulator()
    {
        var declaration = new DeclareDouble("acc" + _nextLocal++, GenerateExpr(depth: 1));
        return (declaration.Name, declaration);
    }

    /// <summary>The accumulator's declaration, the loop, and half the time the accumulator added to a double the method goes on with.</summary>
    private IEnumerable<FuzzStatement> WithAccumulator(FuzzStatement declaration, FuzzStatement loop, string accumulator)
    {
        var statements = new List<FuzzStatement> { declaration, loop };
        if (PickTarget() is { } target && _random.Next(2) == 0)
        {
            statements.Add(new CompoundAssign(target, '+', new Var(accumulator)));
        }

        _doubles.Add(accumulator);
        return statements;
    }

    /// <summary><c>m[row, column] op= e</c>, at the given counters or at indices drawn here.</summary>
    private ElementWrite MatrixWrite(string matrix, string? row, string? column) =>
        new(matrix, $"{row ?? MatrixRowIndex()}, {column ?? MatrixColumnIndex()}", Pick(new[] { "=", "+=", "*=" }), GenerateExpr(depth: 2));

    /// <summary>An element read of a matrix in scope, at indices drawn here.</summary>
    private FuzzExpr MatrixRead() => new ElementAt(Pick(_matrices), $"{MatrixRowIndex()}, {MatrixColumnIndex()}");

    private string MatrixRowIndex()
    {
        if (_counters.Count == 0 || _random.Next(3) == 0)
        {
            return _random.Next(FuzzShapes.MatrixRows).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string counter = Pick(_counters);
        return _rowCounters.Contains(counter) && _random.Next(2) == 0 ? counter : $"({counter} + {_random.Next(FuzzShapes.MatrixRows)}) % {FuzzShapes.MatrixRows}";
    }

    // Every counter stays below ArrayLength, which is the column count.
    private string MatrixColumnIndex()
    {
        if (_counters.Count == 0 || _random.Next(3) == 0)
        {
            return _random.Next(FuzzShapes.MatrixColumns).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string counter = Pick(_counters);
        return _random.Next(2) == 0 ? counter : $"({counter} + {_random.Next(1, FuzzShapes.MatrixColumns)}) % {FuzzShapes.MatrixColumns}";
    }
}
