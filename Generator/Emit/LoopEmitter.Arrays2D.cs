using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The entries of a method with 2-D array parameters. The method is differentiated with each such parameter lowered to its
/// row-major elements and two int extents (<c>MethodParser.Arrays2D</c>), so its ordinary entries take those: they are
/// emitted no more visible than <c>internal</c>, and entries with the method's own parameter types and accessibility wrap
/// them. <c>MForward</c> passes <c>Arrays2D.Elements(a)</c>, <c>a.GetLength(0)</c> and <c>a.GetLength(1)</c>; the tape keeps the
/// extents, so <c>MBackward</c> can check its 2-D gradients' shapes (<c>GradientArguments.CheckShape</c>) before the wrapped
/// entry adds into their elements. Generated callers, whose 2-D arrays are elements and extents already, call the lowered
/// entries; being internal, those stay out of the assembly's public surface.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Arrays2DHelpers = "global::AutoDiffGen.CompilerServices.Arrays2D";

    /// <summary>
    /// The lowered entries' accessibility: the method's, narrowed to the assembly (every generated caller is in it, and
    /// callers elsewhere see only the entries taking the arrays).
    /// </summary>
    private string LoweredAccessibility => _method.Accessibility switch
    {
        "public" or "protected internal" => "internal",
        "protected" => "private protected",
        var accessibility => accessibility,
    };

    private IEnumerable<ParameterModel> Arrays2DParameters => _method.Parameters.Where(p => p.Extents is not null);

    /// <summary>Whether entries taking the method's own 2-D and jagged arrays wrap the lowered ones.</summary>
    private bool HasWrappedEntries => _method.Parameters.Any(p => p.Extents is not null || p.RowStarts is not null);

    /// <summary>Whether Backward is wrapped too: only when it takes a 2-D or jagged gradient (else the lowered one has the public signature).</summary>
    private bool HasWrappedBackward => _plan.ParameterAdjoints.Any(a => a.Parameter.Extents is not null || a.Parameter.RowStarts is not null);

    /// <summary>The 2-D array parameter whose extent <paramref name="parameter"/> is, with its dimension, if it is one.</summary>
    private (ParameterModel Array, int Dimension)? ExtentOf(ParameterModel parameter) =>
        Arrays2DParameters.FirstOrDefault(p => p.Extents!.Names(parameter.Name)) is { } array
            ? (array, array.Extents!.Rows == parameter.Name ? 0 : 1)
            : null;

    /// <summary>The tape's fields and constructor parameters for the 2-D arrays' extents (empty without 2-D arrays).</summary>
    private IEnumerable<string> TapeExtents => Arrays2DParameters.SelectMany(p => new[] { p.Extents!.Rows, p.Extents.Columns });

    /// <summary>The parameters of the public entries: the method's own, a 2-D array as <c>T[,]</c> and a jagged one as <c>T[][]</c>, their extents and row starts dropped.</summary>
    private string Array2DParameterList() => string.Join(", ", _method.Parameters.Where(p => ExtentOf(p) is null && !IsRowStarts(p))
        .Select(p => (p.Extents is not null ? Type(p.Kind!.Value) + "[,]" : p.RowStarts is not null ? Type(p.Kind!.Value) + "[][]" : p.TypeName) + " " + Id(p.Name)));

    /// <summary>
    /// The arguments the public entries give the lowered ones: a 2-D array's elements and extents, a jagged array's copied rows
    /// and row starts, anything else as it is.
    /// </summary>
    private string LoweredArguments() => string.Join(", ", _method.Parameters.Select(p =>
        p.Extents is not null ? $"{Arrays2DHelpers}.Elements({Id(p.Name)})"
        : ExtentOf(p) is var (array, dimension) ? GetLength(Id(array.Name), dimension)
        : p.RowStarts is not null ? Flat(p.Name) + ".Elements"
        : RowStartsOf(p) is { } jagged ? Flat(jagged.Name) + ".RowStarts"
        : Id(p.Name)));

    private static string GetLength(string array, int dimension) => $"{array}.GetLength({dimension})";

    /// <summary>
    /// The entries with the method's own parameter types, wrapping the lowered ones: a 2-D argument passes its elements and
    /// extents, a jagged one a pooled copy of its rows and their starts (<see cref="EmitCopiedRows"/>), and each 2-D or jagged
    /// gradient is checked against its array's shape first.
    /// </summary>
    private void EmitWrappedEntries()
    {
        string parameters = Array2DParameterList();
        string separator = parameters.Length > 0 ? ", " : "";
        string arguments = LoweredArguments();
        string tape = Id(_plan.TapeName);
        string returnType = Type(_method.ReturnKind);
        var jaggedInputs = _method.Parameters.Where(p => p.RowStarts is not null).ToList();
        var jaggedAdjoints = JaggedAdjoints.ToList();

        _w.Line($"/// <summary>Computes <c>{Name}</c> and records in <paramref name=\"{_plan.TapeName}\"/> what <c>{Name}Backward</c> needs; dispose the tape after the last Backward.</summary>");
        string forward = $"{PublicModifiers} {returnType} {Id(Name + "Forward")}({parameters}{separator}out {Id(_method.TapeName)} {tape})";
        string forwardCall = $"{Id(Name + "Forward")}({arguments}{separator}out {tape});";
        if (jaggedInputs.Count == 0)
        {
            _w.Line(forward + " =>");
            _w.Line("    " + forwardCall);
        }
        else
        {
            _w.Open(forward);
            EmitCopiedRows("Forward", jaggedInputs, [], () =>
            {
                if (jaggedAdjoints.Count == 0)
                {
                    _w.Line("return " + forwardCall);
                    return;
                }

                string result = Id(Helper("result"));
                _w.Line($"{returnType} {result} = {forwardCall}");
                _w.Line($"// What {Name}Backward checks its gradients' shapes against.");
                string rowStarts = string.Join(", ", jaggedAdjoints.Select(a => $"{Id(a.Parameter.RowStarts!)} = {Flat(a.Parameter.Name)}.RowStarts.ToArray()"));
                _w.Line($"{tape} = {tape} with {{ {rowStarts} }};");
                _w.Line($"return {result};");
            });
            _w.Close();
        }

        _w.Line();
        if (HasWrappedBackward)
        {
            string shapes = jaggedAdjoints.Count > 0 ? "a jagged or 2-D gradient" : "a 2-D gradient";
            _w.Line($"/// <summary>Adds <paramref name=\"{_plan.SeedName}\"/> times the partial derivatives of <c>{Name}</c> to each adjoint (it accumulates, like PyTorch's <c>.grad</c>); {shapes} must have its array's shape, a gradient span its parameter's length.</summary>");
            _w.Open($"{PublicModifiers} void {Id(Name + "Backward")}(in {Id(_method.TapeName)} {tape}, {returnType} {Id(_plan.SeedName)}{AdjointParameterList("ref", arraysAs2D: true)})");
            foreach (var adjoint in Arrays2DAdjoints)
            {
                // A default tape has no extents: the wrapped entry says what is wrong with it.
                _w.Line($"if ({tape}.Stack is not null) {CheckShape("Backward", adjoint.Parameter, $"{tape}.{Id(adjoint.Parameter.Extents!.Rows)}", $"{tape}.{Id(adjoint.Parameter.Extents.Columns)}", adjoint.Public)}");
            }

            // A default tape has no row starts either: GradientOf gives an empty buffer for it.
            EmitCopiedRows("Backward", [], jaggedAdjoints, () =>
            {
                _w.Line($"{Id(Name + "Backward")}(in {tape}, {Id(_plan.SeedName)}{AdjointArguments(byReference: "ref")});");
                jaggedAdjoints.ForEach(a => _w.Line($"{Flat(a.Public)}.AddTo({Id(a.Public)});"));
            }, rowStartsOf: a => $"{tape}.{Id(a.Parameter.RowStarts!)}");
            _w.Close();
            _w.Line();
        }

        _w.Line($"/// <summary>Returns <c>{Name}</c> and its gradient: scalar partials in the out parameters; each gradient array or span is cleared, then filled (it must have its parameter's shape). Allocation-free once warmed up.</summary>");
        _w.Open($"{PublicModifiers} {returnType} {Id(Name + "ValueAndGradient")}({FollowedBy(parameters, AdjointParameterList("out", arraysAs2D: true))})");
        foreach (var adjoint in Arrays2DAdjoints)
        {
            string array = Id(adjoint.Parameter.Name);
            _w.Line(CheckShape("ValueAndGradient", adjoint.Parameter, GetLength(array, 0), GetLength(array, 1), adjoint.Public));
        }

        string fusedCall = $"{Id(Name + "ValueAndGradient")}({FollowedBy(arguments, AdjointArguments(byReference: "out"))});";
        EmitCopiedRows("ValueAndGradient", jaggedInputs, jaggedAdjoints, () =>
        {
            if (jaggedAdjoints.Count == 0)
            {
                _w.Line("return " + fusedCall);
                return;
            }

            string result = Id(Helper("result"));
            _w.Line($"{returnType} {result} = {fusedCall}");
            jaggedAdjoints.ForEach(a => _w.Line($"{Flat(a.Public)}.CopyTo({Id(a.Public)});"));
            _w.Line($"return {result};");
        }, rowStartsOf: a => $"{Flat(a.Parameter.Name)}.RowStarts");
        _w.Close();
    }

    private IEnumerable<(ParameterModel Parameter, string Public, string Internal)> Arrays2DAdjoints =>
        _plan.ParameterAdjoints.Where(a => a.Parameter.Extents is not null);

    private string CheckShape(string entry, ParameterModel array, string rows, string columns, string gradient) =>
        $"global::AutoDiffGen.CompilerServices.GradientArguments.CheckShape(\"{Name}{entry}\", \"{array.Name}\", {rows}, {columns}, {GetLength(Id(gradient), 0)}, {GetLength(Id(gradient), 1)});";

    private string AdjointArguments(string byReference) => string.Concat(_plan.ParameterAdjoints.Select(a =>
        a.Parameter.Extents is not null ? $", {Arrays2DHelpers}.Elements({Id(a.Public)})"
        : a.Parameter.RowStarts is not null ? $", {Flat(a.Public)}.Elements"
        : a.Parameter.Shape == ValueShape.Scalar ? $", {byReference} {Id(a.Public)}"
        : $", {Id(a.Public)}"));
}
