namespace AutoDiffGen.Generator.Model;

/// <summary>A valid method whose calls all have a derivative, with the custom rules it uses: the input of emission.</summary>
internal sealed record ResolvedMethod(MethodModel Method, EquatableArray<CustomRuleModel> Rules);
