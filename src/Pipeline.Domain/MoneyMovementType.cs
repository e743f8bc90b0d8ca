namespace Pipeline.Domain;

/// <summary>What kind of cash movement a <see cref="MoneyMovement"/> is (EXPORTS.md C3.4).</summary>
public enum MoneyMovementType
{
    Payment,
    Refund,
    CreditNote,
    Chargeback,
    FailedPayment,
}
