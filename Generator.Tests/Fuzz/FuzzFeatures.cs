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
    /// Helper methods with double[], ReadOnlySpan&lt;double&gt; and Span&lt;double&gt; parameters they read (with double and int
    /// parameters mixed in), an entry that takes collections too, and calls that pass local arrays, the caller's own
    /// collections, or one collection twice.
    /// </summary>
    Collections = 4,

    All = Arrays | Loops | Collections,

    /// <summary>What CI checks: everything (AUTODIFFGEN_FUZZ_FEATURES=None narrows it to straight-line code).</summary>
    Default = All,
}
