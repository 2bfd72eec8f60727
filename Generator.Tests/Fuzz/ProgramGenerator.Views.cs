using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Span views (<see cref="FuzzFeatures.Views"/>). Every view covers all <see cref="FuzzIndex.ArrayLength"/> elements of its
/// base, so the program's indices stay in range; the variety is in how it is written (Slice, AsSpan, ranges, a plain name,
/// a start computed as an int expression that is 0) and where it is used (element reads, writes through a Span view of a
/// local array, foreach, loop bounds, helper arguments, views of views).
/// </summary>
public sealed partial class ProgramGenerator
{
    // Views in scope: a ReadOnlySpan of anything readable, or a Span of a local array the method may write (its root array).
    private List<(string Name, FuzzParameterKind Kind, string Root)> _views = new();

    /// <summary>
    /// With <see cref="FuzzFeatures.Views"/>, sometimes a view local of something readable, and after a Span view a write through
    /// it; else null (drawing nothing).
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateView()
    {
        if (!_features.HasFlag(FuzzFeatures.Views) || _random.Next(5) != 0)
        {
            return null;
        }

        List<(string Name, FuzzParameterKind Kind)> bases = Readable();
        if (bases.Count == 0)
        {
            return null;
        }

        // Half the time, when the method may write a local array (or, in a writer, a parameter it writes) here, a Span view of
        // it to write through.
        List<(string Name, FuzzParameterKind Kind)> writableBases = WritableArrays().Select(a => (a, FuzzParameterKind.Array)).Concat(WritableParameters()).ToList();
        bool writable = writableBases.Count > 0 && _random.Next(2) == 0;
        (string baseName, FuzzParameterKind baseKind) = writable ? Pick(writableBases) : Pick(bases);
        string root = RootOf(baseName);
        var view = new DeclareView("view" + _nextLocal++, baseName, ViewText(baseName, baseKind), writable);
        _views.Add((view.Name, writable ? FuzzParameterKind.Span : FuzzParameterKind.ReadOnlySpan, root));
        return writable
            ? new FuzzStatement[] { view, new ArrayWrite(view.Name, GenerateIndex(), Pick(new[] { "=", "+=", "*=" }), GenerateExpr(depth: 2)) }
            : new FuzzStatement[] { view };
    }

    /// <summary>
    /// A view of all of <paramref name="name"/>: a Span when <paramref name="kind"/> is double[] or Span (AsSpan, Slice), else a
    /// ReadOnlySpan. Ranges only of spans: a range of an array copies it.
    /// </summary>
    private string ViewText(string name, FuzzParameterKind kind)
    {
        string length = FuzzIndex.ArrayLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string zero = ZeroStart();
        if (kind == FuzzParameterKind.Array)
        {
            return _random.Next(4) switch
            {
                0 => name + ".AsSpan()",
                1 => $"{name}.AsSpan({zero})",
                2 => $"{name}.AsSpan({zero}, {length})",
                _ => $"{name}.AsSpan({zero}, {name}.Length - {zero})",
            };
        }

        return _random.Next(6) switch
        {
            0 => name,
            1 => $"{name}.Slice({zero})",
            2 => $"{name}.Slice({zero}, {length})",
            3 => $"{name}[..]",
            4 => $"{name}[{zero}..^{zero}]",
            _ => $"{name}[{zero}..{name}.Length]",
        };
    }

    /// <summary>0, written as a literal or as an int local or counter minus itself, so that the start is computed.</summary>
    private string ZeroStart()
    {
        List<string> ints = _counters.Concat(_ints).ToList();
        if (ints.Count == 0 || _random.Next(2) != 0)
        {
            return "0";
        }

        string name = Pick(ints);
        return $"({name} - {name})";
    }

    /// <summary>Sometimes a view of the chosen collection in place of its name, where the parameter takes one.</summary>
    private CollectionArg WithView(CollectionArg argument, FuzzParameterKind parameter, FuzzParameterKind argumentKind)
    {
        if (!_features.HasFlag(FuzzFeatures.Views) || _random.Next(4) != 0)
        {
            return argument;
        }

        // A Span parameter takes a view only as a Span: of a double[] or a Span.
        bool fits = parameter == FuzzParameterKind.ReadOnlySpan ||
                    (parameter == FuzzParameterKind.Span && argumentKind is FuzzParameterKind.Array or FuzzParameterKind.Span);
        return fits ? argument with { ViewText = ViewText(argument.Name, argumentKind) } : argument;
    }

    /// <summary>The local array a view is a view of, through views of views; a collection's own name otherwise.</summary>
    private string RootOf(string name)
    {
        int at = _views.FindIndex(v => v.Name == name);
        return at < 0 ? name : _views[at].Root;
    }

    /// <summary>Whether a statement here may write elements of <paramref name="name"/>: a writable local array, a view of one, or a writer's written parameter.</summary>
    private bool MayWrite(string name)
    {
        string root = RootOf(name);
        return _arrays.Contains(root) ? _arrays.IndexOf(root) >= _assignableArrays : WritableParameters().Any(p => p.Name == root);
    }

    /// <summary>The local arrays a statement here may write (inside a sum loop, those declared in it).</summary>
    private List<string> WritableArrays() => _arrays.Skip(_assignableArrays).ToList();

    /// <summary>The Span views of writable arrays (and a writer's written parameters): writes through them land in those.</summary>
    private IEnumerable<string> WritableViews()
    {
        List<string> arrays = WritableArrays().Concat(WritableParameters().Select(p => p.Name)).ToList();
        return _views.Where(v => v.Kind == FuzzParameterKind.Span && arrays.Contains(v.Root)).Select(v => v.Name);
    }
}
