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

    private IEnumerable<(ParameterModel Parameter, string Public, string Internal)> JaggedAdjoints =>
        _plan.ParameterAdjoints.Where(a => a.Parameter.RowStarts is not null);

    private bool IsRowStarts(ParameterModel parameter) => RowStartsOf(parameter) is not null;

    /// <summary>The jagged array parameter whose row starts <paramref name="parameter"/> is, if it is one.</summary>
    private ParameterModel? RowStartsOf(ParameterModel parameter) =>
        _method.Parameters.FirstOrDefault(p => p.RowStarts is not null && p.RowStarts == parameter.Name);

    /// <summary>
    /// The tape's copy of each differentiated jagged array's row starts, for the wrapping Backward to check its gradient's shape
    /// against. The wrapping Forward sets it (<c>tape with { … }</c>); the lowered one leaves it null, so that generated callers,
    /// which call that one for a value alone, allocate nothing.
    /// </summary>
    private void EmitTapeRowStarts()
    {
        foreach (var adjoint in JaggedAdjoints)
        {
            _w.Line($"public int[]? {Id(adjoint.Parameter.RowStarts!)} {{ get; init; }}");
        }
    }

    /// <summary>The local of a wrapper holding the copied rows of the jagged argument or gradient <paramref name="name"/>.</summary>
    private string Flat(string name) => Id(Helper(name + "Flat"));

    /// <summary>
    /// Declares a pooled copy of each jagged argument in <paramref name="inputs"/> and a zeroed buffer for each jagged gradient
    /// in <paramref name="gradients"/> (shaped by <paramref name="rowStartsOf"/>), runs <paramref name="body"/>, and gives
    /// the buffers back in a finally, so an exception (a null row, a gradient of another shape, the method's own) leaks none.
    /// Without jagged arrays, just <paramref name="body"/>.
    /// </summary>
    private void EmitCopiedRows(string entry, IReadOnlyList<ParameterModel> inputs, IReadOnlyList<(ParameterModel Parameter, string Public, string Internal)> gradients,
        System.Action body, System.Func<(ParameterModel Parameter, string Public, string Internal), string>? rowStartsOf = null)
    {
        var buffers = inputs.Select(p => (Name: Flat(p.Name), p.Kind)).Concat(gradients.Select(g => (Name: Flat(g.Public), g.Parameter.Kind))).ToList();
        if (buffers.Count == 0)
        {
            body();
            return;
        }

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
