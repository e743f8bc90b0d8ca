using System.Globalization;

namespace Pipeline.Domain.Metrics;

/// <summary>Checks <c>Mrr = StartMrr + New + Expansion + Reactivation − Contraction − Churned + FxImpact</c> (METRICS.md §2).</summary>
/// <remarks>
/// Exact for amounts with terminating decimals. Amounts such as 25 × 52/12 carry 28 significant digits, and summing
/// them in two different orders can differ in the last digit (about 1e-20 for a few thousand customers); that
/// representation residue is allowed, nothing more: a real bug is off by far more. A close that does not add up
/// must never be locked, so this throws.
/// </remarks>
internal static class MrrIdentity
{
    /// <param name="kpis">The figures to check.</param>
    /// <param name="terms">How many amounts were added up to make them (sets the allowed residue).</param>
    /// <param name="scope">Appended to the month in the message, for example <c> in plan=pro</c>; empty for the tenant.</param>
    /// <exception cref="InvalidOperationException">The figures do not add up.</exception>
    public static void Ensure(MonthlyKpis kpis, int terms, string scope = "")
    {
        var expected = kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr
            - kpis.ContractionMrr - kpis.ChurnedMrr + kpis.FxImpactMrr;
        var difference = Math.Abs(kpis.Mrr - expected);
        var largest = kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr + kpis.Mrr + Math.Abs(kpis.FxImpactMrr);
        if (difference > ((2 * terms) + 8) * LastDigitOf(largest))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The MRR movements of {kpis.Month}{scope} do not add up: end MRR {kpis.Mrr}, but start MRR plus movements and FX impact is {expected}."));
        }
    }

    /// <summary>The value of one unit in the 28th significant digit at the magnitude of <paramref name="amount"/>.</summary>
    private static decimal LastDigitOf(decimal amount)
    {
        var unit = 0.0000000000000000000000000001m;
        for (var whole = decimal.Truncate(Math.Abs(amount)); whole >= 1m; whole = decimal.Truncate(whole / 10m))
        {
            unit *= 10m;
        }

        return unit;
    }
}
