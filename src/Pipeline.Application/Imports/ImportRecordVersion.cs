namespace Pipeline.Application.Imports;

/// <summary>An import record as stored, with the ETag of its row: a claim is taken over, renewed and finished conditionally on it.</summary>
/// <param name="Record">The record.</param>
/// <param name="ETag">The version of the stored row the record was read from.</param>
public sealed record ImportRecordVersion(ImportRecord Record, string ETag);
