using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

internal sealed partial class MethodParser
{
    private const string LoopFix = "loops are not supported yet (they come with span and array support); unroll it or move it to the caller";

    private Block? ParseBody()
    {
        if (_syntax.ExpressionBody is { } arrow)
        {
            Expr? value = ParseConverted(arrow.Expression);
            return value is null ? null : new Block(Source(arrow), EquatableArray.Of<Stmt>(new Return(Source(arrow), value)));
        }

        return _syntax.Body is { } body ? ParseBlock(body) : null;
    }

    private Block? ParseBlock(BlockSyntax block) => ParseStatementList(block, block.Statements);

    private Block? ParseStatementList(SyntaxNode owner, IEnumerable<StatementSyntax> statements)
    {
        var parsed = new List<Stmt>();
        bool ok = true;
        foreach (StatementSyntax statement in statements)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            List<Stmt>? lowered = ParseStatement(statement);
            if (lowered is null)
            {
                ok = false;
            }
            else
            {
                parsed.AddRange(lowered);
            }
        }

        return ok ? new Block(Source(owner, "{"), parsed.ToEquatableArray()) : null;
    }

    private Block? ParseEmbedded(StatementSyntax statement) =>
        statement is BlockSyntax block ? ParseBlock(block) : ParseStatementList(statement, new[] { statement });

    /// <summary>One source statement becomes zero or more IR statements (a declaration of several locals becomes several).</summary>
    private List<Stmt>? ParseStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case BlockSyntax block:
                return ParseBlock(block) is { } b ? new List<Stmt> { b } : null;
            case EmptyStatementSyntax:
                return new List<Stmt>();
            case LocalDeclarationStatementSyntax declaration:
                return ParseLocalDeclaration(declaration);
            case ExpressionStatementSyntax expression:
                return ParseExpressionStatement(expression) is { } s ? new List<Stmt> { s } : null;
            case ReturnStatementSyntax { Expression: { } value } ret:
                return ParseConverted(value, _method.ReturnType) is { } v ? new List<Stmt> { new Return(Source(ret), v) } : null;
            case IfStatementSyntax ifStatement:
                return ParseIf(ifStatement) is { } i ? new List<Stmt> { i } : null;
            case SwitchStatementSyntax switchStatement:
                return ParseSwitch(switchStatement) is { } sw ? new List<Stmt> { sw } : null;
            case ForStatementSyntax f:
                ReportUnsupportedStatement(f.ForKeyword, "a 'for' loop", LoopFix);
                return null;
            case WhileStatementSyntax w:
                ReportUnsupportedStatement(w.WhileKeyword, "a 'while' loop", LoopFix);
                return null;
            case DoStatementSyntax d:
                ReportUnsupportedStatement(d.DoKeyword, "a 'do' loop", LoopFix);
                return null;
            case CommonForEachStatementSyntax fe:
                ReportUnsupportedStatement(fe.ForEachKeyword, "a 'foreach' loop", LoopFix);
                return null;
            case GotoStatementSyntax g:
                ReportUnsupportedStatement(g.GotoKeyword, "'goto'", "use if/else or switch instead");
                return null;
            case TryStatementSyntax t:
                ReportUnsupportedStatement(t.TryKeyword, "try/catch/finally", "handle errors in the caller; a derivative cannot flow through an exception handler");
                return null;
            case UnsafeStatementSyntax u:
                ReportUnsupportedStatement(u.UnsafeKeyword, "an 'unsafe' block", "use safe code");
                return null;
            case FixedStatementSyntax fx:
                ReportUnsupportedStatement(fx.FixedKeyword, "a 'fixed' statement", "use safe code");
                return null;
            case LockStatementSyntax l:
                ReportUnsupportedStatement(l.LockKeyword, "a 'lock' statement", "take the lock in the caller");
                return null;
            case YieldStatementSyntax y:
                ReportUnsupportedStatement(y.YieldKeyword, "'yield'", "a differentiable method returns one double or float value");
                return null;
            case UsingStatementSyntax us:
                ReportUnsupportedStatement(us.UsingKeyword, "a 'using' statement", "move resource handling to the caller");
                return null;
            case CheckedStatementSyntax c:
                ReportUnsupportedStatement(c.Keyword, "a '" + c.Keyword.Text + "' block", "remove it");
                return null;
            case ThrowStatementSyntax th:
                ReportUnsupportedStatement(th.ThrowKeyword, "'throw'", "validate arguments in the caller");
                return null;
            case BreakStatementSyntax br:
                ReportUnsupportedStatement(br.BreakKeyword, "'break' before the end of a switch section", "restructure the section with if/else");
                return null;
            case ContinueStatementSyntax co:
                ReportUnsupportedStatement(co.ContinueKeyword, "'continue'", LoopFix);
                return null;
            case LocalFunctionStatementSyntax lf:
                ReportUnsupportedStatement(lf.Identifier, "a local function", "make it a [Differentiable] method of the type");
                return null;
            case LabeledStatementSyntax labeled:
                // A label alone changes nothing; the goto that jumps to it is what gets reported.
                return ParseStatement(labeled.Statement);
            default:
                ReportUnsupportedStatement(statement, "the statement '" + OneLine(statement.ToString()) + "'", "rewrite it with locals, if/else, switch and return");
                return null;
        }
    }

    private List<Stmt>? ParseLocalDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
        {
            ReportUnsupportedStatement(declaration.UsingKeyword, "a 'using' declaration", "move resource handling to the caller");
            return null;
        }

        if (declaration.Declaration.Type is RefTypeSyntax)
        {
            ReportUnsupportedStatement(declaration, "a ref local", "use an ordinary local (a copy)");
            return null;
        }

        var result = new List<Stmt>();
        bool ok = true;
        foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(variable, _cancellationToken) is not ILocalSymbol local || local.Type.TypeKind == TypeKind.Error)
            {
                _hasSilentErrors = true;
                return null;
            }

            if (SymbolNames.KindOf(local.Type) is not { } kind)
            {
                ReportUnsupportedStatement(variable, "a local of type '" + local.Type.ToDisplayString() + "'", "use double, float, int or bool locals");
                ok = false;
                continue;
            }

            Expr? initializer = null;
            if (variable.Initializer is { } init)
            {
                initializer = ParseConverted(init.Value, local.Type);
                ok &= initializer is not null;
            }

            result.Add(new LocalDeclaration(Source(declaration), local.Name, kind, initializer));
        }

        return ok ? result : null;
    }

    private Stmt? ParseExpressionStatement(ExpressionStatementSyntax statement)
    {
        SourceInfo source = Source(statement);
        switch (statement.Expression)
        {
            case AssignmentExpressionSyntax assignment:
                return ParseAssignment(source, assignment);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix:
                return ParseIncrement(source, postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression));
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix:
                return ParseIncrement(source, prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression));
            default:
                ReportUnsupportedStatement(statement, "a statement whose value is discarded ('" + OneLine(statement.ToString()) + "')", "assign its result to a local, or remove it");
                return null;
        }
    }

    /// <summary>The local or parameter an assignment writes, or null (with a diagnostic) for anything else.</summary>
    private (string Name, ScalarKind Kind, ITypeSymbol Type)? AssignmentTarget(ExpressionSyntax target)
    {
        ISymbol? symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when SymbolNames.KindOf(local.Type) is { } kind && target is IdentifierNameSyntax:
                return (local.Name, kind, local.Type);
            case IParameterSymbol parameter when SymbolNames.KindOf(parameter.Type) is { } kind && target is IdentifierNameSyntax:
                return (parameter.Name, kind, parameter.Type);
            case null:
                _hasSilentErrors = true;
                return null;
            default:
                if (target is ElementAccessExpressionSyntax)
                {
                    ReportUnsupportedStatement(target, "an element write", "element writes come with span and array support; use locals for now");
                }
                else
                {
                    ReportUnsupportedStatement(target, "an assignment to '" + OneLine(target.ToString()) + "'", "a differentiable method may only assign its own locals and parameters; return the value instead");
                }

                return null;
        }
    }

    private Stmt? ParseAssignment(SourceInfo source, AssignmentExpressionSyntax assignment)
    {
        if (AssignmentTarget(assignment.Left) is not { } target)
        {
            return null;
        }

        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return ParseConverted(assignment.Right, target.Type) is { } value ? new Assignment(source, target.Name, value) : null;
        }

        BinaryOperator? op = assignment.Kind() switch
        {
            SyntaxKind.AddAssignmentExpression => BinaryOperator.Add,
            SyntaxKind.SubtractAssignmentExpression => BinaryOperator.Subtract,
            SyntaxKind.MultiplyAssignmentExpression => BinaryOperator.Multiply,
            SyntaxKind.DivideAssignmentExpression => BinaryOperator.Divide,
            SyntaxKind.ModuloAssignmentExpression => BinaryOperator.Remainder,
            _ => null,
        };
        if (op is null)
        {
            ReportUnsupportedExpression(assignment, "use +=, -=, *=, /= or a plain assignment");
            return null;
        }

        if (ParseExpression(assignment.Right) is not { } right)
        {
            return null;
        }

        // x op= e means x = (T)(x op e), computed in the wider of the two types.
        ScalarKind opKind = Wider(target.Kind, right.Kind);
        Expr computed = new Binary(opKind, op.Value, ConvertTo(new VariableRef(target.Kind, target.Name), opKind), ConvertTo(right, opKind),
            op == BinaryOperator.Remainder ? SpanOf(assignment) : null);
        return new Assignment(source, target.Name, ConvertTo(computed, target.Kind));
    }

    private Stmt? ParseIncrement(SourceInfo source, ExpressionSyntax operand, bool increment)
    {
        if (AssignmentTarget(operand) is not { } target)
        {
            return null;
        }

        var variable = new VariableRef(target.Kind, target.Name);
        return new Assignment(source, target.Name,
            new Binary(target.Kind, increment ? BinaryOperator.Add : BinaryOperator.Subtract, variable, new Constant(target.Kind, 1)));
    }

    private If? ParseIf(IfStatementSyntax statement)
    {
        Expr? condition = ParseConverted(statement.Condition);
        Block? then = ParseEmbedded(statement.Statement);
        Block? otherwise = null;
        bool ok = condition is not null && then is not null;
        if (statement.Else is { } elseClause)
        {
            otherwise = ParseEmbedded(elseClause.Statement);
            ok &= otherwise is not null;
        }

        return ok ? new If(Source(statement, "if (" + statement.Condition + ")"), condition!, then!, otherwise) : null;
    }

    private Switch? ParseSwitch(SwitchStatementSyntax statement)
    {
        Expr? governing = ParseConverted(statement.Expression);
        bool ok = governing is not null;
        var sections = new List<SwitchSection>();
        foreach (SwitchSectionSyntax section in statement.Sections)
        {
            var labels = new List<Pattern>();
            foreach (SwitchLabelSyntax label in section.Labels)
            {
                Pattern? pattern = label switch
                {
                    DefaultSwitchLabelSyntax => new DiscardPattern(),
                    CaseSwitchLabelSyntax c => ParseConstantPattern(c.Value),
                    CasePatternSwitchLabelSyntax { WhenClause: null } p => ParsePattern(p.Pattern),
                    CasePatternSwitchLabelSyntax p => UnsupportedPattern(p.WhenClause!, "'when' clauses are not supported; use if/else inside the section"),
                    _ => UnsupportedPattern(label, "use constant or relational patterns"),
                };
                ok &= pattern is not null;
                if (pattern is not null)
                {
                    labels.Add(pattern);
                }
            }

            // C# forbids falling through, so a section ends with break (dropped here) or returns.
            List<StatementSyntax> body = section.Statements.Count == 1 && section.Statements[0] is BlockSyntax only
                ? only.Statements.ToList()
                : section.Statements.ToList();
            if (body.Count > 0 && body[body.Count - 1] is BreakStatementSyntax)
            {
                body.RemoveAt(body.Count - 1);
            }

            Block? parsedBody = ParseStatementList(section, body);
            ok &= parsedBody is not null;
            if (parsedBody is not null)
            {
                sections.Add(new SwitchSection(labels.ToEquatableArray(), parsedBody));
            }
        }

        return ok ? new Switch(Source(statement, "switch (" + statement.Expression + ")"), governing!, sections.ToEquatableArray()) : null;
    }

    private Pattern? UnsupportedPattern(SyntaxNode where, string fix)
    {
        ReportUnsupportedExpression(where, fix);
        return null;
    }
}
