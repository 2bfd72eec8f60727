using System;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Ops;

/// <summary>Forward values of the tensor ops, against hand-computed results.</summary>
public class ForwardValueTests
{
    [Fact]
    public void CreationFunctions()
    {
        Assert.Equal([7f, 7f, 7f, 7f], Tensor.Full([2, 2], 7).ToFloatArray());
        Assert.Equal([1.0, 1.0], Tensor.Ones([2], DType.Float64).ToDoubleArray());
        Assert.Equal([0.0, 0.5, 1.0, 1.5], Tensor.Arange(0, 2, 0.5, DType.Float64).ToDoubleArray());
        Assert.Equal([3], Tensor.Arange(1, 2.5, 0.5).Shape);
        Assert.Equal([], Tensor.Scalar(2).Shape);
        Assert.Equal([3], Tensor.FromArray([1f, 2f, 3f]).Shape);
        Assert.True(Tensor.Zeros([2], requiresGrad: true).RequiresGrad);
        Assert.Equal(DType.Float64, Tensor.ZerosLike(Tensor.Ones([1], DType.Float64)).DType);
    }

    [Fact]
    public void FromArrayCopiesItsInput()
    {
        var data = new[] { 1f, 2f };
        var t = Tensor.FromArray(data);

        data[0] = 100;

        Assert.Equal([1f, 2f], t.ToFloatArray());
    }

