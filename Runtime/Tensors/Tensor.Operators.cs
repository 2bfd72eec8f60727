namespace AutoDiffGen;

/// <summary>C# operators for the arithmetic methods, with a tensor or a double on either side.</summary>
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    public static Tensor operator +(double a, Tensor b) => ScalarOf(a, b.DType).Add(b);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    public static Tensor operator -(Tensor a, double b) => a.Sub(b);

    public static Tensor operator -(double a, Tensor b) => ScalarOf(a, b.DType).Sub(b);

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    public static Tensor operator *(double a, Tensor b) => ScalarOf(a, b.DType).Mul(b);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    public static Tensor operator /(double a, Tensor b) => ScalarOf(a, b.DType).Div(b);

    public static Tensor operator -(Tensor a) => a.Neg();
}
