using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>Clear, Fill and CopyTo statements (<see cref="FuzzFeatures.SpanStores"/>).</summary>
public sealed partial class ProgramGenerator
{
    /// <summary>
    /// A Clear, Fill or CopyTo into a region of <paramref name="target"/> (a writable array, view or written parameter): all of
    /// it half the time, else a random start and length; a CopyTo reads a region of the same length of any readable
    /// collection, or half the time moves one or two elements of the target to another start (overlapping copies, either way).
    /// </summary>
    private SpanStore GenerateSpanStore(string target)
    {
        FuzzRegion region = Region(target, length: null);
        switch (_random.Next(3))
        {
            case 0:
                return new SpanStore("Clear", region);
            case 1:
                return new SpanStore("Fill", region, Value: GenerateExpr(depth: 2));
            case 2 when _random.Next(2) == 0:
            {
                // Within one collection: one or two elements moved to another start, towards the start or the end.
                int count = _random.Next(1, FuzzIndex.ArrayLength);
                int to = _random.Next(FuzzIndex.ArrayLength - count + 1);
                int from = (to + _random.Next(1, FuzzIndex.ArrayLength - count + 1)) % (FuzzIndex.ArrayLength - count + 1);
                return new SpanStore("CopyTo", region with { Start = to, Length = count }, region with { Start = from, Length = count });
            }

            default:
                return new SpanStore("CopyTo", region, Region(Pick(Readable()).Name, region.Length));
        }
    }

    // A region of the collection named: all of it, or a start and a length (the given one, when there is one) that fit.
    private FuzzRegion Region(string collection, int? length)
    {
        bool isArray = _arrays.Contains(collection) || Readable().Any(c => c.Name == collection && c.Kind == FuzzParameterKind.Array);
        if (length is null && _random.Next(2) == 0)
        {
            return new FuzzRegion(collection, isArray, 0, FuzzIndex.ArrayLength);
        }

        int count = length ?? _random.Next(FuzzIndex.ArrayLength + 1);
        return new FuzzRegion(collection, isArray, _random.Next(FuzzIndex.ArrayLength - count + 1), count);
    }
}
