using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>Whether a piece of syntax writes what it names, for the checks that must know a value is never changed.</summary>
internal static class WrittenExpressions
{
    /// <summary>
    /// True when <paramref name="target"/> (through parentheses) is assigned, incremented or decremented, passed by
    /// <c>ref</c>/<c>out</c> (not <c>in</c>), taken as a <c>ref</c>, or deconstructed into (<c>(a, b) = …</c>).
    /// </summary>
    public static bool IsWritten(ExpressionSyntax target)
    {
        SyntaxNode? parent = target.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            target = (ExpressionSyntax)parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == target,
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => IsIncrementOrDecrement(parent),
            // An in argument is read by reference, never written (FB-24: a local function passing a captured variable with in).
            ArgumentSyntax argument => !(argument.RefKindKeyword.IsKind(SyntaxKind.None) || argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword))
                || (argument.Parent is TupleExpressionSyntax tuple && IsWritten(tuple)),
            RefExpressionSyntax => true,
            _ => false,
        };
    }

    /// <summary><c>++x</c>, <c>--x</c>, <c>x++</c> or <c>x--</c>.</summary>
    public static bool IsIncrementOrDecrement(SyntaxNode node) =>
        node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression)
        || node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression);
}
