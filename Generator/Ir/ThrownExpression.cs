using System;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Ir;

/// <summary>
/// The expression of a <c>throw</c> statement, as C# text to emit verbatim with holes for the scalar locals and parameters
/// it reads: <paramref name="Text"/> has one more piece than <paramref name="Reads"/>, and the code is Text[0] Reads[0]
/// Text[1] … . The holes are ordinary <see cref="VariableRef"/>s, so each lowering renames them as it renames every other
/// read, and the generated code throws with the values the source would. Type names in the text are fully qualified.
/// </summary>
internal sealed record ThrownExpression(EquatableArray<string> Text, EquatableArray<Expr> Reads)
{
    /// <summary>The same text with each hole replaced by <paramref name="map"/> of it.</summary>
    public ThrownExpression Map(Func<Expr, Expr> map) => this with { Reads = Reads.Select(map).ToEquatableArray() };

    /// <summary>The C# code, with each hole printed by <paramref name="print"/>.</summary>
    public string Print(Func<Expr, string> print)
    {
        var code = new StringBuilder(Text[0]);
        for (int i = 0; i < Reads.Count; i++)
        {
            code.Append(print(Reads[i])).Append(Text[i + 1]);
        }

        return code.ToString();
    }
}
