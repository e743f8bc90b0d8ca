using Pipeline.Api.Http;
using Pipeline.Application.Payments;
using Pipeline.Domain;

namespace Pipeline.Api.Payments;

/// <summary>One money movement of the ledger (EXPORTS.md C3.4): signed amount, payments positive, refunds negative.</summary>
/// <remarks><see cref="Month"/> is the month it occurred in, in the business time zone; amounts are rounded to the currency's minor unit.</remarks>
public sealed record PaymentRow(
    [property: CellFormat(CellFormat.Month)] string Month,
    string Key,
    string Type,
    string? CustomerId,
    string? InvoiceId,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt,
    bool TimingEstimated,
    bool FullRefund,
    string? Status)
{
    /// <summary>The type names of rows and of the <c>type</c> filter (EXPORTS.md C3.4).</summary>
    public static string NameOf(MoneyMovementType type) => type switch
    {
        MoneyMovementType.Payment => "payment",
        MoneyMovementType.Refund => "refund",
        MoneyMovementType.CreditNote => "credit_note",
        MoneyMovementType.Chargeback => "chargeback",
        MoneyMovementType.FailedPayment => "failed_payment",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown movement type."),
    };

    public static PaymentRow From(PaymentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var movement = entry.Movement;
        return new PaymentRow(
            entry.Month.ToString(),
            movement.MovementKey,
            NameOf(movement.Type),
            movement.CustomerId,
            movement.InvoiceId,
            movement.Currency.Round(movement.Amount),
            movement.Currency.Code,
            movement.OccurredAt.ToUniversalTime(),
            movement.TimingEstimated,
            movement.IsFullRefund,
            movement.Status);
    }
}
