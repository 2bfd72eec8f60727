using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Buffer swaps (<see cref="FuzzFeatures.Swaps"/>): a double buffer — two arrays of one length made together, and a loop
/// that writes one from the other and swaps them — and swaps of any two local arrays of one length made outside loops,
/// wherever a statement may write them.
/// </summary>
public sealed partial class ProgramGenerator
{
    // Local arrays made outside loops (by case 9 of GenerateAnyStatement), with the collection whose Length they were made
    // with ("" for the constant): two in scope with the same one may be swapped.
    private Dictionary<string, string> _swappable = new();

    /// <summary>
    /// With <see cref="FuzzFeatures.Swaps"/>, sometimes a swap of two local arrays of one length that a statement here may
    /// write; else null (drawing nothing).
    /// </summary>
    private FuzzStatement? TryGenerateSwap()
    {
        if (!_features.HasFlag(FuzzFeatures.Swaps) || _random.Next(5) != 0)
        {
            return null;
        }

        List<IGrouping<string, string>> lengths = WritableArrays().Where(_swappable.ContainsKey).GroupBy(a => _swappable[a]).Where(g => g.Count() > 1).ToList();
        if (lengths.Count == 0)
        {
            return null;
        }

        List<string> arrays = Pick(lengths).ToList();
        string first = Pick(arrays);
        return new SwapArrays(first, Pick(arrays.Where(a => a != first).ToList()));
    }

    /// <summary>
    /// With <see cref="FuzzFeatures.Swaps"/>, sometimes (outside loops) a double buffer: two arrays, then a loop whose body
    /// writes the second from anything (the first included) and swaps them; else null (drawing nothing).
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateDoubleBuffer(int nesting)
    {
        if (_inWriter || !_features.HasFlag(FuzzFeatures.Swaps) || _loopDepth > 0 || !_features.HasFlag(FuzzFeatures.Loops) || _random.Next(6) != 0)
        {
            return null;
        }

        var front = new DeclareArray("arr" + _nextLocal++);
        var back = new DeclareArray("arr" + _nextLocal++);
        foreach (DeclareArray array in new[] { front, back })
        {
            _arrays.Add(array.Name);
            _swappable[array.Name] = string.Empty;
        }

        string counter = "i" + _nextLocal++;
        _counters.Add(counter);
        _loopDepth++;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.AddRange(GenerateBlock(_random.Next(0, 3), nesting + 1));
        body.Add(new ArrayWrite(back.Name, GenerateIndex(), "=", new Binary('+', new ArrayRead(front.Name, GenerateIndex()), GenerateExpr(depth: 2))));
        body.Add(_random.Next(2) == 0 ? new SwapArrays(front.Name, back.Name) : new SwapArrays(back.Name, front.Name));
        _loopDepth--;
        _counters.Remove(counter);
        return new FuzzStatement[] { front, back, new For(counter, _random.Next(1, FuzzIndex.ArrayLength + 1), body.ToImmutable()) };
    }
}
