namespace AutoDiffGen.Generator.Model;

/// <summary>
/// A valid method whose calls all have a derivative, with the custom rules it uses: the input of emission.
/// <paramref name="Inlined"/> is the method with small callees taken into its loops (see <c>CallInliner</c>), or null
/// when it has no such call; emission differentiates it, and falls back to <paramref name="Method"/> should it fail.
/// <paramref name="Method"/> already has the statements of the callees that write its arrays in place of those calls (<c>WriterInliner</c>).
/// </summary>
internal sealed record ResolvedMethod(MethodModel Method, EquatableArray<CustomRuleModel> Rules, MethodModel? Inlined = null);
