using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator;

/// <summary>
/// Emits <c>MForward</c>, <c>MBackward</c>, <c>MValueAndGradient</c> and <c>MTape</c> for every
/// [Differentiable] method <c>M</c>: parse (symbols → model) → resolve calls → differentiate → emit.
/// </summary>
/// <remarks>
/// The generator reports no diagnostics: <see cref="DifferentiableAnalyzer"/> reports them live, from the
/// same parser. A method with any problem, or that calls one, simply gets no generated code. Exceptions
/// are caught per method (the analyzer reports ADG0099 for the same input).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParsedMethod> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SymbolNames.DifferentiableAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => ParseMethod(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedMethods);

        IncrementalValuesProvider<EquatableArray<CustomRuleModel>> rules = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SymbolNames.DerivativeOfAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, _) => ParseRules(syntaxContext))
            .WithTrackingName(TrackingNames.CustomRules);

        IncrementalValueProvider<EquatableArray<CustomRuleModel>> allRules = rules.Collect()
            .Select(static (all, _) => all.SelectMany(r => r).OrderBy(r => r.TargetKey, StringComparer.Ordinal)
                .ThenBy(r => r.RuleContainingType, StringComparer.Ordinal).ThenBy(r => r.RuleName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllCustomRules);

        IncrementalValueProvider<EquatableArray<ParsedMethod>> allMethods = methods.Collect()
            .Select(static (all, _) => all.OrderBy(m => m.Key, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllMethods);

        IncrementalValuesProvider<ResolvedMethod> resolved = allMethods.Combine(allRules)
            .SelectMany(static (pair, _) => SafeResolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ResolvedMethods);

        context.RegisterSourceOutput(resolved, static (production, method) => EmitMethod(production, method));
    }

    private static ParsedMethod ParseMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        string key = context.TargetSymbol is IMethodSymbol symbol ? SymbolNames.MethodKey(symbol) : context.TargetSymbol.Name;
        try
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
            {
                return new ParsedMethod(key, null);
            }

            return new ParsedMethod(key, MethodParser.Parse(method, syntax, context.SemanticModel, cancellationToken).Model);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ParsedMethod(key, null);
        }
    }

    private static EquatableArray<CustomRuleModel> ParseRules(GeneratorAttributeSyntaxContext context)
    {
        try
        {
            return context.TargetSymbol is IMethodSymbol rule
                ? CustomRuleParser.Parse(rule, Location.None).Rules.ToEquatableArray()
                : EquatableArray<CustomRuleModel>.Empty;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return EquatableArray<CustomRuleModel>.Empty;
        }
    }

    private static ImmutableArray<ResolvedMethod> SafeResolve(EquatableArray<ParsedMethod> methods, EquatableArray<CustomRuleModel> rules)
    {
        try
        {
            return CallResolver.Resolve(methods.ToList(), rules.ToList()).ToImmutableArray();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ImmutableArray<ResolvedMethod>.Empty;
        }
    }

    private static void EmitMethod(SourceProductionContext production, ResolvedMethod resolved)
    {
        if (resolved.Method.ReturnsVoid)
        {
            // A void method only writes its arguments: it is differentiated inside its callers, and has no entries of its own.
            return;
        }

        string? text = resolved.Inlined is { } inlined ? TryEmit(inlined, resolved) : null;
        if (text is null && (text = TryEmit(resolved.Method, resolved)) is not null && resolved.Inlined is not null)
        {
            // The inlined form failed where the method as written did not: emitted as written, calling its callees, and
            // said so in the file, where the tests look for it (it is a bug of the generator's, but not the user's problem).
            text = Emitter.WithNote(text, Emitter.InliningFailedNote);
        }

        if (text is null)
        {
            // The analyzer reports ADG0099 for this method; emitting nothing keeps the build free of broken code.
            return;
        }

        try
        {
            production.AddSource(resolved.Method.HintName, SourceText.From(text, Encoding.UTF8));
        }
        catch (ArgumentException)
        {
            // A hint name Roslyn refuses must never take down the whole run (every other method would lose
            // its code); the parser already leaves out members whose names cannot be written.
        }
    }

    private static string? TryEmit(MethodModel method, ResolvedMethod resolved)
    {
        try
        {
            return Emitter.Emit(method, ReverseSweep.Differentiate(method, resolved.Rules));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
