using Pipeline.Domain;

namespace Pipeline.Application.Payments;

/// <summary>A money movement of the ledger with the month (business time zone) it occurred in.</summary>
public sealed record PaymentEntry(BillingMonth Month, MoneyMovement Movement);
