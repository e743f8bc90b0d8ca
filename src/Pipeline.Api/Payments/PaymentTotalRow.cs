using Pipeline.Api.Http;
using Pipeline.Application.Payments;

namespace Pipeline.Api.Payments;

/// <summary>Cash of one month in one currency (<c>by=month</c>); amounts are rounded to the currency's minor unit.</summary>
/// <remarks><see cref="Net"/> = payments + refunds + credit notes + chargebacks; failed payments moved no cash and are apart.</remarks>
public sealed record PaymentTotalRow(
    [property: CellFormat(CellFormat.Month)] string Month,
    string Currency,
    decimal Payments,
    decimal Refunds,
    decimal CreditNotes,
    decimal Chargebacks,
    decimal FailedPayments,
    decimal Net,
    int Movements)
{
    public static PaymentTotalRow From(PaymentMonthTotal total)
    {
        ArgumentNullException.ThrowIfNull(total);
        var currency = total.Currency;
        return new PaymentTotalRow(
            total.Month.ToString(),
            currency.Code,
            currency.Round(total.Payments),
            currency.Round(total.Refunds),
            currency.Round(total.CreditNotes),
            currency.Round(total.Chargebacks),
            currency.Round(total.FailedPayments),
            currency.Round(total.Net),
            total.Movements);
    }
}
