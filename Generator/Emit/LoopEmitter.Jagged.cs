using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The entries of a method with jagged array parameters. The method is differentiated with each such parameter lowered to its
/// rows laid end to end and an int span of row starts (<c>MethodParser.Jagged</c>), so, as for 2-D arrays, its ordinary entries
/// take those and are no more visible than <c>internal</c>, and entries with the method's own parameter types wrap them (2-D
/// array parameters of the same method included). A wrapper copies each jagged argument into a pooled buffer
/// (<c>JaggedRows&lt;T&gt;.Of</c>, which throws for a null row) and each jagged gradient out of one
/// (<c>JaggedRows&lt;T&gt;.GradientOf</c>, which checks the gradient's shape first): <c>MBackward</c> adds into the caller's rows,
/// <c>MValueAndGradient</c> clears them and then adds. The tape keeps a copy of the row starts for <c>MBackward</c>'s check.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string JaggedRows = "global::AutoDiffGen.CompilerServices.JaggedRows";

    private bool HasJagged => _method.Parameters.Any(p => p.RowStarts is not null);

    private IEnumerable<(ParameterModel Parameter, string Public, string Internal)> JaggedAdjoints =>
        _plan.ParameterAdjoints.Where(a => a.Parameter.RowStarts is not null);

    private bool IsRowStarts(ParameterModel parameter) => RowStartsOf(parameter) is not null;

    /// <summary>The jagged array parameter whose row starts <paramref name="parameter"/> is, if it is one.</summary>
    private ParameterModel? RowStartsOf(ParameterModel parameter) =>
        _method.Parameters.FirstOrDefault(p => p.RowStarts is not null && p.RowStarts == parameter.Name);

    /// <summary>The local of a wrapper holding the copied rows of the jagged argument or gradient <paramref name="name"/>.</summary>
    private string Flat(string name) => Id(Helper(name + "Flat"));

    private void EmitJaggedEntries()
    {
        string parameters = Array2DParameterList();
        string separator = parameters.Length > 0 ? ", " : "";
        string arguments = LoweredArguments();
        string tape = Id(_plan.TapeName);
        string publicModifiers = _method.Accessibility + (_method.IsStatic ? " static" : "");
        string returnType = Type(_method.ReturnKind);
        var inputs = _method.Parameters.Where(p => p.RowStarts is not null).ToList();

        _w.Line($"/// <summary>Computes <c>{Name}</c> and records in <paramref name=\"{_plan.TapeName}\"/> what <c>{Name}Backward</c> needs; dispose the tape after the last Backward.</summary>");
        _w.Open($"{publicModifiers} {returnType} {Id(Name + "Forward")}({parameters}{separator}out {Id(_method.TapeName)} {tape})");
        EmitCopiedRows("Forward", inputs, gradients: new (ParameterModel, string, string)[0], () =>
            _w.Line($"return {Id(Name + "Forward")}({arguments}{separator}out {tape});"));
        _w.Close();
        _w.Line();

        _w.Line($"/// <summary>Adds <paramref name=\"{_plan.SeedName}\"/> times the partial derivatives of <c>{Name}</c> to each adjoint (it accumulates, like PyTorch's <c>.grad</c>); a jagged or 2-D gradient must have its array's shape, a gradient span its parameter's length.</summary>");
        _w.Open($"{publicModifiers} void {Id(Name + "Backward")}(in {Id(_method.TapeName)} {tape}, {returnType} {Id(_plan.SeedName)}{AdjointParameterList("ref", arraysAs2D: true)})");
        foreach (var adjoint in Arrays2DAdjoints)
        {
            _w.Line($"if ({tape}.Stack is not null) {CheckShape("Backward", adjoint.Parameter, $"{tape}.{Id(adjoint.Parameter.Extents!.Rows)}", $"{tape}.{Id(adjoint.Parameter.Extents.Columns)}", adjoint.Public)}");
        }

        // A default tape has no row starts: GradientOf gives an empty buffer, and the wrapped entry says what is wrong with the tape.
        EmitCopiedRows("Backward", new List<ParameterModel>(), JaggedAdjoints.ToList(), () =>
        {
            _w.Line($"{Id(Name + "Backward")}(in {tape}, {Id(_plan.SeedName)}{AdjointArguments(byReference: "ref")});");
            foreach (var adjoint in JaggedAdjoints)
            {
                _w.Line($"{Flat(adjoint.Public)}.AddTo({Id(adjoint.Public)});");
            }
        }, rowStartsOf: a => $"{tape}.{Id(a.Parameter.RowStarts!)}");
        _w.Close();
        _w.Line();

        _w.Line($"/// <summary>Returns <c>{Name}</c> and its gradient: scalar partials in the out parameters; each gradient array or span is cleared, then filled (it must have its parameter's shape). Allocation-free once warmed up.</summary>");
        _w.Open($"{publicModifiers} {returnType} {Id(Name + "ValueAndGradient")}({FollowedBy(parameters, AdjointParameterList("out", arraysAs2D: true))})");
        foreach (var adjoint in Arrays2DAdjoints)
        {
            string array = Id(adjoint.Parameter.Name);
            _w.Line(CheckShape("ValueAndGradient", adjoint.Parameter, GetLength(array, 0), GetLength(array, 1), adjoint.Public));
        }

        string value = Id(Helper("result"));
        EmitCopiedRows("ValueAndGradient", inputs, JaggedAdjoints.ToList(), () =>
        {
            _w.Line($"{returnType} {value} = {Id(Name + "ValueAndGradient")}({FollowedBy(arguments, AdjointArguments(byReference: "out"))});");
            foreach (var adjoint in JaggedAdjoints)
            {
                _w.Line($"{Flat(adjoint.Public)}.CopyTo({Id(adjoint.Public)});");
            }

            _w.Line($"return {value};");
        }, rowStartsOf: a => $"{Flat(a.Parameter.Name)}.RowStarts");
        _w.Close();
    }

    /// <summary>
    /// Declares a pooled copy of each jagged argument in <paramref name="inputs"/> and a zeroed buffer for each jagged gradient
    /// in <paramref name="gradients"/> (shaped by <paramref name="rowStartsOf"/>), runs <paramref name="body"/>, and gives
    /// the buffers back in a finally, so an exception (a null row, a gradient of another shape, the method's own) leaks none.
    /// </summary>
    private void EmitCopiedRows(string entry, IReadOnlyList<ParameterModel> inputs, IReadOnlyList<(ParameterModel Parameter, string Public, string Internal)> gradients,
        System.Action body, System.Func<(ParameterModel Parameter, string Public, string Internal), string>? rowStartsOf = null)
    {
        var buffers = inputs.Select(p => (Name: Flat(p.Name), p.Kind)).Concat(gradients.Select(g => (Name: Flat(g.Public), g.Parameter.Kind))).ToList();
        foreach (var buffer in buffers)
        {
            _w.Line($"{JaggedRows}<{Type(buffer.Kind!.Value)}> {buffer.Name} = default;");
        }

        _w.Open("try");
        foreach (ParameterModel input in inputs)
        {
            _w.Line($"{Flat(input.Name)} = {JaggedRows}<{Type(input.Kind!.Value)}>.Of(\"{Name}{entry}\", \"{input.Name}\", {Id(input.Name)});");
        }

        foreach (var gradient in gradients)
        {
            _w.Line($"{Flat(gradient.Public)} = {JaggedRows}<{Type(gradient.Parameter.Kind!.Value)}>.GradientOf(\"{Name}{entry}\", \"{gradient.Parameter.Name}\", {rowStartsOf!(gradient)}, {Id(gradient.Public)});");
        }

        body();
        _w.Close();
        _w.Open("finally");
        foreach (var buffer in Enumerable.Reverse(buffers))
        {
            _w.Line($"{buffer.Name}.Dispose();");
        }

        _w.Close();
    }
}
