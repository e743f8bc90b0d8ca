using Pipeline.Domain.Clv;
using static MathNet.Numerics.SpecialFunctions;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>Purchase histories grouped by identical (x, t_x, T), so a likelihood evaluation costs one term per distinct history.</summary>
/// <remarks>
/// Histories repeat a lot (every one-time buyer who started on the same day is the same (0, 0, T)), and the terms that
/// depend on x alone — ln Γ(r+x) − ln Γ(r), the Beta ratio and ln(a / (b+x−1)) — are computed once per distinct x per
/// evaluation, and ln(α + t) once per distinct time t (times in whole days repeat across histories), so a history's term
/// costs one exponential and one logarithm.
/// </remarks>
internal sealed class PurchaseData
{
    private readonly (int X, double LastPurchaseTime, double ObservedTime, int Count)[] _histories;
    private readonly int[] _distinctX;
    private readonly int[] _xIndex;
    private readonly double[] _distinctTimes;
    private readonly int[] _lastPurchaseTimeIndex;
    private readonly int[] _observedTimeIndex;

    private PurchaseData((int X, double LastPurchaseTime, double ObservedTime, int Count)[] histories, int customers, int repeatBuyers)
    {
        _histories = histories;
        _distinctX = [.. histories.Select(history => history.X).Distinct().Order()];
        _xIndex = [.. histories.Select(history => Array.BinarySearch(_distinctX, history.X))];
        _distinctTimes = [.. histories.SelectMany(history => new[] { history.LastPurchaseTime, history.ObservedTime }).Distinct().Order()];
        _lastPurchaseTimeIndex = [.. histories.Select(history => Array.BinarySearch(_distinctTimes, history.LastPurchaseTime))];
        _observedTimeIndex = [.. histories.Select(history => Array.BinarySearch(_distinctTimes, history.ObservedTime))];
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
        var dropOutOdds = new double[_distinctX.Length];
        for (var i = 0; i < _distinctX.Length; i++)
        {
            var x = _distinctX[i];
            byX[i] = GammaLn(r + x) + BetaLn(a, b + x);
            dropOutOdds[i] = x == 0 ? double.NegativeInfinity : Math.Log(a) - Math.Log(b + x - 1);
        }

        var logAlphaPlus = new double[_distinctTimes.Length];
        for (var i = 0; i < _distinctTimes.Length; i++)
        {
            logAlphaPlus[i] = Math.Log(alpha + _distinctTimes[i]);
        }

        var logLikelihood = 0.0;
        for (var i = 0; i < _histories.Length; i++)
        {
            var (x, _, _, count) = _histories[i];
            // ln L = shared + ln(e^alive + e^dropped) (PurchaseLikelihood), the logarithms looked up.
            var alive = -(r + x) * logAlphaPlus[_observedTimeIndex[i]];
            var survival = x == 0
                ? alive
                : PurchaseLikelihood.LogSumExp(alive, dropOutOdds[_xIndex[i]] - (r + x) * logAlphaPlus[_lastPurchaseTimeIndex[i]]);
            logLikelihood += count * (common + byX[_xIndex[i]] + survival);
        }

        return logLikelihood;
    }
}
