using Pipeline.Domain;

namespace Pipeline.Application.Payments;

/// <summary>Cash of one month in one currency, by kind of movement (signed major units, full precision).</summary>
/// <param name="Month">The month the movements occurred in (business time zone).</param>
/// <param name="Currency">The movements' currency; currencies are never added together.</param>
/// <param name="Payments">Σ payments (positive).</param>
/// <param name="Refunds">Σ refunds (negative).</param>
/// <param name="CreditNotes">Σ credit notes (negative).</param>
/// <param name="Chargebacks">Σ chargebacks (negative).</param>
/// <param name="FailedPayments">Σ failed payment attempts: no cash moved, so they are not in <paramref name="Net"/>.</param>
/// <param name="Net">Payments + refunds + credit notes + chargebacks.</param>
/// <param name="Movements">How many movements (failed payments included).</param>
public sealed record PaymentMonthTotal(
    BillingMonth Month,
    CurrencyCode Currency,
    decimal Payments,
    decimal Refunds,
    decimal CreditNotes,
    decimal Chargebacks,
    decimal FailedPayments,
    decimal Net,
    int Movements)
{
    /// <summary>One total per month and currency, ordered by month, then currency code.</summary>
    public static IReadOnlyList<PaymentMonthTotal> Of(IEnumerable<PaymentEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .GroupBy(entry => (entry.Month, entry.Movement.Currency))
            .OrderBy(group => group.Key.Month)
            .ThenBy(group => group.Key.Currency.Code, StringComparer.Ordinal)
            .Select(group => Total(group.Key.Month, group.Key.Currency, group.Select(entry => entry.Movement).ToList()))
            .ToList();
    }

    private static PaymentMonthTotal Total(BillingMonth month, CurrencyCode currency, List<MoneyMovement> movements)
    {
        decimal Sum(MoneyMovementType type) => movements.Where(movement => movement.Type == type).Sum(movement => movement.Amount);
        var payments = Sum(MoneyMovementType.Payment);
        var refunds = Sum(MoneyMovementType.Refund);
        var credits = Sum(MoneyMovementType.CreditNote);
        var chargebacks = Sum(MoneyMovementType.Chargeback);
        return new PaymentMonthTotal(
            month,
            currency,
            payments,
            refunds,
            credits,
            chargebacks,
            Sum(MoneyMovementType.FailedPayment),
            payments + refunds + credits + chargebacks,
            movements.Count);
    }
}
