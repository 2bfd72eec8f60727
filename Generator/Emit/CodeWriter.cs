using System.Text;

namespace AutoDiffGen.Generator.Emit;

/// <summary>A StringBuilder that indents with four spaces and ends lines with \n on every platform (deterministic output).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
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
