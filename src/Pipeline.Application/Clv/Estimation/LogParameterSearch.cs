using MathNet.Numerics.Differentiation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>Maximises a likelihood over the logarithms of its positive parameters with Math.NET's optimisers.</summary>
/// <remarks>
/// <para>
/// The likelihoods here are smooth but badly scaled (BG/NBD's α is around 4, its r around 0.2), so the search runs over
/// log-parameters, where one step size fits every scale and positivity needs no constraint. It has two stages. Math.NET's
/// Nelder–Mead simplex finds the basin from a far start without derivatives; it is restarted from its best point with a
/// smaller simplex until a run no longer improves the value, the standard remedy for a simplex that stalls on a ridge.
/// The simplex stops when its vertices' values agree, which leaves the point accurate to only about six digits, so
/// Math.NET's BFGS then polishes it on a central-difference gradient (Math.NET's <c>NumericalDerivative</c>, steps of
/// 1e-5 in the log-parameters, where truncation and rounding errors balance), which settles the optimum to about nine
/// digits (Fader &amp; Hardie's six-digit sBG estimates need it). Should BFGS fail (its line search can give up in the rounding noise at the optimum), the simplex's point stands.
/// </para>
/// <para>
/// A non-finite value (a point outside the model's domain) counts as +∞, so the search moves away from it. The likelihood
/// has no interior maximum when a parameter runs off past e^±15 (3.3 million, 3e-7), when a simplex run does not settle
/// within its 5,000 iterations (it is crawling along a ridge to the edge of the domain), or when it is flat at the optimum:
/// when scaling the parameters by e² one at a time or all together, either way, leaves the value unchanged to ten digits,
/// the data pin nothing down in that direction (retention exactly geometric is the sBG limit α, β → ∞, where the
/// likelihood stops changing in double precision long before e^15). The caller reports either as a note, never a number.
/// </para>
/// </remarks>
internal static class LogParameterSearch
{
    /// <summary>The largest |ln θ| of a parameter that is still an interior maximum.</summary>
    public const double LogParameterLimit = 15.0;

    private const double SimplexTolerance = 1e-13;
    private const int MaxIterationsPerRun = 5_000;
    private const int MaxRuns = 30;
    private const double FirstStep = 0.5;
    private const double SmallestStep = 1e-3;
    private const double FlatnessProbe = 2.0;
    private const double FlatnessTolerance = 1e-10;

    /// <summary>The parameters that maximise the log-likelihood and its value there, or null when there is no interior maximum.</summary>
    /// <param name="logLikelihood">The log-likelihood of the (positive) parameters.</param>
    /// <param name="start">The first parameters, positive.</param>
    public static (double[] Parameters, double LogLikelihood)? Maximize(Func<double[], double> logLikelihood, double[] start)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        ArgumentNullException.ThrowIfNull(start);

        double NegativeLogLikelihood(Vector<double> point)
        {
            if (point.Any(value => Math.Abs(value) > LogParameterLimit + 5))
            {
                return double.PositiveInfinity;
            }

            var value = -logLikelihood([.. point.Select(value => Math.Exp(value))]);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        if (Simplex(NegativeLogLikelihood, Vector<double>.Build.DenseOfEnumerable(start.Select(value => Math.Log(value)))) is not ({ } point, var minimum))
        {
            return null;
        }

        (point, minimum) = Polish(NegativeLogLikelihood, point, minimum);
        return point.Any(value => Math.Abs(value) > LogParameterLimit) || IsFlat(NegativeLogLikelihood, point, minimum)
            ? null
            : ([.. point.Select(value => Math.Exp(value))], -minimum);
    }

    /// <summary>The simplex's best point and value, or null when a run does not settle within its iterations.</summary>
    private static (Vector<double> Point, double Value)? Simplex(Func<Vector<double>, double> objective, Vector<double> start)
    {
        var function = ObjectiveFunction.Value(objective);
        var (best, bestValue) = (start, objective(start));
        var step = FirstStep;
        for (var run = 0; run < MaxRuns; run++)
        {
            MinimizationResult result;
            try
            {
                result = new NelderMeadSimplex(SimplexTolerance, MaxIterationsPerRun)
                    .FindMinimum(function, best, Vector<double>.Build.Dense(best.Count, step));
            }
            catch (MaximumIterationsException)
            {
                // The vertices' values never came together: the simplex is crawling along a ridge towards the edge of
                // the domain (two buyers with one repeat purchase each do that to BG/NBD), so there is no interior maximum.
                return null;
            }

            var value = result.FunctionInfoAtMinimum.Value;
            var improved = bestValue - value > SimplexTolerance * (Math.Abs(value) + 1.0);
            if (value < bestValue)
            {
                (best, bestValue) = (result.MinimizingPoint, value);
            }

            if (!improved && run > 0)
            {
                break;
            }

            step = Math.Max(step * 0.5, SmallestStep);
        }

        return (best, bestValue);
    }

    private static (Vector<double> Point, double Value) Polish(Func<Vector<double>, double> objective, Vector<double> start, double startValue)
    {
        var derivative = new NumericalDerivative(3, 1) { StepType = StepType.RelativeX, BaseStepSize = 1e-5 };
        double OfArray(double[] point) => objective(Vector<double>.Build.DenseOfArray(point));
        Vector<double> Gradient(Vector<double> point)
        {
            var at = point.ToArray();
            return Vector<double>.Build.Dense(at.Length, index => derivative.EvaluatePartialDerivative(OfArray, at, index, 1));
        }

        try
        {
            // Tighter tolerances only chase the rounding noise of the numerical gradient (and run into the iteration cap).
            var result = new BfgsMinimizer(gradientTolerance: 1e-8, parameterTolerance: 1e-10, functionProgressTolerance: 1e-13, maximumIterations: 200)
                .FindMinimum(ObjectiveFunction.Gradient(objective, Gradient), start);
            var value = result.FunctionInfoAtMinimum.Value;
            return value <= startValue ? (result.MinimizingPoint, value) : (start, startValue);
        }
        catch (OptimizationException)
        {
            // The line search gave up (or the budget ran out) short of the tolerances: the simplex's point is the answer.
            return (start, startValue);
        }
    }

    /// <summary>Whether moving by e^±<see cref="FlatnessProbe"/> along an axis or the diagonal leaves the value where it is.</summary>
    private static bool IsFlat(Func<Vector<double>, double> objective, Vector<double> point, double value)
    {
        var directions = Enumerable.Range(0, point.Count)
            .Select(axis => Vector<double>.Build.Dense(point.Count, index => index == axis ? 1.0 : 0.0))
            .Append(Vector<double>.Build.Dense(point.Count, 1.0));
        return directions
            .SelectMany(direction => new[] { point + FlatnessProbe * direction, point - FlatnessProbe * direction })
            .Any(probe => objective(probe) - value <= FlatnessTolerance * (Math.Abs(value) + 1.0));
    }
}
