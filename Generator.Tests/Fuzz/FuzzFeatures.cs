using System;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>Language features the program generator may use beyond straight-line code, branches and calls.</summary>
[Flags]
public enum FuzzFeatures
{
    None = 0,

    /// <summary>Local double[] arrays with element reads, overwrites and compound updates.</summary>
    Arrays = 1,

    /// <summary>for loops with constant trip counts, break, and loop counters in conditions and indices.</summary>
    Loops = 2,

    /// <summary>
    /// What CI checks. Arrays and loops are off until FB-4 (FoundBugs.md) is fixed: a method with a
    /// loop or an array that also calls another [Differentiable] method with a computed argument gets
    /// generated code that does not compile (one program in eight). AUTODIFFGEN_FUZZ_FEATURES=All turns them on.
    /// </summary>
    Default = None,

    All = Arrays | Loops,
}
