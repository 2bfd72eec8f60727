using System.Linq;
using AutoDiffGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// <c>++</c> and <c>--</c> of an int local or parameter inside an expression, as array code fills and drains arrays:
/// <c>h[n++] = v;</c>, <c>double last = h[--n];</c>, <c>return x[k++] * 2;</c>. The increment runs just before its statement
/// (<c>int nBefore = n; n = n + 1;</c>, the expression reading <c>nBefore</c>; a prefix one reads <c>n</c> itself), which is
/// C#'s order wherever nothing else in the statement reads or writes the variable — so that is required — and the
/// increment runs unconditionally — so it may not stand under <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c> or a switch expression,
/// nor in a loop's or an if's header, which run it again or not at all (the diagnostic says to give it a statement of its own).
/// </summary>
internal sealed partial class MethodParser
{
    private static bool IsIncrement(ExpressionSyntax syntax) =>
        syntax.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression or
            SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression;

    private Expr? ParseIncrementInExpression(ExpressionSyntax syntax)
    {
        ExpressionSyntax operand = syntax is PostfixUnaryExpressionSyntax postfix ? postfix.Operand : ((PrefixUnaryExpressionSyntax)syntax).Operand;
        bool isPostfix = syntax is PostfixUnaryExpressionSyntax;
        bool up = syntax.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PreIncrementExpression;
        ISymbol? variable = _model.GetSymbolInfo(operand, _cancellationToken).Symbol;
        if (variable is null)
        {
            _hasSilentErrors = true;
            return null;
        }

        // In a local function's expression body the nearest statement is the local function's declaration: no statement either.
        StatementSyntax? statement = syntax.FirstAncestorOrSelf<StatementSyntax>() is { } enclosing and not LocalFunctionStatementSyntax ? enclosing : null;
        string? why =
            operand is not IdentifierNameSyntax || variable is not (ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 } or IParameterSymbol { Type.SpecialType: SpecialType.System_Int32 })
                ? "++ and -- inside an expression apply to an int local or parameter only; give it a statement of its own"
            : statement is null
                ? "++ and -- inside an expression body have no statement to run before; write a block body"
            : statement is not (LocalDeclarationStatementSyntax or ExpressionStatementSyntax or ReturnStatementSyntax)
                ? "++ and -- inside a loop's or an if's header run again or not at all; give it a statement of its own"
            : syntax.Ancestors().TakeWhile(a => a != statement).Any(RunsSometimes)
                ? "++ and -- under ?:, &&, || or a switch expression run only sometimes; give it a statement of its own"
            : statement.DescendantNodes().OfType<IdentifierNameSyntax>().Count(name => name.Identifier.ValueText == variable.Name &&
                  SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol, variable)) > 1 ||
              LocalFunctionsCalledIn(statement).Any(called => VariablesReadThrough(called).Any(read => SymbolEqualityComparer.Default.Equals(read.Variable, variable)))
                ? "the statement also reads or writes '" + variable.Name + "' (itself or through a local function it calls), so when ++ or -- runs matters; give it a statement of its own"
            : null;
        if (why is not null)
        {
            ReportUnsupportedExpression(syntax, why);
            return null;
        }

        SourceInfo source = Source(statement!);
        var current = new VariableRef(ScalarKind.Int, variable.Name);
        var stepped = new Binary(ScalarKind.Int, up ? BinaryOperator.Add : BinaryOperator.Subtract, current, new Constant(ScalarKind.Int, 1));
        if (!isPostfix)
        {
            _beforeStatement.Add(new Assignment(source, variable.Name, stepped));
            return current;
        }

        // x[n++] reads n as it was: kept in a local first.
        var before = new VariableRef(ScalarKind.Int, FreshName(variable.Name + "Before"));
        _beforeStatement.Add(new LocalDeclaration(source, before.Name, ScalarKind.Int, current));
        _beforeStatement.Add(new Assignment(source, variable.Name, stepped));
        return before;
    }

    /// <summary>An expression that evaluates some of its operands only sometimes (or, for a lambda, elsewhere).</summary>
    private static bool RunsSometimes(SyntaxNode node) =>
        node is ConditionalExpressionSyntax or SwitchExpressionSyntax or ConditionalAccessExpressionSyntax or LambdaExpressionSyntax ||
        node.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression;
}
