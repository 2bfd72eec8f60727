using System;
using System.Globalization;
using System.Text;

namespace AutoDiffGen;

/// <summary>
/// ToString in PyTorch's format (torch/_tensor_str.py with default print options: precision 4,
/// line width 80, summarised with "..." beyond 1000 elements, 3 edge items).
/// </summary>
public sealed partial class Tensor
{
    private const int LineWidth = 80;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;

    public override string ToString()
    {
        const string prefix = "tensor(";
        int indent = prefix.Length;
        var values = ToDoubleArray();
        bool summarize = values.Length > Threshold;
        var formatter = new ValueFormatter(SummarizedValues(summarize));
        string body = NumElements == 0 ? "[]" : FormatDims(values, 0, 0, indent, summarize, formatter);

        var suffixes = new System.Collections.Generic.List<string>();
        if (NumElements == 0 && Rank != 1)
        {
            suffixes.Add("size=(" + string.Join(", ", ShapeArray) + (Rank == 1 ? ",)" : ")"));
        }

        if (DType == DType.Float64)
        {
            suffixes.Add("dtype=torch.float64");
        }

        if (GradFn is not null)
        {
            suffixes.Add($"grad_fn=<{GradFn.Name}>");
        }
        else if (RequiresGrad)
        {
            suffixes.Add("requires_grad=True");
        }

        var text = new StringBuilder(prefix + body);
        string current = text.ToString();
        int lastLineLength = current.Length - current.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > LineWidth)
            {
                text.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                text.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return text.Append(')').ToString();
    }

    /// <summary>The values the formatter sizes itself on: all of them, or only the edges that are printed.</summary>
    private double[] SummarizedValues(bool summarize)
    {
        if (!summarize)
        {
            return ToDoubleArray();
        }

        var kept = new System.Collections.Generic.List<double>();
        CollectEdges(this, kept);
        return kept.ToArray();

        static void CollectEdges(Tensor t, System.Collections.Generic.List<double> into)
        {
            if (t.Rank == 0)
            {
                into.Add(t.Item());
                return;
            }

            int size = t.ShapeArray[0];
            for (int i = 0; i < size; i++)
            {
                if (size > 2 * EdgeItems && i == EdgeItems)
                {
                    i = size - EdgeItems;
                }

                CollectEdges(t.SelectView(0, i), into);
            }
        }
    }

    private string FormatDims(double[] values, int dim, int start, int indent, bool summarize, ValueFormatter formatter)
    {
        if (Rank == 0)
        {
            return formatter.Format(values[0]);
        }

        int size = ShapeArray[dim];
        int block = 1;
        for (int d = dim + 1; d < Rank; d++)
        {
            block *= ShapeArray[d];
        }

        bool cut = summarize && size > 2 * EdgeItems;
        if (dim == Rank - 1)
        {
            var items = new System.Collections.Generic.List<string>();
            for (int i = 0; i < size; i++)
            {
                if (cut && i == EdgeItems)
                {
                    items.Add(" ...");
                    i = size - EdgeItems;
                }

                items.Add(formatter.Format(values[start + i]));
            }

            int elementLength = formatter.Width + 2;
            int perLine = Math.Max(1, (int)Math.Floor((LineWidth - indent) / (double)elementLength));
            var lines = new System.Collections.Generic.List<string>();
            for (int i = 0; i < items.Count; i += perLine)
            {
                lines.Add(string.Join(", ", items.GetRange(i, Math.Min(perLine, items.Count - i))));
            }

            return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
        }

        var slices = new System.Collections.Generic.List<string>();
        for (int i = 0; i < size; i++)
        {
            if (cut && i == EdgeItems)
            {
                slices.Add("...");
                i = size - EdgeItems;
            }

            slices.Add(FormatDims(values, dim + 1, start + (i * block), indent + 1, summarize, formatter));
        }

        int remaining = Rank - dim;
        return "[" + string.Join("," + new string('\n', remaining - 1) + new string(' ', indent + 1), slices) + "]";
    }

    /// <summary>Chooses integer, fixed or scientific notation and a common width, as PyTorch's _Formatter.</summary>
    private sealed class ValueFormatter
    {
        private readonly bool _intMode = true;
        private readonly bool _sciMode;

        public ValueFormatter(double[] values)
        {
            Width = 1;
            double min = double.PositiveInfinity, max = 0;
            bool any = false;
            foreach (double v in values)
            {
                if (double.IsFinite(v) && v != 0)
                {
                    any = true;
                    min = Math.Min(min, Math.Abs(v));
                    max = Math.Max(max, Math.Abs(v));
                    if (v != Math.Ceiling(v))
                    {
                        _intMode = false;
                    }
                }
            }

            if (!any)
            {
                return;
            }

            _sciMode = _intMode ? max / min > 1000 || max > 1e8 : max / min > 1000 || max > 1e8 || min < 1e-4;
            foreach (double v in values)
            {
                if (double.IsFinite(v) && v != 0)
                {
                    string text = _sciMode ? Scientific(v) : _intMode ? Fixed(v, 0) + "." : Fixed(v, 4);
                    Width = Math.Max(Width, text.Length);
                }
            }
        }

        public int Width { get; }

        public string Format(double value)
        {
            string text = double.IsNaN(value) ? "nan"
                : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf")
                : _sciMode ? Scientific(value)
                : _intMode ? Fixed(value, 0) + "."
                : Fixed(value, 4);
            return text.PadLeft(Width);
        }

        private static string Fixed(double value, int digits) =>
            value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        /// <summary>Python's "{:.4e}": four decimals and an exponent of at least two digits.</summary>
        private static string Scientific(double value)
        {
            string text = value.ToString("0.0000e+00", CultureInfo.InvariantCulture);
            return text;
        }
    }
}
