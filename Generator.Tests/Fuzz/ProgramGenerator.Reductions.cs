using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>TensorPrimitives reductions (<see cref="FuzzFeatures.Reductions"/>).</summary>
public sealed partial class ProgramGenerator
{
    /// <summary>
    /// A reduction of one or two readable collections (or rows of the jagged parameter), whole or a region of them; a leaf when
    /// there is nothing to reduce.
    /// </summary>
    private FuzzExpr GenerateReduction()
    {
        List<(string Name, FuzzParameterKind Kind, int Length)> sources = ReductionSources();
        if (sources.Count == 0)
        {
            return GenerateLeaf();
        }

        bool binary = _random.Next(3) == 0;
        string method = binary ? Pick(Reduction.Binary) : Pick(Reduction.Unary);
        (string name, FuzzParameterKind kind, int length) = Pick(sources);
        // Half the time all of it; else any region, empty ones too (a sum of nothing is 0) where the method takes them
        // (Reduction.NeedsElements). A jagged row is taken whole (see Operand).
        int minimum = Reduction.NeedsElements(method) ? 1 : 0;
        int count = _random.Next(2) == 0 || IsJaggedRow(name) ? length : _random.Next(minimum, length + 1);
        ReductionOperand first = Operand(name, kind, length, _random.Next(length - count + 1), count);
        ReductionOperand? second = null;
        if (binary)
        {
            // Often the same collection again (Dot(a, a), overlapping regions): both operands' partials add into one adjoint.
            var fitting = sources.Where(s => IsJaggedRow(s.Name) ? s.Length == count : s.Length >= count).ToList();
            (string otherName, FuzzParameterKind otherKind, int otherLength) = _random.Next(3) == 0 ? (name, kind, length) : Pick(fitting);
            second = Operand(otherName, otherKind, otherLength, _random.Next(otherLength - count + 1), count);
        }

        return new Reduction(method, first, second) { ExplicitAnyway = _random.Next(4) == 0 };
    }

    /// <summary>What may be reduced here: every readable collection, and the rows of the jagged parameter (double[] each).</summary>
    private List<(string Name, FuzzParameterKind Kind, int Length)> ReductionSources() =>
        Readable().Select(r => (r.Name, r.Kind, FuzzIndex.ArrayLength))
            .Concat(_jagged is null ? Enumerable.Empty<(string, FuzzParameterKind, int)>()
                : FuzzShapes.JaggedRowLengths.Select((length, row) => ($"{_jagged}[{row}]", FuzzParameterKind.Array, length)))
            .ToList();

    private bool IsJaggedRow(string name) => _jagged is not null && name.StartsWith(_jagged + "[", System.StringComparison.Ordinal);

    /// <summary>Elements [start, start + count) of a collection, spelled one of the ways C# takes a span of them.</summary>
    private ReductionOperand Operand(string name, FuzzParameterKind kind, int length, int start, int count)
    {
        bool whole = start == 0 && count == length, toEnd = start + count == length;
        bool readOnly = kind == FuzzParameterKind.ReadOnlySpan;
        string text;
        if (IsJaggedRow(name))
        {
            // A row of the jagged parameter by name, whole: a view of one (J[1].AsSpan(…)) is refused (ADG0005, "view … by
            // name"); its views are those of a row local.
            text = name;
            readOnly = false;
        }
        else if (kind == FuzzParameterKind.Array)
        {
            // An array's range would copy it (ADG0005): its views are AsSpan's.
            text = whole ? (_random.Next(2) == 0 ? name : name + ".AsSpan()")
                : toEnd && _random.Next(2) == 0 ? $"{name}.AsSpan({start})"
                : $"{name}.AsSpan({start}, {count})";
            readOnly = false;
        }
        else
        {
            text = _random.Next(whole ? 2 : 5) switch
            {
                0 when whole => name,
                _ when whole => name + "[..]",
                0 => $"{name}.Slice({start}, {count})",
                1 => $"{name}[{start}..{start + count}]",
                2 when toEnd => $"{name}[{start}..]",
                2 when start == 0 => $"{name}[..{count}]",
                3 when toEnd => $"{name}.Slice({start})",
                _ => $"{name}.Slice({start}, {count})",
            };
        }

        return new ReductionOperand(name, start, count, text, readOnly);
    }
}
