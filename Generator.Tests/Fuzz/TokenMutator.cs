using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Damages source the way editing does: whole tokens deleted, or tokens that are valid somewhere
/// in C# inserted where they do not belong. Seeded, so a failure reproduces.
/// </summary>
public static class TokenMutator
{
    /// <summary>Tokens worth inserting: punctuation that unbalances, keywords the analyzer must reject, names that do not bind.</summary>
    private static readonly string[] Insertions =
    {
        ";", "{", "}", "(", ")", ",", "=", "=>", "?", ":", "+", "*", "-", "/", "%", "!", "&&", "[", "]", "<", ">",
        "return", "double", "float", "int", "var", "ref", "out", "in", "static", "partial", "this", "new", "null",
        "if", "else", "for", "while", "switch", "case", "break", "goto", "yield", "await", "async", "unsafe", "lock",
        "try", "catch", "throw", "x", "value", "Math", ".", "Sin", "0", "1.5", "1e400", "\"s\"",
        "[Differentiable]", "[NoDerivative]", "[DerivativeOf(typeof(Math), \"Sin\")]",
    };

    /// <summary>The source's tokens, each with its surrounding whitespace and comments.</summary>
    public static IReadOnlyList<string> Tokens(string source) =>
        SyntaxFactory.ParseTokens(source, options: GeneratorHarnessParseOptions)
            .Select(t => t.ToFullString())
            .ToArray();

    public static string Mutate(string source, Random random)
    {
        var tokens = Tokens(source).ToList();
        int edits = random.Next(1, 4);
        for (int i = 0; i < edits && tokens.Count > 1; i++)
        {
            int at = random.Next(tokens.Count);
            if (random.Next(2) == 0)
            {
                tokens.RemoveAt(at);
            }
            else
            {
                tokens.Insert(at, " " + Insertions[random.Next(Insertions.Length)] + " ");
            }
        }

        return string.Concat(tokens);
    }

    private static CSharpParseOptions GeneratorHarnessParseOptions => Infrastructure.GeneratorHarness.ParseOptions;
}
