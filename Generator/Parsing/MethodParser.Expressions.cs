using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Conversion = AutoDiffGen.Generator.Ir.Conversion;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

internal sealed partial class MethodParser
{
    private const string ScalarFix = "only double, float, int and bool values are supported";

    /// <summary>Parses <paramref name="syntax"/> and converts it to the type C# converts it to (or to <paramref name="target"/>).</summary>
    private Expr? ParseConverted(ExpressionSyntax syntax, ITypeSymbol? target = null)
    {
        if (RefuseThrowExpression(syntax))
        {
            return null;
        }

        TypeInfo info = _model.GetTypeInfo(syntax, _cancellationToken);
        ITypeSymbol? convertedType = target ?? info.ConvertedType ?? info.Type;
        if (convertedType is null || convertedType.TypeKind == TypeKind.Error)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (SymbolNames.KindOf(convertedType) is not { } kind)
        {
            ReportNotScalar(syntax);
            return null;
        }

        if (FoldConstant(syntax, kind) is { } constant)
        {
            return constant;
        }

        return ParseExpression(syntax) is { } expr ? ConvertTo(expr, kind) : null;
    }

    private Constant? FoldConstant(ExpressionSyntax syntax, ScalarKind kind)
    {
        Optional<object?> value = _model.GetConstantValue(syntax, _cancellationToken);
        if (!value.HasValue)
        {
            return null;
        }

        return value.Value switch
        {
            bool b => new Constant(ScalarKind.Bool, b ? 1 : 0),
            double d => new Constant(kind, kind == ScalarKind.Float ? (float)d : d),
            float f => new Constant(kind, f),
            int i => new Constant(kind, i),
            _ => null,
        };
    }

    private static Expr ConvertTo(Expr expr, ScalarKind kind) => expr.Kind == kind ? expr
        : expr is Constant c && kind.IsFloatingPoint() && c.Kind != ScalarKind.Bool ? new Constant(kind, kind == ScalarKind.Float ? (float)c.Value : c.Value)
        : new Conversion(kind, expr);

    private static ScalarKind Wider(ScalarKind a, ScalarKind b) =>
        a == ScalarKind.Double || b == ScalarKind.Double ? ScalarKind.Double
        : a == ScalarKind.Float || b == ScalarKind.Float ? ScalarKind.Float
        : a == ScalarKind.Bool && b == ScalarKind.Bool ? ScalarKind.Bool
        : ScalarKind.Int;

    private ScalarKind? NaturalKind(ExpressionSyntax syntax)
    {
        ITypeSymbol? type = _model.GetTypeInfo(syntax, _cancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            _hasSilentErrors = true;
            return null;
        }

        ScalarKind? kind = SymbolNames.KindOf(type);
        if (kind is null)
        {
            ReportNotScalar(syntax);
        }

        return kind;
    }

    private void ReportNotScalar(ExpressionSyntax syntax)
    {
        if (CallsLocalFunctionNotTakenIn(syntax))
        {
            // Its declaration is reported (ADG0005, with the code fix that moves it out); the call would only repeat why.
            _hasSilentErrors = true;
            return;
        }

        ReportUnsupportedExpression(syntax, ScalarFix);
    }

    /// <summary>Parses an expression in its own (natural) type; the caller applies the conversion.</summary>
    private Expr? ParseExpression(ExpressionSyntax syntax)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (RefuseThrowExpression(syntax))
        {
            return null;
        }

        if (NaturalKind(syntax) is not { } kind)
        {
            return null;
        }

