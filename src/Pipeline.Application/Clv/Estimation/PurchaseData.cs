using Pipeline.Domain.Clv;
using static MathNet.Numerics.SpecialFunctions;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>Purchase histories grouped by identical (x, t_x, T), so a likelihood evaluation costs one term per distinct history.</summary>
/// <remarks>
/// Histories repeat a lot (every one-time buyer who started on the same day is the same (0, 0, T)), and the terms that
/// depend on x alone — ln Γ(r+x) − ln Γ(r) and the Beta ratio — are computed once per distinct x per evaluation.
/// </remarks>
internal sealed class PurchaseData
{
    private readonly (int X, double LastPurchaseTime, double ObservedTime, int Count)[] _histories;
    private readonly int[] _distinctX;
    private readonly int[] _xIndex;

    private PurchaseData((int X, double LastPurchaseTime, double ObservedTime, int Count)[] histories, int customers, int repeatBuyers)
    {
        _histories = histories;
        _distinctX = [.. histories.Select(history => history.X).Distinct().Order()];
        _xIndex = [.. histories.Select(history => Array.BinarySearch(_distinctX, history.X))];
        Customers = customers;
        RepeatBuyers = repeatBuyers;
    }

    public int Customers { get; }

    public int RepeatBuyers { get; }

    public static PurchaseData From(IReadOnlyCollection<PurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        foreach (var customer in customers)
        {
            ArgumentNullException.ThrowIfNull(customer);
            customer.Validate();
        }

        var histories = customers
            .GroupBy(customer => (customer.RepeatPurchases, customer.LastPurchaseTime, customer.ObservedTime))
            .Select(group => (group.Key.RepeatPurchases, group.Key.LastPurchaseTime, group.Key.ObservedTime, group.Count()))
            .ToArray();
        return new PurchaseData(histories, customers.Count, customers.Count(customer => customer.RepeatPurchases > 0));
    }

    /// <summary>The sample log-likelihood at r, α, a, b: the terms of x alone once per distinct x, the rest once per distinct history.</summary>
    public double LogLikelihood(double r, double alpha, double a, double b)
    {
        var common = r * Math.Log(alpha) - GammaLn(r) - BetaLn(a, b);
        var byX = new double[_distinctX.Length];
        for (var i = 0; i < _distinctX.Length; i++)
        {
            var x = _distinctX[i];
            byX[i] = GammaLn(r + x) + BetaLn(a, b + x);
        }

        var logLikelihood = 0.0;
        for (var i = 0; i < _histories.Length; i++)
        {
            var (x, lastPurchaseTime, observedTime, count) = _histories[i];
            logLikelihood += count * (common + byX[_xIndex[i]]
                + PurchaseLikelihood.SurvivalTerms(r, alpha, a, b, x, lastPurchaseTime, observedTime));
        }

        return logLikelihood;
    }
}
