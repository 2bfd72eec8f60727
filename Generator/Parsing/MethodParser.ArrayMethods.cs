using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// The <c>System.Array</c> methods that are loops of stores, called as statements: <c>Array.Clear(a)</c>,
/// <c>Array.Clear(a, index, length)</c>, <c>Array.Fill(a, value)</c>, <c>Array.Fill(a, value, startIndex, count)</c>,
/// <c>Array.Copy(source, destination, length)</c>, <c>Array.Copy(source, sourceIndex, destination, destinationIndex, length)</c>
/// and an array's <c>source.CopyTo(destination, index)</c>. Each becomes the span store of the same elements
/// (MethodParser.SpanStores), after the range check the .NET method makes (<c>ArrayStores</c>), so a bad range throws
/// its exception before anything is stored. Array.Copy copies between overlapping ranges of one array as if through a
/// buffer, as CopyTo does, and widens int or float elements to a double destination as Array.Copy does.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The Array method <paramref name="invocation"/> calls, if it is one of those above (the int overloads).</summary>
    private IMethodSymbol? ArrayStoreMethod(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax ||
            _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method ||
            method.ContainingType.SpecialType != SpecialType.System_Array || method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            return null;
        }

        bool intsOnly = method.Parameters.All(p => p.Type.SpecialType is not (SpecialType.System_Int64 or SpecialType.System_Object));
        return (method.Name, method.Parameters.Length, method.IsStatic) switch
        {
            ("Clear", 1 or 3, true) or ("Fill", 2 or 4, true) or ("Copy", 3 or 5, true) or ("CopyTo", 2, false) when intsOnly => method,
            _ => null,
        };
    }

    /// <summary>The range check and the loop of stores that <paramref name="invocation"/> of <paramref name="method"/> performs.</summary>
    private Stmt? ParseArrayStoreCall(InvocationExpressionSyntax invocation, IMethodSymbol method, SourceInfo source)
    {
        var arguments = invocation.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        ExpressionSyntax first = method.IsStatic ? arguments[0] : ((MemberAccessExpressionSyntax)invocation.Expression).Expression;
        var statements = new List<Stmt>();
        if (Region(first, source, statements, method.Name == "Fill" ? "filled" : method.Name == "Clear" ? "cleared" : "copiedFrom") is not { } array)
        {
            return null;
        }

        Expr zero = new Constant(ScalarKind.Int, 0);
        Stmt? stores = (method.Name, arguments.Count) switch
        {
            ("Clear", _) => (arguments.Count == 1 ? array : ParseRange(arguments[1], arguments[2], array, MathFunction.ClearRange, source, statements)) is { } cleared
                ? Stores(source, cleared, "clear", _ => new Constant(array.Base.Kind, 0))
                : null,
            ("Fill", _) => ParseArrayFill(arguments, array, source, statements),
            ("Copy", 3) => ParseArrayCopy(array, first, zero, arguments[1], zero, ParseIndex(arguments[2]), copyTo: false, source, statements),
            ("Copy", _) => ParseArrayCopy(array, first, ParseIndex(arguments[1]), arguments[2], ParseIndex(arguments[3]), ParseIndex(arguments[4]), copyTo: false,
                source, statements),
            // source.CopyTo(destination, index) is Array.Copy(source, 0, destination, index, source.Length).
            _ => ParseArrayCopy(array, first, zero, arguments[0], ParseIndex(arguments[1]), array.Length, copyTo: true, source, statements),
        };
        if (stores is null)
        {
            return null;
        }

        statements.Add(stores);
        return statements.Count == 1 ? statements[0] : new Block(source, statements.ToEquatableArray());
    }

    // Array.Fill(a, value[, startIndex, count]): C# evaluates the value before the range is checked.
    private Stmt? ParseArrayFill(List<ExpressionSyntax> arguments, SpanRegion array, SourceInfo source, List<Stmt> statements)
    {
        if (ParseConverted(arguments[1]) is not { } value)
        {
            return null;
        }

        var filled = new VariableRef(array.Base.Kind, FreshName("fillValue"));
        statements.Add(new LocalDeclaration(source, filled.Name, array.Base.Kind, ConvertTo(value, array.Base.Kind)));
        SpanRegion? region = arguments.Count == 2 ? array : ParseRange(arguments[2], arguments[3], array, MathFunction.FillRange, source, statements);
        return region is null ? null : Stores(source, region, "fill", _ => filled);
    }

    /// <summary>
    /// Array.Copy(source, sourceIndex, destination, destinationIndex, length): the range check, its result kept in a local,
    /// then the copy of that many elements (<see cref="CopyStores"/>). Null arguments are ones that failed to parse.
    /// </summary>
    private Stmt? ParseArrayCopy(SpanRegion sourceArray, ExpressionSyntax sourceSyntax, Expr? sourceIndex, ExpressionSyntax destinationSyntax,
        Expr? destinationIndex, Expr? length, bool copyTo, SourceInfo source, List<Stmt> statements)
    {
        if (Region(destinationSyntax, source, statements, "copiedTo") is not { } destination ||
            !CopiesInto(sourceArray.Base.Kind, destination.Base.Kind, destinationSyntax) || !SameRank(sourceSyntax, destinationSyntax, copyTo) ||
            sourceIndex is null || destinationIndex is null || length is null)
        {
            return null;
        }

        var count = new VariableRef(ScalarKind.Int, FreshName("copied"));
        statements.Add(new LocalDeclaration(source, count.Name, ScalarKind.Int, new MathCall(ScalarKind.Int, MathFunction.CopyRange, MathContainer.ArrayStores,
            EquatableArray.Of(sourceArray.Length, sourceIndex, destination.Length, destinationIndex, length))));
        return CopyStores(source,
            new SpanRegion(sourceArray.Base, sourceArray.At(sourceIndex), count),
            new SpanRegion(destination.Base, destination.At(destinationIndex), count));
    }

    /// <summary>
    /// Array.Copy between arrays of one rank copies their elements in row-major order, which is what the lowered 2-D arrays
    /// hold; between ranks, or an array's CopyTo from a 2-D array, it throws, so those are refused.
    /// </summary>
    private bool SameRank(ExpressionSyntax from, ExpressionSyntax to, bool copyTo)
    {
        bool from2D = Array2DNamed(from) is not null;
        if (from2D == (Array2DNamed(to) is not null) && !(copyTo && from2D))
        {
            return true;
        }

        ReportUnsupportedStatement(to, copyTo ? "a CopyTo from the 2-D array '" + from + "'" : "an Array.Copy between arrays of different ranks ('" + from + "' and '" + to + "')",
            ".NET throws for it; copy element by element in loops");
        return false;
    }

    /// <summary>Array.Copy widens (int or float into double); any other change of element type throws, so it is refused.</summary>
    private bool CopiesInto(ScalarKind from, ScalarKind to, ExpressionSyntax destination)
    {
        if (from == to || to == ScalarKind.Double || to == ScalarKind.Float && from == ScalarKind.Int)
        {
            return true;
        }

        ReportUnsupportedStatement(destination, "an Array.Copy from " + from.CSharpName() + " elements into " + to.CSharpName() + " elements",
            "Array.Copy throws ArrayTypeMismatchException for it; convert element by element in a loop");
        return false;
    }

    /// <summary>
    /// The elements <c>[index, index + length)</c> of <paramref name="array"/>, after the range check <paramref name="check"/>
    /// (ClearRange or FillRange), whose result, the length, is kept in a local added to <paramref name="statements"/>.
    /// </summary>
    private SpanRegion? ParseRange(ExpressionSyntax indexSyntax, ExpressionSyntax lengthSyntax, SpanRegion array, MathFunction check, SourceInfo source,
        List<Stmt> statements)
    {
        Expr? index = ParseIndex(indexSyntax);
        Expr? length = ParseIndex(lengthSyntax);
        if (index is null || length is null)
        {
            return null;
        }

        var count = new VariableRef(ScalarKind.Int, FreshName(check == MathFunction.FillRange ? "filledCount" : "clearedCount"));
        statements.Add(new LocalDeclaration(source, count.Name, ScalarKind.Int,
            new MathCall(ScalarKind.Int, check, MathContainer.ArrayStores, EquatableArray.Of(array.Length, index, length))));
        return new SpanRegion(array.Base, array.At(index), count);
    }
}

