using Pipeline.Domain;

namespace Pipeline.Application.Ports;

/// <summary>The normalized records of one accepted file, in source order.</summary>
public sealed record LedgerBatch(IReadOnlyList<RevenueLine> Lines, IReadOnlyList<CustomerRecord> Customers);
