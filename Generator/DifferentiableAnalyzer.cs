using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Inlining;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator;

/// <summary>
/// Reports every AutoDiffGen rule live in the IDE, for [Differentiable] methods and [DerivativeOf] rules.
/// It runs the generator's own parser and differentiation, so what it accepts is exactly what the
/// generator emits; an internal error becomes ADG0099 instead of an exception.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DifferentiableAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.UnsupportedParameterType,
        DiagnosticDescriptors.UnsupportedReturnType,
        DiagnosticDescriptors.CallWithoutDerivative,
        DiagnosticDescriptors.UnsupportedStatement,
        DiagnosticDescriptors.DerivativeAlwaysZero,
        DiagnosticDescriptors.NonDifferentiableOperation,
        DiagnosticDescriptors.InvalidCustomDerivative,
        DiagnosticDescriptors.NameCollision,
        DiagnosticDescriptors.UnsupportedExpression,
        DiagnosticDescriptors.InternalError);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            Compilation compilation = start.Compilation;
            var rules = new Lazy<Dictionary<string, CustomRuleModel>>(() => CollectRules(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSyntaxNodeAction(node => AnalyzeMethod(node, rules), SyntaxKind.MethodDeclaration);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, Lazy<Dictionary<string, CustomRuleModel>> rules)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0 || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method)
        {
            return;
        }

        try
        {
            if (SymbolNames.HasAttribute(method, SymbolNames.DerivativeOfAttribute))
            {
                foreach (Diagnostic diagnostic in CustomRuleParser.Parse(method, syntax.Identifier.GetLocation()).Diagnostics)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }

            if (SymbolNames.HasAttribute(method, SymbolNames.DifferentiableAttribute))
            {
                AnalyzeDifferentiable(context, method, syntax, rules.Value);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(),
                method.Name, e.GetType().Name + ": " + e.Message));
        }
    }

    private static void AnalyzeDifferentiable(SyntaxNodeAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax syntax, Dictionary<string, CustomRuleModel> rules)
    {
        ParseOutcome outcome = MethodParser.Parse(method, syntax, context.SemanticModel, context.CancellationToken);
        foreach (Diagnostic diagnostic in outcome.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }

        bool callsResolved = true;
        foreach (CallSite call in outcome.CallsNeedingRules)
        {
            if (rules.ContainsKey(call.Callee.Key))
            {
                continue;
            }

            callsResolved = false;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CallWithoutDerivative, call.Location,
                method.Name, call.CalleeDisplay, call.RequiredSignature));
        }

        if (outcome.Model is null || !callsResolved ||
            InlineWriters(context, outcome, rules) is not { } model || model.ReturnsVoid)
        {
            return;
        }

        // The same transformation the generator runs, with the rules it would give: its warnings, and ADG0099 if it fails.
        DerivativePlan plan = ReverseSweep.Differentiate(model, CallResolver.RulesUsedBy(model.Body, rules));
        Emitter.Emit(model, plan);
        if (!plan.ResultIsActive)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DerivativeAlwaysZero, syntax.Identifier.GetLocation(), method.Name));
        }

        SourceText text = syntax.SyntaxTree.GetText(context.CancellationToken);
        foreach (SourceSpan span in plan.Activity.NonDifferentiableOperations)
        {
            var textSpan = new TextSpan(span.Start, span.Length);
            string code = text.ToString(textSpan);
            bool isRemainder = syntax.FindNode(textSpan, getInnermostNodeForTie: true) is BinaryExpressionSyntax or AssignmentExpressionSyntax;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NonDifferentiableOperation, Location.Create(syntax.SyntaxTree, textSpan),
                isRemainder ? $"The remainder '{code}'" : $"The cast '{code}'",
                method.Name,
                isRemainder
                    ? "the derivative used is 1 for the dividend and -truncate(a / b) for the divisor, which jumps wherever a / b crosses an integer"
                    : "its derivative is taken as zero; mark the inputs [NoDerivative] or register a custom derivative if that is not intended"));
        }
    }

    /// <summary>
    /// The method with the statements of the callees that write its arrays in place of those calls, as the generator inlines
    /// them (<see cref="WriterInliner"/>), or null with ADG0010 at the call that cannot take them in. The callees are parsed
    /// here, and so are the writers they call; a callee with errors of its own has them reported on it.
    /// </summary>
    private static MethodModel? InlineWriters(SyntaxNodeAnalysisContext context, ParseOutcome outcome, Dictionary<string, CustomRuleModel> rules)
    {
        if (outcome.WriterCalls.Count == 0)
        {
            return outcome.Model;
        }

        var models = new Dictionary<string, MethodModel?>();
        var pending = new Queue<WriterCallSite>(outcome.WriterCalls);
        while (pending.Count > 0)
        {
            IMethodSymbol callee = pending.Dequeue().Callee;
            string key = SymbolNames.MethodKey(callee);
            if (models.ContainsKey(key))
            {
                continue;
            }

            models[key] = null;
            if (callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax syntax &&
                context.SemanticModel.Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                // The callee may be declared in another file: its own model is the only way to parse it as the generator does.
#pragma warning disable RS1030
                SemanticModel model = syntax.SyntaxTree == context.SemanticModel.SyntaxTree
                    ? context.SemanticModel
                    : context.SemanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                ParseOutcome parsed = MethodParser.Parse(callee, syntax, model, context.CancellationToken);
                models[key] = parsed.CallsNeedingRules.All(c => rules.ContainsKey(c.Callee.Key)) ? parsed.Model : null;
                foreach (WriterCallSite nested in parsed.WriterCalls)
                {
                    pending.Enqueue(nested);
                }
            }
        }

        MethodModel? inlined = WriterInliner.Inline(outcome.Model!, k => models.TryGetValue(k, out MethodModel? m) ? m : null, out WriterInliner.Failure? failure);
        if (failure is not null)
        {
            if (failure.Reason is not null && outcome.WriterCalls.FirstOrDefault(c => SymbolNames.MethodKey(c.Callee) == failure.CalleeKey) is { } site)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedExpression, site.Location, outcome.Model!.Name, site.Text,
                    $"'{site.Callee.Name}' writes the elements of a collection it is given, so its statements stand in for the call, and {failure.Reason}"));
            }

            return null;
        }

        return inlined;
    }

    /// <summary>Every valid [DerivativeOf] rule in the compilation's source, by the key of the method it differentiates.</summary>
    private static Dictionary<string, CustomRuleModel> CollectRules(Compilation compilation)
    {
        // A syntactic pass finds the names of methods carrying an attribute that looks like DerivativeOf;
        // the symbol lookup by those names then confirms the attribute semantically.
        var names = new HashSet<string>(compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<MethodDeclarationSyntax>()) // members only: method bodies are never walked
            .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("DerivativeOf")))
            .Select(m => m.Identifier.ValueText));
        var rules = new Dictionary<string, CustomRuleModel>();
        if (names.Count == 0)
        {
            return rules;
        }

        foreach (IMethodSymbol rule in compilation.GetSymbolsWithName(names.Contains, SymbolFilter.Member).OfType<IMethodSymbol>()
                     .OrderBy(m => m.ToDisplayString(), StringComparer.Ordinal))
        {
            foreach (CustomRuleModel valid in CustomRuleParser.Parse(rule, Location.None).Rules)
            {
                if (!rules.ContainsKey(valid.TargetKey))
                {
                    rules.Add(valid.TargetKey, valid);
                }
            }
        }

        return rules;
    }
}
