namespace Pipeline.Domain.Metrics;

/// <summary>One customer's month as the segment breakdown needs it: both snapshot rows and the MRR figures.</summary>
/// <param name="Opening">The locked opening row, or null for a customer new to the snapshot.</param>
/// <param name="Closing">The closing row; its parts are in the same order as the ledger's native parts of the customer.</param>
/// <param name="Amounts">S, S′, E and the tenant-level movement.</param>
/// <param name="SameNatives">
/// The opening parts have the same keys and native amounts as the closing parts, in the same order (only rates may
/// differ), so a start part's restated amount is the closing part's amount.
/// </param>
internal readonly record struct CustomerFlow(CustomerMonthEnd? Opening, CustomerMonthEnd Closing, MrrFlow Amounts, bool SameNatives);
