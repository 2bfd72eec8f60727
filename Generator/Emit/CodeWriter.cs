using System.Text;

namespace AutoDiffGen.Generator.Emit;

/// <summary>A StringBuilder that indents with four spaces and ends lines with \n on every platform (deterministic output).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private string? _lastComment;

    // The last comment of each enclosing block, restored when a nested block closes.
    private readonly System.Collections.Generic.Stack<string?> _outerComments = new();

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>
    /// A <c>//</c> comment line, left out when it repeats the previous comment of the same block, or the comment heading the
    /// block for its first line: the statements the parser writes for one source statement (a span view's start and length,
    /// a swap's temporaries, the loop of stores of a CopyTo and its body) are headed once.
    /// </summary>
    public void Comment(string text)
    {
        if (text == _lastComment)
        {
            return;
        }

        Line("// " + text);
        _lastComment = text;
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        _outerComments.Push(_lastComment);
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        _lastComment = _outerComments.Count > 0 ? _outerComments.Pop() : null;
    }

    /// <summary>The current depth, to start another writer at the same indentation.</summary>
    public int Indent
    {
        get => _indent;
        set => _indent = value;
    }

    /// <summary>Appends text another writer produced (already indented, lines ended with \n).</summary>
    public void Raw(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();
}
