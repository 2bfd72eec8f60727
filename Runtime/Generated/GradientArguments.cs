using System;

namespace AutoDiffGen.CompilerServices;

/// <summary>Argument checks of generated gradient entries, kept out of the generated code so it stays short.</summary>
public static class GradientArguments
{
    /// <summary>Throws unless the gradient span for <paramref name="parameter"/> has the length of the values it is the gradient of.</summary>
    public static void CheckLength(string method, string parameter, int valuesLength, int gradientLength)
    {
        if (valuesLength != gradientLength)
        {
            throw new ArgumentException(
                $"{method}: the gradient of '{parameter}' has length {gradientLength} but '{parameter}' has length {valuesLength}; they must be equal.",
                "d" + parameter);
        }
    }

    /// <summary>
    /// Throws unless the gradient of the 2-D array <paramref name="parameter"/> has its shape (<paramref name="rows"/> ×
    /// <paramref name="columns"/>): the same element count in another shape would pair the wrong elements.
    /// </summary>
    public static void CheckShape(string method, string parameter, int rows, int columns, int gradientRows, int gradientColumns)
    {
        if (rows != gradientRows || columns != gradientColumns)
        {
            throw new ArgumentException(
                $"{method}: the gradient of '{parameter}' has shape [{gradientRows}, {gradientColumns}] but '{parameter}' has shape [{rows}, {columns}]; they must be equal.",
                "d" + parameter);
        }
    }
}
