using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads a required ISO 4217 currency column and holds it to the reporting currency, when one is set.</summary>
/// <remarks>There are no exchange rates yet, so a line in another currency than the reporting one cannot be used.</remarks>
internal static class CurrencyColumn
{
    /// <returns>The currency, or null when it is empty, unknown or foreign (reported on the record).</returns>
    public static CurrencyCode? Read(CsvRecord record, CsvColumn column, CurrencyCode? reportingCurrency)
    {
        var text = record.Text(column);
        if (text is null)
        {
            record.Fail(column, "currency is empty: every line needs an ISO 4217 currency code such as EUR or USD.");
            return null;
        }

        if (!CurrencyCode.TryParse(text, out var currency))
        {
            record.Fail(column, string.Concat("'", record.Written(column),
                "' is not an ISO 4217 currency code: expected a code such as EUR, USD or GBP."));
            return null;
        }

        if (reportingCurrency is { } reporting && currency != reporting)
        {
            record.Fail(column, string.Concat("currency ", currency.Code, " differs from the reporting currency ", reporting.Code,
                "; exchange rates are not supported yet"));
            return null;
        }

        return currency;
    }
}
