using System.Collections.Generic;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Hands out unique C# identifiers for generated locals. It knows every name in the source method, so a
/// generated name never captures or shadows a user's variable.
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _sourceNames;
    private readonly HashSet<string> _claimed = new();

    public NameAllocator(IEnumerable<string> sourceNames) => _sourceNames = new HashSet<string>(sourceNames);

    /// <summary>The name for a new definition of source variable <paramref name="name"/>: the name itself first, then name_1, name_2…</summary>
    public string ForSource(string name)
    {
        if (_claimed.Add(name))
        {
            return name;
        }

        return Fresh(name + "_", startAt: 1);
    }

    /// <summary><paramref name="preferred"/> if it is free, otherwise preferred_1, preferred_2…</summary>
    public string Preferred(string preferred)
    {
        if (!_sourceNames.Contains(preferred) && _claimed.Add(preferred))
        {
            return preferred;
        }

        return Fresh(preferred + "_", startAt: 1);
    }

    /// <summary>
    /// A new name that the lowering treats like a source variable (e.g. the value a switch tests):
    /// free now, and reserved so that <see cref="ForSource"/> gives it back unchanged.
    /// </summary>
    public string NewSourceName(string prefix)
    {
        for (int i = 0; ; i++)
        {
            string candidate = i == 0 ? prefix : prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_sourceNames.Contains(candidate) && !_claimed.Contains(candidate))
            {
                _sourceNames.Add(candidate);
                return candidate;
            }
        }
    }

    /// <summary>prefix0, prefix1… (the first free one).</summary>
    public string Fresh(string prefix, int startAt = 0)
    {
        for (int i = startAt; ; i++)
        {
            string candidate = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_sourceNames.Contains(candidate) && _claimed.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
