using Pipeline.Api.Http;
using Pipeline.Application.Closes;

namespace Pipeline.Api.Closes;

/// <summary>One month's close as ops see it.</summary>
public sealed record CloseRow(
    [property: CellFormat(CellFormat.Month)] string Month,
    string Status,
    int Version,
    DateTimeOffset ClosedAt,
    string ClosedBy,
    string InputsFingerprint,
    int InputImports,
    string Currency,
    decimal Mrr,
    int Customers,
    DateTimeOffset? DataHorizon,
    string? Warning)
{
    public static CloseRow From(CloseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CloseRow(
            record.Month.ToString(), record.Status.ToString(), record.Version, record.ClosedAt, record.ClosedBy,
            record.InputsFingerprint, record.InputImports, record.Currency.Code, record.Currency.Round(record.Mrr),
            record.Customers, record.DataHorizon, record.Warning);
    }
}