        if (FoldConstant(syntax, kind) is { } constant)
        {
            return constant;
        }

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return ParseExpression(parenthesized.Expression);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax or ThisExpressionSyntax:
                return ParseName(syntax, kind);
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.UnaryMinusExpression):
                return ParseConverted(prefix.Operand, null) is { } negated ? new Unary(kind, UnaryOperator.Negate, ConvertTo(negated, kind)) : null;
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.UnaryPlusExpression):
                return ParseConverted(prefix.Operand) is { } plus ? ConvertTo(plus, kind) : null;
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.LogicalNotExpression):
                return ParseConverted(prefix.Operand) is { } not ? new Unary(kind, UnaryOperator.LogicalNot, not) : null;
            case BinaryExpressionSyntax binary:
                return ParseBinary(binary, kind);
            case CastExpressionSyntax cast:
                return ParseExpression(cast.Expression) is { } operand ? new Conversion(kind, operand, SpanOf(cast)) : null;
            case ConditionalExpressionSyntax conditional:
            {
                Expr? condition = ParseConverted(conditional.Condition);
                Expr? whenTrue = ParseConverted(conditional.WhenTrue);
                Expr? whenFalse = ParseConverted(conditional.WhenFalse);
                return condition is null || whenTrue is null || whenFalse is null ? null
                    : new Conditional(kind, condition, ConvertTo(whenTrue, kind), ConvertTo(whenFalse, kind));
            }

            case InvocationExpressionSyntax invocation:
                return ParseInvocation(invocation, kind);
            case SwitchExpressionSyntax switchExpression:
                return ParseSwitchExpression(switchExpression, kind);
            case IsPatternExpressionSyntax isPattern:
            {
                // value is pattern: the pattern's tests on the value, read once per test (a call in it runs once per test: same value, more work).
                Expr? value = ParseConverted(isPattern.Expression);
                Pattern? pattern = ParsePattern(isPattern.Pattern);
                return value is null || pattern is null ? null : PatternConditions.Of(pattern, value);
            }

            case ElementAccessExpressionSyntax element:
                return ParseElementAccess(element);
            case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when IsIncrement(syntax):
                return ParseIncrementInExpression(syntax);
            case AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax:
                ReportUnsupportedExpression(syntax, "assignments and ++/-- are supported as statements only; move it to its own statement");
                return null;
            default:
                ReportUnsupportedExpression(syntax, "use arithmetic, comparisons, ?:, switch expressions, Math functions and calls to [Differentiable] methods");
                return null;
        }
    }

    private Expr? ParseName(ExpressionSyntax syntax, ScalarKind kind)
    {
        ISymbol? symbol = _model.GetSymbolInfo(syntax, _cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local:
                return new VariableRef(kind, local.Name);
            case IParameterSymbol parameter:
                return new VariableRef(kind, parameter.Name);
            case IPropertySymbol { Name: "Length" } when syntax is MemberAccessExpressionSyntax access && TryParseJaggedLength(access.Expression, out Expr? jaggedLength):
                return jaggedLength;
            case IPropertySymbol { Name: "Length" } when syntax is MemberAccessExpressionSyntax access && Array2DNamed(access.Expression) is { } array:
                return new LengthOf(array.Elements);
            case IPropertySymbol { Name: "Length" } when syntax is MemberAccessExpressionSyntax access &&
                                                        SymbolNames.CollectionOf(_model.GetTypeInfo(access.Expression, _cancellationToken).Type) is not null:
                return ViewNamed(access.Expression) is { } view ? view.Length
                    : ParseCollection(access.Expression) is { } lengthOf ? new LengthOf(lengthOf) : null;
            case IFieldSymbol or IPropertySymbol when symbol.IsStatic:
                return new MemberRead(kind, SymbolNames.FullyQualified(symbol.ContainingType) + "." + SymbolNames.Escaped(symbol.Name));
            case IFieldSymbol or IPropertySymbol when syntax is IdentifierNameSyntax ||
                                                      (syntax is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }):
                return new MemberRead(kind, "this." + SymbolNames.Escaped(symbol.Name));
            case null:
                _hasSilentErrors = true;
                return null;
            default:
                ReportUnsupportedExpression(syntax, "read fields and properties of this instance or static ones; members of other objects are not supported");
                return null;
        }
    }

    /// <summary><c>values[index]</c> of a span, array parameter or local array, with one int index.</summary>
    private Expr? ParseElementAccess(ElementAccessExpressionSyntax element)
    {
        if (Array2DNamed(element.Expression) is { } array)
        {
            return ParseElement2D(element, array);
        }

        if (TryParseJaggedElement(element, out Expr? jagged))
        {
            return jagged;
        }

        if (element.ArgumentList.Arguments.Count != 1 || element.ArgumentList.Arguments[0] is not { NameColon: null, RefKindKeyword.RawKind: (int)SyntaxKind.None } argument ||
            argument.Expression is RangeExpressionSyntax)
        {
            ReportUnsupportedExpression(element, "index with one int expression, or ^ and one (no ranges or several indices)");
            return null;
        }

        // values[^e] is values[values.Length - e], as C# itself lowers it for a type with Length and an int indexer.
        ExpressionSyntax? fromEnd = argument.Expression is PrefixUnaryExpressionSyntax hat && hat.IsKind(SyntaxKind.IndexExpression) ? hat.Operand : null;
        if (ViewNamed(element.Expression) is { } view)
        {
            return fromEnd is null ? ParseViewElement(view, argument.Expression, element.Expression) : ParseViewElementFromEnd(view, fromEnd);
        }

        if (!IsNamedCollection(element.Expression))
        {
            ReportUnsupportedExpression(element, "index a span or array parameter, or a local array, by name");
            return null;
        }

        CollectionRef? collection = ParseCollection(element.Expression);
        if (collection is null)
        {
            return null;
        }

        Expr? index = ParseIndex(fromEnd ?? argument.Expression);
        if (index is not null && fromEnd is not null)
        {
            index = new Binary(ScalarKind.Int, BinaryOperator.Subtract, new LengthOf(collection), index);
        }

        return index is null ? null : new ElementRead(collection.Kind, collection, index);
    }

    /// <summary>An element index: an int expression (anything else is reported; half-typed code stays silent).</summary>
    private Expr? ParseIndex(ExpressionSyntax syntax)
    {
        ITypeSymbol? indexType = _model.GetTypeInfo(syntax, _cancellationToken).Type;
        if (indexType is null || indexType.TypeKind == TypeKind.Error)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (indexType.SpecialType != SpecialType.System_Int32)
        {
            ReportUnsupportedExpression(syntax, "index with an int expression");
            return null;
        }

        return ParseConverted(syntax);
    }

    /// <summary>True for a parameter or local of span or array type, named directly (what element access and foreach accept).</summary>
    private bool IsNamedCollection(ExpressionSyntax syntax) =>
        syntax is IdentifierNameSyntax &&
        _model.GetSymbolInfo(syntax, _cancellationToken).Symbol switch
        {
            ILocalSymbol local => SymbolNames.CollectionOf(local.Type) is not null || _arrays2D.ContainsKey(local),
            IParameterSymbol parameter => SymbolNames.CollectionOf(parameter.Type) is not null || _arrays2D.ContainsKey(parameter),
            null => true, // half-typed code: ParseCollection stays silent about it
            _ => false,
        };

    /// <summary>A span or array: a parameter or a local array, named directly.</summary>
    private CollectionRef? ParseCollection(ExpressionSyntax syntax)
    {
        ISymbol? symbol = _model.GetSymbolInfo(syntax, _cancellationToken).Symbol;
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        if (symbol is null && syntax is not IdentifierNameSyntax && _model.GetTypeInfo(syntax, _cancellationToken).Type is { TypeKind: not TypeKind.Error })
        {
            // A well-typed expression without a symbol (a range of an array, x[1..]) is no collection by name: report it.
            ReportUnsupportedExpression(syntax, "use a span or array parameter, or a local array, by name (spans and arrays of double, float or int)");
            return null;
        }

        if (symbol is null)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (symbol is ILocalSymbol view && _views.ContainsKey(view))
        {
            ReportUnsupportedExpression(syntax, "index the span view '" + view.Name + "', take its Length, or pass it to a [Differentiable] method");
            return null;
        }

        if (syntax is IdentifierNameSyntax && _arrays2D.TryGetValue(symbol, out Array2D? array))
        {
            return array.Elements;
        }

        if (syntax is not IdentifierNameSyntax || SymbolNames.CollectionOf(type) is not { } collection)
        {
            ReportUnsupportedExpression(syntax, "use a span or array parameter, or a local array, by name (spans and arrays of double, float or int)");
            return null;
        }

        return new CollectionRef(collection.Kind, collection.Shape, symbol.Name);
    }

    private Expr? ParseBinary(BinaryExpressionSyntax binary, ScalarKind kind)
    {
        BinaryOperator? op = binary.Kind() switch
        {
            SyntaxKind.AddExpression => BinaryOperator.Add,
            SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
            SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
            SyntaxKind.DivideExpression => BinaryOperator.Divide,
            SyntaxKind.ModuloExpression => BinaryOperator.Remainder,
            SyntaxKind.LessThanExpression => BinaryOperator.Less,
            SyntaxKind.LessThanOrEqualExpression => BinaryOperator.LessOrEqual,
            SyntaxKind.GreaterThanExpression => BinaryOperator.Greater,
            SyntaxKind.GreaterThanOrEqualExpression => BinaryOperator.GreaterOrEqual,
            SyntaxKind.EqualsExpression => BinaryOperator.Equal,
            SyntaxKind.NotEqualsExpression => BinaryOperator.NotEqual,
            SyntaxKind.LogicalAndExpression => BinaryOperator.LogicalAnd,
            SyntaxKind.LogicalOrExpression => BinaryOperator.LogicalOr,
            _ => null,
        };
        if (op is null)
        {
            ReportUnsupportedExpression(binary, "bitwise operators and shifts are not supported; use arithmetic and comparisons");
            return null;
        }

        Expr? left = ParseConverted(binary.Left);
        Expr? right = ParseConverted(binary.Right);
        if (left is null || right is null)
        {
            return null;
        }

        // Comparisons compare in the operands' common type; arithmetic computes in the result type.
        ScalarKind operandKind = OperatorText.IsComparison(op.Value) ? Wider(left.Kind, right.Kind) : kind;
        return new Binary(kind, op.Value, ConvertTo(left, operandKind), ConvertTo(right, operandKind),
            op == BinaryOperator.Remainder ? SpanOf(binary) : null);
    }

    private Expr? ParseInvocation(InvocationExpressionSyntax invocation, ScalarKind kind)
    {
        SymbolInfo info = _model.GetSymbolInfo(invocation, _cancellationToken);
        if (info.Symbol is not IMethodSymbol method)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (IsGetLengthOf2DArray(invocation, method))
        {
            return ParseGetLength(invocation);
        }

        if (TensorPrimitiveReductions.IsTensorPrimitives(method))
        {
            return ParseTensorPrimitive(invocation, method, kind);
        }

        if (IsLinqReduction(SymbolNames.Unreduced(method)))
        {
            return ParseLinqReduction(invocation, SymbolNames.Unreduced(method), kind);
        }

        if (CallsLocalFunctionNotTakenIn(invocation))
        {
            // Its declaration is reported (ADG0005, with the code fix that moves it out); the call would only repeat why.
            _hasSilentErrors = true;
            return null;
        }

        // value.Method(a, b) on an extension method is the static call Method(value, a, b).
        var argumentSyntax = invocation.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        if (SymbolNames.Unreduced(method) is var unreduced && !ReferenceEquals(unreduced, method) && invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver })
        {
            method = unreduced;
            argumentSyntax.Insert(0, receiver);
        }

        if (PassesExpandedParams(invocation, method))
        {
            ReportUnsupportedExpression(invocation, "pass a params argument as one array or span by name, not element by element (declare it first: double[] values = { a, b };)");
            return null;
        }

        // ref and out go only to a void [Differentiable] method of this compilation, whose statements stand in for the call.
        bool byReferenceAllowed = method.ReturnsVoid && SymbolNames.IsDifferentiableInSource(method);
        // An in argument (to an in parameter, which the compiler checks) is passed as a value.
        if (invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null || !(a.RefKindKeyword.IsKind(SyntaxKind.None) || a.RefKindKeyword.IsKind(SyntaxKind.InKeyword) ||
                (byReferenceAllowed && (a.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword))))) ||
            argumentSyntax.Count != method.Parameters.Length || method.IsGenericMethod)
        {
            ReportUnsupportedExpression(invocation, "pass every argument by position and by value (no named, omitted or generic arguments; ref and out only to a [Differentiable] method returning void)");
            return null;
        }

        var arguments = new List<Expr>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (method.Parameters[i].RefKind is RefKind.Ref or RefKind.Out)
            {
                if (ParseByReferenceArgument(argumentSyntax[i]) is not { } variable)
                {
                    return null;
                }

                arguments.Add(variable);
                continue;
            }

            if (SymbolNames.IsJaggedArray(method.Parameters[i].Type))
            {
                if (ParseJaggedArgument(argumentSyntax[i], method) is not { } elementsAndRowStarts)
                {
                    return null;
                }

                arguments.AddRange(elementsAndRowStarts);
                continue;
            }

            if (SymbolNames.Array2DOf(method.Parameters[i].Type) is not null)
            {
                if (ParseArray2DArgument(argumentSyntax[i], method) is not { } elementsAndExtents)
                {
                    return null;
                }

                arguments.AddRange(elementsAndExtents);
                continue;
            }

            if (SymbolNames.CollectionOf(method.Parameters[i].Type) is not null)
            {
                if (ParseCollectionArgument(argumentSyntax[i]) is not { } collectionArgument)
                {
                    return null;
                }

                arguments.Add(collectionArgument);
                continue;
            }

            if (ParseConverted(argumentSyntax[i], method.Parameters[i].Type) is not { } argument)
            {
                return null;
            }

            arguments.Add(argument);
        }

        if (MathFunctions.Recognise(method) is { } math)
        {
            return new MathCall(kind, math.Function, math.Container, arguments.ToEquatableArray());
        }

        return ParseUserCall(invocation, method, kind, arguments, argumentSyntax);
    }

    /// <summary>Whether <paramref name="invocation"/> gives a params parameter its elements one by one (<c>Poly(x, a, b)</c>).</summary>
    private bool PassesExpandedParams(InvocationExpressionSyntax invocation, IMethodSymbol method) =>
        method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams &&
        _model.GetOperation(invocation, _cancellationToken) is Microsoft.CodeAnalysis.Operations.IInvocationOperation operation &&
        operation.Arguments.Any(a => a.ArgumentKind is Microsoft.CodeAnalysis.Operations.ArgumentKind.ParamArray or Microsoft.CodeAnalysis.Operations.ArgumentKind.ParamCollection);

    /// <summary><c>TensorPrimitives.Dot(w, x)</c> and the other reductions the runtime differentiates, on double or float spans.</summary>
    private Expr? ParseTensorPrimitive(InvocationExpressionSyntax invocation, IMethodSymbol method, ScalarKind kind)
    {
        if (TensorPrimitiveReductions.Recognise(method) is not { } callee)
        {
            ReportUnsupportedExpression(invocation, "of TensorPrimitives, the runtime differentiates " + TensorPrimitiveReductions.Names +
                                                    " of double or float spans; write the loop for anything else");
            return null;
        }

        var arguments = new List<Expr>();
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None) || ParseCollectionArgument(argument.Expression) is not { } parsed)
            {
                if (argument.NameColon is not null)
                {
                    ReportUnsupportedExpression(invocation, "pass every argument by position");
                }

                return null;
            }

            arguments.Add(parsed);
        }

        return ConvertTo(new UserCall(callee.ReturnKind, callee, arguments.ToEquatableArray(), SpanOf(invocation)), kind);
    }

    private Expr? ParseUserCall(InvocationExpressionSyntax invocation, IMethodSymbol method, ScalarKind kind, List<Expr> arguments, List<ExpressionSyntax> argumentSyntax)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return ParseLocalFunctionCall(invocation, method, kind, arguments);
        }

        bool differentiable = SymbolNames.HasAttribute(method.OriginalDefinition, SymbolNames.DifferentiableAttribute);
        // A [Differentiable] callee's in parameters are values to its entries, which take them by value.
        bool byValue(IParameterSymbol p) => p.RefKind == RefKind.None || (differentiable && p.RefKind is RefKind.In or RefKind.RefReadOnlyParameter);
        bool supportedSignature = method.Parameters.All(p => (byValue(p) || (differentiable && method.ReturnsVoid && p.RefKind is RefKind.Ref or RefKind.Out)) &&
                                      (SymbolNames.KindOf(p.Type) is not null ||
                                       (differentiable && byValue(p) && (SymbolNames.CollectionOf(p.Type) is not null || SymbolNames.Array2DOf(p.Type) is not null || SymbolNames.JaggedOf(p.Type) is not null)))) &&
                                  !method.ReturnsByRef;
        if (!supportedSignature)
        {
            ReportUnsupportedExpression(invocation, "only methods whose parameters and result are double, float, int or bool can be called, and [Differentiable] methods taking arrays and spans of them");
            return null;
        }

        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (EntryParameterTypes.WhyNotPassable(method, i) is { } why)
            {
                ReportUnsupportedExpression(argumentSyntax[i], why);
                return null;
            }
        }

        ISet<int> written = WrittenBySourceWriter(method);
        if (written.Count > 0 && !CheckWriterCall(invocation, method))
        {
            return null;
        }

        string? receiver = null;
        if (!method.IsStatic && (receiver = ReceiverOf(invocation, differentiable)) is null)
        {
            return null;
        }

        var parameters = method.Parameters.SelectMany((p, i) => CalleeParameters(p,
            !(differentiable && SymbolNames.HasAttribute(p, SymbolNames.NoDerivativeAttribute)), written.Contains(i))).ToEquatableArray();
        var callee = new Callee(
            SymbolNames.MethodKey(method),
            SymbolNames.FullyQualified(method.ContainingType),
            method.Name,
            receiver,
            differentiable ? CalleeKind.Differentiable : CalleeKind.NeedsCustomRule,
            parameters,
            SymbolNames.KindOf(method.ReturnType) ?? ScalarKind.Double);

        // A call producing an int or bool only steers control flow, and one taking no floating-point value (Convert.ToDouble(n))
        // is a constant to the derivative: neither needs a rule.
        if (!differentiable && kind.IsFloatingPoint() && parameters.Any(p => p.IsDifferentiable))
        {
            _callsNeedingRules.Add(new CallSite(callee, invocation.GetLocation(), method.ToDisplayString(), RequiredRuleSignature(method)));
        }

        return new UserCall(kind, callee, arguments.ToEquatableArray(), SpanOf(invocation));
    }

    /// <summary>Whether <paramref name="invocation"/> calls a [Differentiable] method of this compilation that writes the elements of a collection argument.</summary>
    private bool IsCallToWriter(InvocationExpressionSyntax invocation, out IMethodSymbol? writer)
    {
        writer = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol called ? SymbolNames.Unreduced(called) : null;
        return writer is not null && WrittenBySourceWriter(writer).Count > 0;
    }

    /// <summary>The parameters <paramref name="callee"/> writes if it is a [Differentiable] method of this compilation (whose calls are inlined); else none.</summary>
    private ISet<int> WrittenBySourceWriter(IMethodSymbol callee) =>
        SymbolNames.IsDifferentiableInSource(callee) ? WrittenParameterIndexes(callee) : new HashSet<int>();

    /// <summary>
    /// Which parameters a callee writes: collections whose elements it writes, and ref and out scalars. Found once per callee
    /// (it walks the callee's body, and binds its calls).
    /// </summary>
    private ISet<int> WrittenParameterIndexes(IMethodSymbol callee)
    {
        if (!_writtenByCallee.TryGetValue(callee, out ISet<int>? written))
        {
            written = EntryParameterTypes.WrittenParameterIndexes(callee, _model);
            written.UnionWith(Enumerable.Range(0, callee.Parameters.Length).Where(i => IsScalarByReference(callee.Parameters[i])));
            _writtenByCallee.Add(callee, written);
        }

        return written;
    }

    /// <summary>
    /// <c>ref x</c> or <c>out x</c> for a local or parameter of this method, or <c>out double y</c> / <c>out var y</c>, which
    /// declares y just before the statement (<see cref="_beforeStatement"/>): the variable the callee's statements assign.
    /// </summary>
    private VariableRef? ParseByReferenceArgument(ExpressionSyntax argument)
    {
        if (argument is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation } declaration)
        {
            if (_model.GetDeclaredSymbol(designation, _cancellationToken) is not ILocalSymbol local || SymbolNames.KindOf(local.Type) is not { } kind)
            {
                _hasSilentErrors = true;
                return null;
            }

            _beforeStatement.Add(new LocalDeclaration(Source(declaration), local.Name, kind, null));
            return new VariableRef(kind, local.Name);
        }

        ISymbol? named = argument is IdentifierNameSyntax ? _model.GetSymbolInfo(argument, _cancellationToken).Symbol : null;
        ITypeSymbol? namedType = named switch { ILocalSymbol l => l.Type, IParameterSymbol p => p.Type, _ => null };
        if (named is not null && SymbolNames.KindOf(namedType) is { } variableKind)
        {
            return new VariableRef(variableKind, named.Name);
        }

        ReportUnsupportedExpression(argument, "pass a local or a parameter of this method by ref or out, or declare one (out double y)");
        return null;
    }

    /// <summary>
    /// A call to a callee that writes its arguments' elements is replaced by the callee's statements (WriterInliner), which run
    /// before the statement that makes the call: so the call must be that statement's whole work, and the callee static and
    /// not this method. What else keeps a callee from being inlined is found once the callee's own model is known.
    /// </summary>
    private bool CheckWriterCall(InvocationExpressionSyntax invocation, IMethodSymbol callee)
    {
        string why = $"'{callee.Name}' writes the elements of a collection it is given, so its statements stand in for the call";
        if (SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, _method.OriginalDefinition))
        {
            ReportUnsupportedExpression(invocation, why + ", and a method cannot stand in for itself: write the recursion as a loop");
            return false;
        }

        if (!callee.IsStatic)
        {
            ReportUnsupportedExpression(invocation, why + ": make it static");
            return false;
        }

        if (!IsWholeStatement(invocation))
        {
            ReportUnsupportedExpression(invocation, why + ": make the call a statement of its own, or the whole value of a local's declaration, of an assignment (= or +=, -=, *=, /=) to a local or of a return");
            return false;
        }

        if (InArgumentTheWriterWrites(invocation, callee) is { } aliased)
        {
            ReportUnsupportedExpression(aliased.Argument, why + $", and C# passes its {aliased.Modifier} parameter '{aliased.Parameter}' the variable itself: " +
                $"it would read through '{aliased.Parameter}' what it writes to {aliased.Written}; pass a copy (a local holding the value)");
            return false;
        }

        _writerCalls.Add(new WriterCallSite(callee, invocation.GetLocation(), OneLine(invocation.ToString())));
        return true;
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>
    /// An argument of an <c>in</c> or <c>ref readonly</c> parameter of the writer <paramref name="callee"/> that the writer may
    /// write through another parameter: a variable it is also given by ref or out, or an array element while it writes a
    /// collection. C# passes such a parameter by reference, so the writer's statements would read their own writes through it,
    /// where its inlined statements (which bind it to the value) would not (FB-25).
    /// </summary>
    private (ExpressionSyntax Argument, string Modifier, string Parameter, string Written)? InArgumentTheWriterWrites(InvocationExpressionSyntax invocation, IMethodSymbol callee)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count != callee.Parameters.Length || arguments.Any(a => a.NameColon is not null))
        {
            return null;
        }

        ISet<int> written = WrittenBySourceWriter(callee);
        for (int i = 0; i < arguments.Count; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            if (parameter.RefKind is not (RefKind.In or RefKind.RefReadOnlyParameter))
            {
                continue;
            }

            string modifier = parameter.RefKind == RefKind.In ? "in" : "ref readonly";
            ExpressionSyntax argument = Unparenthesized(arguments[i].Expression);
            if (argument is ElementAccessExpressionSyntax && written.Any(j => callee.Parameters[j].RefKind == RefKind.None))
            {
                return (argument, modifier, parameter.Name, "the collections it is given");
            }

            ISymbol? variable = _model.GetSymbolInfo(argument, _cancellationToken).Symbol;
            if (variable is not (ILocalSymbol or IParameterSymbol))
            {
                continue;
            }

            bool alsoByReference(int j) => j != i && callee.Parameters[j].RefKind is RefKind.Ref or RefKind.Out &&
                SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(Unparenthesized(arguments[j].Expression), _cancellationToken).Symbol, variable);
            if (Enumerable.Range(0, arguments.Count).Any(alsoByReference))
            {
                return (argument, modifier, parameter.Name, "'" + variable!.Name + "'");
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="expression"/> (in parentheses or not) is a statement, or the whole value of a local's
    /// declaration, an assignment or compound assignment to a local (<c>s += W(…)</c>: the callee cannot change the local), a
    /// return or an expression body.
    /// </summary>
    private static bool IsWholeStatement(ExpressionSyntax expression)
    {
        SyntaxNode node = expression;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent switch
        {
            ExpressionStatementSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax => true,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax } } } => true,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Parent: ExpressionStatementSyntax } assignment =>
                assignment.Right == node,
            _ => false,
        };
    }

    /// <summary>
    /// What an instance call is made on, as C#: <c>this</c>, or for a [Differentiable] method of another object a path of
    /// fields and properties of class type from <c>this</c> or from a type, read like the other fields (as constants).
    /// Null, reported, for other receivers: the generated entries call the callee again where a parameter or local of the
    /// caller may no longer be at hand (MBackward has only the tape).
    /// </summary>
    private string? ReceiverOf(InvocationExpressionSyntax invocation, bool differentiable)
    {
        ExpressionSyntax? target = invocation.Expression switch
        {
            IdentifierNameSyntax => null,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => null,
            MemberAccessExpressionSyntax access => access.Expression,
            _ => invocation.Expression,
        };
        if (target is null)
        {
            return "this";
        }

        if (!differentiable)
        {
            ReportUnsupportedExpression(invocation, "a method without a derivative can be called on this instance only (give it [Differentiable], or make it static with a [DerivativeOf] rule)");
            return null;
        }

        string? path = MemberPath(target);
        if (path is null)
        {
            ReportUnsupportedExpression(target, "call [Differentiable] instance methods on this, or on a field or property of class type (of this or of a type); parameters, locals and other expressions are not supported as receivers");
        }

        return path;
    }

    private string? MemberPath(ExpressionSyntax syntax)
    {
        switch (syntax)
        {
            case ThisExpressionSyntax:
                return "this";
            case ParenthesizedExpressionSyntax parenthesized:
                return MemberPath(parenthesized.Expression);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
            {
                ISymbol? symbol = _model.GetSymbolInfo(syntax, _cancellationToken).Symbol;
                ITypeSymbol? type = symbol switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (type is not { TypeKind: TypeKind.Class })
                {
                    return null;
                }

                string name = SymbolNames.Escaped(symbol!.Name);
                if (symbol.IsStatic)
                {
                    return SymbolNames.FullyQualified(symbol.ContainingType) + "." + name;
                }

                string? owner = syntax is MemberAccessExpressionSyntax access ? MemberPath(access.Expression) : "this";
                return owner is null ? null : owner + "." + name;
            }

            default:
                return null;
        }
    }

    /// <summary>The [DerivativeOf] rule a user must write for <paramref name="method"/>, ready to paste.</summary>
    internal static string RequiredRuleSignature(IMethodSymbol method)
    {
        string type = method.ContainingType.ToDisplayString();
        var parameters = method.Parameters.Select(p => p.Type.ToDisplayString() + " " + p.Name).ToList();
        parameters.AddRange(method.Parameters
            .Where(p => SymbolNames.KindOf(p.Type) is ScalarKind.Double or ScalarKind.Float)
            .Select(p => "out " + p.Type.ToDisplayString() + " d" + p.Name));
        return $"[DerivativeOf(typeof({type}), nameof({type}.{method.Name}))] internal static {method.ReturnType.ToDisplayString()} {method.Name}Derivative({string.Join(", ", parameters)})";
    }

    private Expr? ParseSwitchExpression(SwitchExpressionSyntax switchExpression, ScalarKind kind)
    {
        Expr? governing = ParseConverted(switchExpression.GoverningExpression);
        bool ok = governing is not null;
        var arms = new List<SwitchArm>();
        foreach (SwitchExpressionArmSyntax arm in switchExpression.Arms)
        {
            Pattern? pattern = arm.WhenClause is { } when
                ? UnsupportedPattern(when, "'when' clauses are not supported; use a conditional in the arm")
                : ParsePattern(arm.Pattern);
            Expr? value = ParseConverted(arm.Expression);
            if (pattern is null || value is null)
            {
                ok = false;
                continue;
            }

            arms.Add(new SwitchArm(pattern, ConvertTo(value, kind)));
        }

        bool hasException = _model.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.SwitchExpressionException") is not null;
        return ok ? new SwitchExpression(kind, governing!, arms.ToEquatableArray(), hasException) : null;
    }

    private Pattern? ParsePattern(PatternSyntax pattern)
    {
        switch (pattern)
        {
            case DiscardPatternSyntax:
                return new DiscardPattern();
            case ConstantPatternSyntax constant:
                return ParseConstantPattern(constant.Expression);
            case RelationalPatternSyntax relational:
            {
                BinaryOperator? op = relational.OperatorToken.Kind() switch
                {
                    SyntaxKind.LessThanToken => BinaryOperator.Less,
                    SyntaxKind.LessThanEqualsToken => BinaryOperator.LessOrEqual,
                    SyntaxKind.GreaterThanToken => BinaryOperator.Greater,
                    SyntaxKind.GreaterThanEqualsToken => BinaryOperator.GreaterOrEqual,
                    _ => null,
                };
                Expr? value = ParseConverted(relational.Expression);
                return op is null || value is not Constant ? UnsupportedPattern(relational, "compare with a constant") : new RelationalPattern(op.Value, value);
            }

            case ParenthesizedPatternSyntax parenthesized:
                return ParsePattern(parenthesized.Pattern);
            case UnaryPatternSyntax { OperatorToken.RawKind: (int)SyntaxKind.NotKeyword } not:
                return ParsePattern(not.Pattern) is { } negated ? new NotPattern(negated) : null;
            case BinaryPatternSyntax binary:
            {
                Pattern? left = ParsePattern(binary.Left);
                Pattern? right = ParsePattern(binary.Right);
                if (left is null || right is null)
                {
                    return null;
                }

                return binary.OperatorToken.IsKind(SyntaxKind.AndKeyword) ? new AndPattern(left, right) : new OrPattern(left, right);
            }

            default:
                return UnsupportedPattern(pattern, "use constant, relational (<, <=, >, >=), and/or/not and discard patterns");
        }
    }

    private Pattern? ParseConstantPattern(ExpressionSyntax value) =>
        ParseConverted(value) is Constant constant ? new ConstantPattern(constant) : UnsupportedPattern(value, "case labels must be constants");
}