/// <summary>
/// Local arrays made as copies: <c>(T[])a.Clone()</c>, <c>s.ToArray()</c> of a span or view, and LINQ's <c>a.ToArray()</c>
/// of an array. Each is <c>new T[length]</c> and the stores that copy the elements in, so the copy is an ordinary local array.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>What <paramref name="value"/> copies, when it is one of the copies above; null otherwise.</summary>
    private ExpressionSyntax? CopiedCollection(ExpressionSyntax value)
    {
        InvocationExpressionSyntax? call = value switch
        {
            CastExpressionSyntax { Expression: InvocationExpressionSyntax cloned } => cloned,
            InvocationExpressionSyntax toArray => toArray,
            _ => null,
        };
        if (call is not { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 } ||
            _model.GetSymbolInfo(call, _cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        string container = (method.ReducedFrom ?? method).ContainingType.OriginalDefinition.ToDisplayString();
        bool isCopy = (value is CastExpressionSyntax, method.Name) switch
        {
            (true, "Clone") => method.ContainingType.SpecialType == SpecialType.System_Array,
            (false, "ToArray") => container is "System.Span<T>" or "System.ReadOnlySpan<T>" ||
                                  container == "System.Linq.Enumerable" && _model.GetTypeInfo(access.Expression, _cancellationToken).Type is IArrayTypeSymbol { Rank: 1 },
            _ => false,
        };
        return isCopy ? access.Expression : null;
    }

    /// <summary>
    /// <c>T[] name = copy of source;</c>: the array, as long as its source, then the stores that copy the source in. In a loop
    /// the declaration goes before the outermost loop, which only a whole span or array (whose length cannot change) allows.
    /// </summary>
    private List<Stmt>? ParseCopiedArray(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, ScalarKind kind,
        ExpressionSyntax copied)
    {
        SourceInfo source = Source(declaration);
        var statements = new List<Stmt>();
        bool whole = copied is IdentifierNameSyntax && ViewNamed(copied) is null;
        if (InLoop && !whole)
        {
            ReportUnsupportedStatement(variable, "the array local '" + local.Name + "', a copy of a part of a span made in a loop, whose length may change",
                "declare it before the loop with new " + kind.CSharpName() + "[length] and copy into it with CopyTo");
            return null;
        }

        if (Region(copied, source, statements, "copiedFrom") is not { } from)
        {
            return null;
        }

        if (from.Base.Kind != kind)
        {
            ReportUnsupportedStatement(variable, "the array local '" + local.Name + "', a copy of " + from.Base.Kind.CSharpName() + " elements",
                "copy into an array of the same element type");
            return null;
        }

        var array = new CollectionRef(kind, SymbolNames.CollectionOf(local.Type)!.Value.Shape, local.Name);
        if (!DeclareOrHoist(new LocalArray(source, local.Name, kind, from.Length), variable, local, statements))
        {
            return null;
        }

        statements.Add(CopyStores(source, from, new SpanRegion(array, new Constant(ScalarKind.Int, 0), from.Length)));
        return statements;
    }
}
