namespace Pipeline.Domain.Clv;

/// <summary>Derivative-free minimisation by the Nelder–Mead simplex method, restarted until it stops improving.</summary>
/// <remarks>
/// The likelihoods here are smooth but badly scaled (BG/NBD's α is around 4, its r around 0.2), so the models
/// minimise over log-parameters, where a simplex of fixed size fits every scale and positivity needs no constraint.
/// A single Nelder–Mead run can stall on a ridge; restarting from the best point with a fresh simplex until a run
/// no longer improves the value is the standard remedy and makes the optimum reproducible to many digits.
/// A non-finite objective value (a point outside the model's domain) is treated as +∞, so the simplex moves away.
/// </remarks>
internal static class NelderMead
{
    private const double Reflection = 1.0;
    private const double Expansion = 2.0;
    private const double Contraction = 0.5;
    private const double Shrink = 0.5;

    /// <summary>The point with the smallest value found and that value.</summary>
    public readonly record struct Minimum(double[] Point, double Value, int Evaluations);

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>.</summary>
    /// <param name="objective">The function to minimise.</param>
    /// <param name="start">The first point.</param>
    /// <param name="step">The initial simplex size along each axis.</param>
    /// <param name="tolerance">A run ends when the simplex's values differ by less than this (relative to the best value, plus this absolute).</param>
    /// <param name="maxEvaluations">The budget over all restarts.</param>
    public static Minimum Minimize(
        Func<double[], double> objective, double[] start, double step = 0.5, double tolerance = 1e-12, int maxEvaluations = 50_000)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);

        var evaluations = 0;
        double Evaluate(double[] point)
        {
            evaluations++;
            var value = objective(point);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        var best = (double[])start.Clone();
        var bestValue = Evaluate(best);
        for (var run = 0; run < 50 && evaluations < maxEvaluations; run++)
        {
            var (point, value) = Run(Evaluate, best, step, tolerance, maxEvaluations, () => evaluations);
            var improved = bestValue - value > tolerance * (Math.Abs(value) + 1.0);
            if (value < bestValue)
            {
                best = point;
                bestValue = value;
            }

            if (!improved && run > 0)
            {
                break;
            }

            step = Math.Max(step * 0.5, 1e-3);
        }

        return new Minimum(best, bestValue, evaluations);
    }

    private static (double[] Point, double Value) Run(
        Func<double[], double> evaluate, double[] start, double step, double tolerance, int maxEvaluations, Func<int> evaluations)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])start.Clone();
        values[0] = evaluate(points[0]);
        for (var i = 0; i < n; i++)
        {
            points[i + 1] = (double[])start.Clone();
            points[i + 1][i] += step;
            values[i + 1] = evaluate(points[i + 1]);
        }

        var order = new int[n + 1];
        while (evaluations() < maxEvaluations)
        {
            SortByValue(values, order);
            int bestIndex = order[0], worst = order[n], secondWorst = order[n - 1];
            if (Math.Abs(values[worst] - values[bestIndex]) <= tolerance * (Math.Abs(values[bestIndex]) + 1.0)
                && SimplexSize(points, bestIndex) <= 1e-7)
            {
                break;
            }

            var centroid = Centroid(points, worst);
            var reflected = Along(centroid, points[worst], -Reflection);
            var reflectedValue = evaluate(reflected);
            if (reflectedValue < values[bestIndex])
            {
                var expanded = Along(centroid, points[worst], -Expansion);
                var expandedValue = evaluate(expanded);
                (points[worst], values[worst]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue);
            }
            else if (reflectedValue < values[secondWorst])
            {
                (points[worst], values[worst]) = (reflected, reflectedValue);
            }
            else
            {
                var outside = reflectedValue < values[worst];
                var contracted = Along(centroid, outside ? reflected : points[worst], Contraction);
                var contractedValue = evaluate(contracted);
                if (contractedValue < Math.Min(reflectedValue, values[worst]))
                {
                    (points[worst], values[worst]) = (contracted, contractedValue);
                }
                else
                {
                    for (var i = 0; i <= n; i++)
                    {
                        if (i != bestIndex)
                        {
                            points[i] = Along(points[bestIndex], points[i], Shrink);
                            values[i] = evaluate(points[i]);
                        }
                    }
                }
            }
        }

        SortByValue(values, order);
        return (points[order[0]], values[order[0]]);
    }

    /// <summary>origin + factor × (towards − origin).</summary>
    private static double[] Along(double[] origin, double[] towards, double factor)
    {
        var point = new double[origin.Length];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = origin[i] + factor * (towards[i] - origin[i]);
        }

        return point;
    }

    private static double[] Centroid(double[][] points, int excluded)
    {
        var centroid = new double[points[0].Length];
        for (var i = 0; i < points.Length; i++)
        {
            if (i == excluded)
            {
                continue;
            }

            for (var j = 0; j < centroid.Length; j++)
            {
                centroid[j] += points[i][j] / (points.Length - 1);
            }
        }

        return centroid;
    }

    private static double SimplexSize(double[][] points, int bestIndex)
    {
        var size = 0.0;
        foreach (var point in points)
        {
            for (var j = 0; j < point.Length; j++)
            {
                size = Math.Max(size, Math.Abs(point[j] - points[bestIndex][j]));
            }
        }

        return size;
    }

    private static void SortByValue(double[] values, int[] order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (left, right) => values[left].CompareTo(values[right]));
    }
}
