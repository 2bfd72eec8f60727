using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// <c>++</c>/<c>--</c> inside element accesses (<see cref="FuzzFeatures.SteppedIndices"/>). The stepped int is a new local that no
/// other statement reads (it never joins _ints), used by a run of statements in one block, so its value is known at each
/// step: a step is drawn only when the element it reaches is in range.
/// </summary>
public sealed partial class ProgramGenerator
{
    /// <summary>With <see cref="FuzzFeatures.SteppedIndices"/>, sometimes a run of stepped stores and reads; else null.</summary>
    private IEnumerable<FuzzStatement>? TryGenerateSteppedRun()
    {
        // Draws nothing without the flag, so seeds keep giving the programs they gave before it existed.
        if (!_features.HasFlag(FuzzFeatures.SteppedIndices) || _random.Next(25) != 0)
        {
            return null;
        }

        List<string> readable = Readable().Select(r => r.Name).ToList();
        List<string> writable = WritableArrays().Concat(WritableParameters().Select(p => p.Name)).Concat(WritableViews()).ToList();
        if (readable.Count == 0)
        {
            return null;
        }

        string name = "n" + _nextLocal++;
        var statements = new List<FuzzStatement>();
        int at;
        if (writable.Count > 0 && _random.Next(3) == 0)
        {
            // A loop filling an array as a stack: arr[n++] = e for each counter value, then the run pops from there.
            int count = _random.Next(1, FuzzIndex.ArrayLength + 1);
            string counter = "i" + _nextLocal++;
            statements.Add(new DeclareInt(name, 0));
            _counters.Add(counter);
            _loopDepth++;
            var push = new SteppedWrite(Pick(writable), new IntStep(name, Up: true, Prefix: false), "=", GenerateExpr(depth: 2));
            _loopDepth--;
            _counters.Remove(counter);
            statements.Add(new For(counter, count, ImmutableArray.Create<FuzzStatement>(push)));
            at = count;
        }
        else
        {
            at = _random.Next(FuzzIndex.ArrayLength);
            statements.Add(new DeclareInt(name, at));
        }

        for (int steps = _random.Next(1, 4); steps > 0; steps--)
        {
            // The forms whose element is in range from here: n++ and n-- reach n, ++n reaches n + 1, --n reaches n - 1.
            var forms = new[] { (true, false), (false, false), (true, true), (false, true) }
                .Where(f => ReachedBy(at, f.Item1, f.Item2) is >= 0 and < FuzzIndex.ArrayLength).ToList();
            if (forms.Count == 0)
            {
                break;
            }

            (bool up, bool prefix) = Pick(forms);
            var step = new IntStep(name, up, prefix);
            at += up ? 1 : -1;
            statements.Add(writable.Count > 0 && _random.Next(3) == 0
                ? new SteppedWrite(Pick(writable), step, Pick(new[] { "=", "+=", "*=" }), GenerateExpr(depth: 2))
                : SteppedReadStatement(new SteppedRead(Pick(readable), step)));
        }

        return statements;
    }

    private static int ReachedBy(int at, bool up, bool prefix) => prefix ? at + (up ? 1 : -1) : at;

    /// <summary>The read in a new local (alone or in a product or sum), added to a double the method may assign, or stored in an array.</summary>
    private FuzzStatement SteppedReadStatement(SteppedRead read)
    {
        FuzzExpr value = _random.Next(3) == 0 ? read : new Binary("+-*"[_random.Next(3)], read, GenerateExpr(depth: 2));
        if (PickTarget() is { } target && _random.Next(3) == 0)
        {
            return new CompoundAssign(target, '+', value);
        }

        var declaration = new DeclareDouble("v" + _nextLocal++, value);
        _doubles.Add(declaration.Name);
        return declaration;
    }
}
