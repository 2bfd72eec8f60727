using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.Array2DArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Random methods over 2-D arrays, for a differential check of the 2-D lowering beyond the hand-written cases: a weight
/// parameter <c>w</c> (1–3 × 1–3), a span <c>x</c>, and a local 2-D array <c>m</c> whose extents are w's or constants,
/// written (<c>=</c>, <c>+=</c>, <c>*=</c>) and read in loops bounded by <c>GetLength</c> (the unchecked path) at indices that are
/// counters or counters shifted modulo an extent (the checked path), iterated with foreach, under branches on counters
/// (no kinks, so finite differences hold). Every index is in range by construction; what may grow is read through tanh.
/// </summary>
public static class Array2DRandomPrograms
{
    public const int Count = 100;

    public static readonly IReadOnlyList<NumericCase> All = Enumerable.Range(0, Count).Select(Make).ToArray();

    private static NumericCase Make(int seed)
    {
        var random = new Random(7919 * seed + 3);
        int rows = random.Next(1, 4), columns = random.Next(1, 4);
        var program = new Writer(random, rows, columns);
        string members = "    [Differentiable]\n    public static double F(double[,] w, ReadOnlySpan<double> x)\n    {\n" + program.Body() + "    }\n";
        double[][] points = Enumerable.Range(0, 2)
            .Select(_ => Enumerable.Range(0, rows * columns + columns).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 3)).ToArray())
            .ToArray();
        return Array2DDriver.Case("Random2D" + seed.ToString(CultureInfo.InvariantCulture), members,
            new[] { Matrix("w", rows, columns), Vector("x", columns) }, false, points);
    }

    /// <summary>Writes one method body; each array's extents are known, so every index it writes is in range.</summary>
    private sealed class Writer
    {
        private readonly Random _random;
        private readonly StringBuilder _text = new();
        private readonly Dictionary<string, (string Rows, string Columns)> _extents = new();
        private readonly List<(string Name, string Array, int Dimension)> _counters = new();
        private int _next;

        public Writer(Random random, int rows, int columns)
        {
            _random = random;
            _extents["w"] = ("w.GetLength(0)", "w.GetLength(1)");
            _extents["m"] = (Pick("w.GetLength(0)", "w.GetLength(1)", random.Next(1, 4).ToString(CultureInfo.InvariantCulture)),
                Pick("w.GetLength(1)", "w.GetLength(0)", random.Next(1, 4).ToString(CultureInfo.InvariantCulture)));
        }

        public string Body()
        {
            Line(2, $"double[,] m = new double[{_extents["m"].Rows}, {_extents["m"].Columns}];");
            Line(2, "double s = 0;");
            Statements(2, _random.Next(2, 5), depth: 0);
            Line(2, $"return s + {Expression(2)};");
            return _text.ToString();
        }

        private void Statements(int indent, int count, int depth)
        {
            for (int k = 0; k < count; k++)
            {
                switch (_random.Next(depth < 2 ? 7 : 4))
                {
                    case 0:
                        Line(indent, $"{Element("m")} {Pick("=", "+=", "*=")} {Expression(2)};");
                        break;
                    case 1:
                    case 2:
                        Line(indent, $"s += {Expression(2)};");
                        break;
                    case 3:
                        Line(indent, $"foreach (double v{_next} in {Pick("m", "w")}) s += Math.Tanh(v{_next}) * {Constant()};");
                        _next++;
                        break;
                    case 4 when _counters.Count > 0:
                        Line(indent, $"if ({Pick(_counters.ToArray()).Name} % 2 == 0)");
                        Line(indent, "{");
                        Statements(indent + 1, _random.Next(1, 3), depth + 1);
                        Line(indent, "}");
                        break;
                    default:
                        Loop(indent, depth);
                        break;
                }
            }
        }

        private void Loop(int indent, int depth)
        {
            string array = Pick("w", "m");
            int dimension = _random.Next(2);
            string counter = "i" + _next++;
            Line(indent, $"for (int {counter} = 0; {counter} < {array}.GetLength({dimension}); {counter}++)");
            Line(indent, "{");
            _counters.Add((counter, array, dimension));
            Statements(indent + 1, _random.Next(1, 4), depth + 1);
            _counters.RemoveAt(_counters.Count - 1);
            Line(indent, "}");
        }

        /// <summary>An element of <paramref name="array"/> at indices in range: constants below 1, counters of its own extents, or counters shifted modulo it.</summary>
        private string Element(string array) => $"{array}[{Index(array, 0)}, {Index(array, 1)}]";

        private string Index(string array, int dimension)
        {
            string extent = dimension == 0 ? $"{array}.GetLength(0)" : $"{array}.GetLength(1)";
            var own = _counters.Where(c => c.Array == array && c.Dimension == dimension).ToList();
            return _random.Next(3) switch
            {
                0 when own.Count > 0 => Pick(own.ToArray()).Name,
                1 when _counters.Count > 0 => $"({Pick(_counters.ToArray()).Name} + {_random.Next(0, 3)}) % {extent}",
                _ => "0",
            };
        }

        private string Expression(int depth)
        {
            if (depth == 0 || _random.Next(3) == 0)
            {
                // m and s may grow (m *= …, s += … in loops): read through tanh, so no value oscillates faster than finite differences resolve.
                return _random.Next(5) switch
                {
                    0 => Element("w"),
                    1 => $"Math.Tanh({Element("m")})",
                    2 => $"x[{Index("w", 1)}]",
                    3 => "Math.Tanh(s)",
                    _ => Constant(),
                };
            }

            string a = Expression(depth - 1), b = Expression(depth - 1);
            return _random.Next(6) switch
            {
                0 => $"({a} + {b})",
                1 => $"({a} - {b})",
                2 => $"({a} * {b})",
                3 => $"Math.Sin({a})",
                4 => $"Math.Tanh({a} * {b})",
                _ => $"Math.Cos({a}) * {b}",
            };
        }

        private string Constant() => (_random.Next(1, 20) / 10.0).ToString("0.0", CultureInfo.InvariantCulture);

        private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

        private void Line(int indent, string text) => _text.Append(' ', 4 * indent).Append(text).Append('\n');
    }
}
