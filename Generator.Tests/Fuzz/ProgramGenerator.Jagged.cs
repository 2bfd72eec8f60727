using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// F's jagged parameter <c>J</c> (<see cref="FuzzFeatures.JaggedParameters"/>), rows of <see cref="FuzzShapes.JaggedRowLengths"/>
/// elements, only read: elements at constant indices, loops over the rows and within a row, foreach over the rows and within
/// one, and rows 0 and 2 (as long as any collection) taken into locals that the rest of the method reads as collections.
/// </summary>
public sealed partial class ProgramGenerator
{
    // F's jagged parameter, or null.
    private string? _jagged;

    // Counters of loops over J's rows (below its row count) and, for a loop within a row, the row it runs within.
    private readonly HashSet<string> _jaggedRowCounters = new();
    private readonly Dictionary<string, string> _columnCounters = new();

    /// <summary>With a jagged parameter, sometimes a loop over it, a foreach over its rows, or a row taken into a local; else null.</summary>
    private IEnumerable<FuzzStatement>? TryGenerateJaggedStatements(int nesting)
    {
        // Draws nothing without a jagged parameter, which only the flag gives.
        if (_jagged is not { } jagged || _random.Next(5) != 0)
        {
            return null;
        }

        switch (_random.Next(3))
        {
            case 0 when nesting < 2:
                return GenerateRowLoops(jagged, nesting);
            case 1 when nesting < 2:
                return GenerateRowForEach(jagged, nesting);
            default:
            {
                // A row as long as the other collections, by reference or as a span: read, measured, iterated and passed
                // on as they are (a view whose root is J, which nothing may write).
                int row = _random.Next(2) * 2;
                bool array = _random.Next(2) == 0;
                var view = new DeclareView("row" + _nextLocal++, $"{jagged}[{row}]", $"{jagged}[{row}]", Writable: false) { ArrayType = array };
                _views.Add((view.Name, array ? FuzzParameterKind.Array : FuzzParameterKind.ReadOnlySpan, jagged));
                // Its first use is often a call passing it to a helper that takes such a collection, when a few draws find one.
                for (int attempt = 0; attempt < 4; attempt++)
                {
                    if (GenerateCallOrLeaf(depth: 2) is Call call && call.Arguments.OfType<CollectionArg>().Any(c => c.Name == view.Name))
                    {
                        return new FuzzStatement[] { view, DeclareFrom(call) };
                    }
                }

                return new FuzzStatement[] { view };
            }
        }
    }

    private FuzzStatement DeclareFrom(FuzzExpr value)
    {
        var declaration = new DeclareDouble("v" + _nextLocal++, value);
        _doubles.Add(declaration.Name);
        return declaration;
    }

    /// <summary><c>for (r &lt; J.Length) for (j &lt; J[r].Length) { acc += J[r][j] * e; … }</c>.</summary>
    private IEnumerable<FuzzStatement> GenerateRowLoops(string jagged, int nesting)
    {
        string row = "r" + _nextLocal++, column = "j" + _nextLocal++;
        (string accumulator, FuzzStatement declaration) = NewAccumulator();
        _counters.Add(row);
        _jaggedRowCounters.Add(row);
        _counters.Add(column);
        _columnCounters[column] = $"{jagged}[{row}]";
        _loopDepth += 2;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.Add(new CompoundAssign(accumulator, '+', new Binary('*', new ElementAt($"{jagged}[{row}]", column), GenerateExpr(depth: 1))));
        body.AddRange(GenerateBlock(_random.Next(0, 2), nesting + 2));
        _loopDepth -= 2;
        _counters.Remove(column);
        _columnCounters.Remove(column);
        // Between the loops, a read of the row's last element (every row has one).
        var outerBody = ImmutableArray.Create<FuzzStatement>(
            new For(column, FuzzIndex.ArrayLength, body.ToImmutable()) { Bound = $"{jagged}[{row}].Length" },
            new CompoundAssign(accumulator, '-', new ElementAt($"{jagged}[{row}]", $"{jagged}[{row}].Length - 1")));
        _counters.Remove(row);
        _jaggedRowCounters.Remove(row);
        return WithAccumulator(declaration, new For(row, FuzzShapes.JaggedRowLengths.Length, outerBody) { Bound = $"{jagged}.Length" }, accumulator);
    }

    /// <summary>
    /// <c>foreach (double[] row in J) { acc += row[0] * e; for (j &lt; row.Length) acc += row[j]…; foreach (double v in row) … }</c>.
    /// </summary>
    private IEnumerable<FuzzStatement> GenerateRowForEach(string jagged, int nesting)
    {
        string row = "row" + _nextLocal++;
        (string accumulator, FuzzStatement declaration) = NewAccumulator();
        _loopDepth++;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.Add(new CompoundAssign(accumulator, '+', new Binary('*', new ElementAt(row, "0"), GenerateExpr(depth: 1))));
        if (_random.Next(2) == 0)
        {
            string column = "j" + _nextLocal++;
            body.Add(new For(column, FuzzIndex.ArrayLength,
                ImmutableArray.Create<FuzzStatement>(new CompoundAssign(accumulator, '*', new Unary("Cos", new ElementAt(row, column)))))
            { Bound = row + ".Length" });
        }
        else
        {
            string element = "v" + _nextLocal++;
            body.Add(new ForEach(element, row, ImmutableArray.Create<FuzzStatement>(new CompoundAssign(accumulator, '+', new Unary("Sin", new Var(element))))));
        }

        body.AddRange(GenerateBlock(_random.Next(0, 2), nesting + 1));
        _loopDepth--;
        var loop = new ForEach(row, jagged, body.ToImmutable()) { Rows = true, Var = _random.Next(3) == 0 };
        return WithAccumulator(declaration, loop, accumulator);
    }

    /// <summary>An element of J: at constant indices, or at the counters of loops over it.</summary>
    private FuzzExpr JaggedRead(string jagged)
    {
        if (_columnCounters.Count > 0 && _random.Next(2) == 0)
        {
            KeyValuePair<string, string> column = _columnCounters.ElementAt(_random.Next(_columnCounters.Count));
            return new ElementAt(column.Value, column.Key);
        }

        if (_jaggedRowCounters.Count > 0 && _random.Next(2) == 0)
        {
            string counter = _jaggedRowCounters.ElementAt(_random.Next(_jaggedRowCounters.Count));
            return new ElementAt($"{jagged}[{counter}]", _random.Next(2) == 0 ? "0" : $"{jagged}[{counter}].Length - 1");
        }

        int row = _random.Next(FuzzShapes.JaggedRowLengths.Length);
        return new ElementAt($"{jagged}[{row}]", _random.Next(FuzzShapes.JaggedRowLengths[row]).ToString(CultureInfo.InvariantCulture));
    }
}
