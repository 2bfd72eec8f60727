using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Validates [DerivativeOf] rules. A rule for <c>T M(P1 p1, …)</c> is a static, non-generic, internal or
/// public method <c>T Rule(P1 p1, …, out Pi dpi…)</c> with one out partial per double/float parameter, in order.
/// </summary>
internal static class CustomRuleParser
{
    /// <summary>The valid rules declared by <paramref name="rule"/> (one per attribute), and a diagnostic for each invalid one.</summary>
    public static (List<CustomRuleModel> Rules, List<Diagnostic> Diagnostics) Parse(IMethodSymbol rule, Location location)
    {
        var rules = new List<CustomRuleModel>();
        var diagnostics = new List<Diagnostic>();
        foreach (AttributeData attribute in rule.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != SymbolNames.DerivativeOfAttribute ||
                attribute.ConstructorArguments.Length != 2 ||
                attribute.ConstructorArguments[0].Value is not INamedTypeSymbol targetType ||
                attribute.ConstructorArguments[1].Value is not string targetName)
            {
                continue;
            }

            string targetDisplay = targetType.ToDisplayString() + "." + targetName;
            IMethodSymbol[] candidates = targetType.GetMembers(targetName).OfType<IMethodSymbol>().ToArray();
            IMethodSymbol? target = candidates.FirstOrDefault(c => LeadingParametersMatch(c, rule))
                                    ?? (candidates.Length == 1 ? candidates[0] : null);
            if (target is null)
            {
                string expected = candidates.Length == 0
                    ? $"a method named '{targetName}' in '{targetType.ToDisplayString()}' (none exists)"
                    : string.Join(" or ", candidates.Select(MethodParser.RequiredRuleSignature));
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidCustomDerivative, location, rule.Name, targetDisplay, expected));
                continue;
            }

            if (!IsValidRuleFor(target, rule))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidCustomDerivative, location, rule.Name, targetDisplay,
                    MethodParser.RequiredRuleSignature(target) + " (static, non-generic, internal or public, in a non-generic type)"));
                continue;
            }

            if (!SymbolNames.HasWritableNames(rule))
            {
                continue; // a rule in a half-typed type cannot be called from generated code; the compiler reports the typo
            }

            rules.Add(new CustomRuleModel(SymbolNames.MethodKey(target), SymbolNames.FullyQualified(rule.ContainingType), rule.Name));
        }

        return (rules, diagnostics);
    }

    public static Location LocationOf(IMethodSymbol rule, MethodDeclarationSyntax? syntax) =>
        syntax?.Identifier.GetLocation() ?? rule.Locations.FirstOrDefault() ?? Location.None;

    private static bool LeadingParametersMatch(IMethodSymbol target, IMethodSymbol rule) =>
        rule.Parameters.Length >= target.Parameters.Length &&
        target.Parameters.Select((p, i) => SymbolEqualityComparer.Default.Equals(p.Type, rule.Parameters[i].Type) && rule.Parameters[i].RefKind == RefKind.None).All(ok => ok);

    private static bool IsValidRuleFor(IMethodSymbol target, IMethodSymbol rule)
    {
        if (!rule.IsStatic || rule.IsGenericMethod || !IsReachable(rule) ||
            SymbolNames.KindOf(target.ReturnType) is not (ScalarKind.Double or ScalarKind.Float) ||
            !SymbolEqualityComparer.Default.Equals(target.ReturnType, rule.ReturnType) ||
            target.Parameters.Any(p => SymbolNames.KindOf(p.Type) is null || p.RefKind != RefKind.None) ||
            !LeadingParametersMatch(target, rule))
        {
            return false;
        }

        IParameterSymbol[] partials = target.Parameters.Where(p => SymbolNames.KindOf(p.Type) is ScalarKind.Double or ScalarKind.Float).ToArray();
        if (rule.Parameters.Length != target.Parameters.Length + partials.Length)
        {
            return false;
        }

        for (int i = 0; i < partials.Length; i++)
        {
            IParameterSymbol output = rule.Parameters[target.Parameters.Length + i];
            if (output.RefKind != RefKind.Out || !SymbolEqualityComparer.Default.Equals(output.Type, partials[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    // Generated code calls the rule from another type, so the rule and its containing types must be visible in the assembly.
    private static bool IsReachable(ISymbol symbol)
    {
        for (ISymbol? s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }

            if (s is INamedTypeSymbol { IsGenericType: true })
            {
                return false;
            }
        }

        return true;
    }
}
