using System.Collections.Generic;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>Names for the locals an inlined callee brings into a caller, apart from every name the caller (or an earlier copy) uses.</summary>
internal sealed class FreshNames
{
    private readonly HashSet<string> _taken;

    public FreshNames(MethodModel caller)
    {
        _taken = MethodNames.Of(caller);
    }

    /// <summary>
    /// A name no variable of the caller (nor an earlier inlined one) has: <paramref name="wanted"/> if free, else qualified
    /// by the callee it comes from when there is one (<c>sumInLogSumExp</c>), then numbered.
    /// </summary>
    public string Fresh(string wanted, string? callee)
    {
        string name = wanted;
        if (_taken.Contains(name) && callee is not null)
        {
            name = wanted + "In" + callee;
        }

        string stem = name;
        for (int suffix = 2; _taken.Contains(name); suffix++)
        {
            name = stem + "_" + suffix;
        }

        _taken.Add(name);
        return name;
    }
}
