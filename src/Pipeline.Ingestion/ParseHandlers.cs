namespace Pipeline.Ingestion;

/// <summary>Where a parse hands on what it reads as it goes: revenue lines, and customer records when a handler takes them.</summary>
/// <param name="Lines">Takes the revenue lines a chunk at a time.</param>
/// <param name="Customers">Takes the customer records a chunk at a time; null to merge them into the result instead.</param>
internal sealed record ParseHandlers(RevenueLineChunkHandler Lines, CustomerChunkHandler? Customers);
