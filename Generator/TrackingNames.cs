namespace AutoDiffGen.Generator;

/// <summary>The names of the generator's pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>One <c>ParsedMethod</c> per [Differentiable] method.</summary>
    public const string ParsedMethods = nameof(ParsedMethods);

    /// <summary>The valid [DerivativeOf] rules of one rule method.</summary>
    public const string CustomRules = nameof(CustomRules);

    /// <summary>All rules of the compilation, in a stable order.</summary>
    public const string AllCustomRules = nameof(AllCustomRules);

    /// <summary>All parsed methods of the compilation, in a stable order.</summary>
    public const string AllMethods = nameof(AllMethods);

    /// <summary>One <c>ResolvedMethod</c> per method that can be emitted (its callees and rules all exist).</summary>
    public const string ResolvedMethods = nameof(ResolvedMethods);
}