    [Fact]
    public void SeededRandomIsReproducibleAndHasTheRightDistribution()
    {
        var a = Tensor.Rand([1000], new Random(42)).ToDoubleArray();
        var b = Tensor.Rand([1000], new Random(42)).ToDoubleArray();
        var normal = Tensor.Randn([20000], new Random(7), DType.Float64).ToDoubleArray();

        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0.0, 1.0 - 1e-12));
        double mean = normal.Average();
        double variance = normal.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);
    }

    [Fact]
    public void ShapeOpsShareOrRearrangeValues()
    {
        var t = Tensor.Arange(0, 6).Reshape(2, 3); // [[0,1,2],[3,4,5]]

        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], t.T.ToFloatArray());
        Assert.Equal([3, 2], t.T.Shape);
        Assert.False(t.T.IsContiguous);
        Assert.Equal([3f, 4f, 5f], t[1].ToFloatArray());
        Assert.Equal(5.0, t[-1, -1].Item());
        Assert.Equal([1f, 4f], t.Select(1, 1).ToFloatArray());
        Assert.Equal([1f, 2f, 4f, 5f], t.Slice(1, 1, 100).ToFloatArray());
        Assert.Equal([0f, 2f, 3f, 5f], t.Slice(1, 0, 3, 2).ToFloatArray());
        Assert.Equal([1f, 4f], t.Slice(1, -2, -1).ToFloatArray());
        Assert.Equal([1, 2, 3], t.Unsqueeze(0).Shape);
        Assert.Equal([2, 3, 1], t.Unsqueeze(-1).Shape);
        Assert.Equal([2, 3], t.Unsqueeze(1).Squeeze().Shape);
        Assert.Equal([2, 3], t.Unsqueeze(0).Squeeze(0).Shape);
        Assert.Equal([1, 2, 3], t.Unsqueeze(0).Squeeze(1).Shape);
        Assert.Equal([3, 2], t.View(3, -1).Shape);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], t.T.Reshape(6).ToFloatArray());
        Assert.Equal([0f, 1f, 2f, 0f, 1f, 2f], t[0].Expand(2, 3).ToFloatArray());
    }

    [Fact]
    public void ViewsShareStorageWithTheirBase()
    {
        var t = Tensor.Zeros([2, 2]);

        t.View(4).Add_(1.0);

        Assert.Equal([1f, 1f, 1f, 1f], t.ToFloatArray());
    }

    [Fact]
    public void CatJoinsAlongAnyDimension()
    {
        var a = Tensor.FromArray([1f, 2f], 1, 2);
        var b = Tensor.FromArray([3f, 4f, 5f, 6f], 2, 2);

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], Tensor.Cat([a, b]).ToFloatArray());
        Assert.Equal([3, 2], Tensor.Cat([a, b]).Shape);
        Assert.Equal([3f, 4f, 3f, 4f, 5f, 6f, 5f, 6f], Tensor.Cat([b, b.T.T], 1).ToFloatArray());
    }

    [Fact]
    public void ReductionsOverDims()
    {
        var t = Tensor.Arange(0, 24, 1, DType.Float64).Reshape(2, 3, 4);

        Assert.Equal(276.0, t.Sum().Item());
        Assert.Equal(11.5, t.Mean().Item());
        Assert.Equal([12.0, 15.0, 18.0, 21.0, 48.0, 51.0, 54.0, 57.0], t.Sum(1).ToDoubleArray());
        Assert.Equal([2, 1, 4], t.Sum(1, keepDim: true).Shape);
        Assert.Equal([60.0, 66.0, 72.0, 78.0], t.Sum([0, 1]).ToDoubleArray());
        Assert.Equal([1.5, 5.5, 9.5, 13.5, 17.5, 21.5], t.Mean(-1).ToDoubleArray());
        Assert.Equal(23.0, t.Max().Item());
    }

    [Fact]
    public void MaxAlongADimReturnsValuesAndIndices()
    {
        var t = Tensor.FromArray([1.0, 9.0, 3.0, 7.0, 2.0, 8.0], 2, 3);

        var (rows, rowIndex) = t.Max(1);
        var (columns, columnIndex) = t.Max(0, keepDim: true);

        Assert.Equal([9.0, 8.0], rows.ToDoubleArray());
        Assert.Equal([1.0, 2.0], rowIndex.ToDoubleArray());
        Assert.Equal([1, 3], columns.Shape);
        Assert.Equal([7.0, 9.0, 8.0], columns.ToDoubleArray());
        Assert.Equal([1.0, 0.0, 1.0], columnIndex.ToDoubleArray());
    }

    [Fact]
    public void MatMulShapesAndValues()
    {
        var a = Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        var b = Tensor.FromArray([1.0, 0.0, 0.0, 1.0, 1.0, 1.0], 3, 2);
        var v = Tensor.FromArray([1.0, 1.0, 1.0]);

        Assert.Equal([4.0, 5.0, 10.0, 11.0], a.MatMul(b).ToDoubleArray());
        Assert.Equal([6.0, 15.0], a.MatMul(v).ToDoubleArray());
        Assert.Equal(3.0, v.MatMul(v).Item());
        Assert.Equal([2.0, 2.0], v.MatMul(b).ToDoubleArray());

        var batch = Tensor.Cat([a.Unsqueeze(0), (a * 2.0).Unsqueeze(0)]);
        var product = batch.MatMul(b);
        Assert.Equal([2, 2, 2], product.Shape);
        Assert.Equal([4.0, 5.0, 10.0, 11.0, 8.0, 10.0, 20.0, 22.0], product.ToDoubleArray());
    }

    [Fact]
    public void ElementwiseFunctions()
    {
        var x = Tensor.FromArray([-1.0, 0.5, 2.0]);

        Assert.Equal(new[] { Math.Exp(-1), Math.Exp(0.5), Math.Exp(2) }, x.Exp().ToDoubleArray(), new Tolerance(1e-15));
        Assert.Equal([1.0, 0.5, 2.0], x.Abs().ToDoubleArray());
        Assert.Equal([0.0, 0.5, 2.0], x.Relu().ToDoubleArray());
        Assert.Equal([1.0, 0.25, 4.0], x.Pow(2).ToDoubleArray());
        Assert.Equal(new[] { Math.Tanh(-1), Math.Tanh(0.5), Math.Tanh(2) }, x.Tanh().ToDoubleArray(), new Tolerance(1e-15));
        Assert.Equal(new[] { 1 / (1 + Math.E), 1 / (1 + Math.Exp(-0.5)), 1 / (1 + Math.Exp(-2)) }, x.Sigmoid().ToDoubleArray(), new Tolerance(1e-15));
        Assert.Equal(new[] { Math.Sin(-1), Math.Sin(0.5), Math.Sin(2) }, x.Sin().ToDoubleArray(), new Tolerance(1e-15));
        Assert.Equal([1.0, 0.5, 2.0], (x * x).Sqrt().ToDoubleArray());
        Assert.Equal([-0.5, 0.25, 1.0], (x / 2.0).ToDoubleArray());
        Assert.Equal([3.0, 1.5, 0.0], (2.0 - x).ToDoubleArray());
        Assert.Equal([-2.0, 1.0, 4.0], (2.0 * x).ToDoubleArray());
        Assert.Equal([1.0, -2.0, -0.5], (-(1.0 / x)).ToDoubleArray());
    }

    [Fact]
    public void SoftmaxRowsSumToOneAndLogSoftmaxIsItsLog()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, -5f, 0f, 5f], 2, 3);

        var rows = x.Softmax(1).Sum(1).ToFloatArray();
        var columns = x.Softmax(0).Sum(0).ToFloatArray();

        Assert.All(rows, v => Assert.Equal(1f, v, 6));
        Assert.All(columns, v => Assert.Equal(1f, v, 6));
        Assert.Equal(x.Softmax(1).Log().ToFloatArray(), x.LogSoftmax(1).ToFloatArray(), new Tolerance(1e-5));
    }

    [Fact]
    public void LossValues()
    {
        var input = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 2, 2);
        var target = Tensor.FromArray([0.0, 2.0, 5.0, 4.0], 2, 2);
        var logits = Tensor.FromArray([1.0, 2.0, 0.5, -1.0, 0.0, 3.0], 2, 3);

        Assert.Equal((1.0 + 0 + 4 + 0) / 4, Losses.Mse(input, target).Item(), 15);
        double row0 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(0.5)) - 2.0;
        double row1 = Math.Log(Math.Exp(-1) + Math.Exp(0) + Math.Exp(3)) - (-1.0);
        Assert.Equal((row0 + row1) / 2, Losses.CrossEntropy(logits, [1, 0]).Item(), 12);
    }

    [Fact]
    public void ConversionBetweenDTypes()
    {
        var x = Tensor.FromArray([1.5, -2.25]);

        Assert.Equal(DType.Float32, x.To(DType.Float32).DType);
        Assert.Equal([1.5f, -2.25f], x.To(DType.Float32).ToFloatArray());
        Assert.Equal([1.5f, -2.25f], x.ToFloatArray());
        Assert.Same(x, x.To(DType.Float64));
    }

    private sealed class Tolerance(double epsilon) : System.Collections.Generic.IEqualityComparer<double>, System.Collections.Generic.IEqualityComparer<float>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;

        public bool Equals(float a, float b) => Math.Abs(a - b) <= epsilon;

        public int GetHashCode(double value) => 0;

        public int GetHashCode(float value) => 0;
    }
}
