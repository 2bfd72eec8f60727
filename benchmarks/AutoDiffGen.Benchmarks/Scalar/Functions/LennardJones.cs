using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// Lennard-Jones energy of four particles in the plane (σ = ε = 1), positions as eight scalars: the sum over the
/// six pairs of 4(s⁶ − s³) with s = 1/r². The primal calls a [Differentiable] pair helper, as a physicist would
/// write it; the hand-written gradient shares each pair's force between its two particles.
/// </summary>
public static partial class LennardJonesFunctions
{
    [Differentiable]
    public static double PairEnergy(double dx, double dy)
    {
        double inverseSquare = 1 / (dx * dx + dy * dy);
        double s6 = inverseSquare * inverseSquare * inverseSquare;
        return 4 * (s6 * s6 - s6);
    }

    [Differentiable]
    public static double LennardJones4(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3) =>
        PairEnergy(x1 - x0, y1 - y0) + PairEnergy(x2 - x0, y2 - y0) + PairEnergy(x3 - x0, y3 - y0)
        + PairEnergy(x2 - x1, y2 - y1) + PairEnergy(x3 - x1, y3 - y1) + PairEnergy(x3 - x2, y3 - y2);

    /// <summary>
    /// With u = 1/r² and s6 = u³, dE/d(r²) = −12·u·s6·(2·s6 − 1), so dE/d(dx) = 2·dx·dE/d(r²); the pair's
    /// separation is (particle j − particle i), so j gains that gradient and i loses it.
    /// </summary>
    public static double LennardJones4HandGradient(
        double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3,
        out double dx0, out double dy0, out double dx1, out double dy1,
        out double dx2, out double dy2, out double dx3, out double dy3)
    {
        dx0 = dy0 = dx1 = dy1 = dx2 = dy2 = dx3 = dy3 = 0;
        double energy = 0;
        energy += Pair(x1 - x0, y1 - y0, ref dx0, ref dy0, ref dx1, ref dy1);
        energy += Pair(x2 - x0, y2 - y0, ref dx0, ref dy0, ref dx2, ref dy2);
        energy += Pair(x3 - x0, y3 - y0, ref dx0, ref dy0, ref dx3, ref dy3);
        energy += Pair(x2 - x1, y2 - y1, ref dx1, ref dy1, ref dx2, ref dy2);
        energy += Pair(x3 - x1, y3 - y1, ref dx1, ref dy1, ref dx3, ref dy3);
        energy += Pair(x3 - x2, y3 - y2, ref dx2, ref dy2, ref dx3, ref dy3);
        return energy;

        static double Pair(double dx, double dy, ref double dxi, ref double dyi, ref double dxj, ref double dyj)
        {
            double u = 1 / (dx * dx + dy * dy);
            double s6 = u * u * u;
            double dEdSquare = -12 * u * s6 * (2 * s6 - 1);
            double gx = 2 * dx * dEdSquare;
            double gy = 2 * dy * dEdSquare;
            dxj += gx;
            dyj += gy;
            dxi -= gx;
            dyi -= gy;
            return 4 * (s6 * s6 - s6);
        }
    }

    public static Tensor LennardJones4Graph(Tensor x0, Tensor y0, Tensor x1, Tensor y1, Tensor x2, Tensor y2, Tensor x3, Tensor y3) =>
        PairEnergyGraph(x1 - x0, y1 - y0) + PairEnergyGraph(x2 - x0, y2 - y0) + PairEnergyGraph(x3 - x0, y3 - y0)
        + PairEnergyGraph(x2 - x1, y2 - y1) + PairEnergyGraph(x3 - x1, y3 - y1) + PairEnergyGraph(x3 - x2, y3 - y2);

    private static Tensor PairEnergyGraph(Tensor dx, Tensor dy)
    {
        Tensor inverseSquare = 1 / (dx * dx + dy * dy);
        Tensor s6 = inverseSquare * inverseSquare * inverseSquare;
        return 4 * (s6 * s6 - s6);
    }
}
