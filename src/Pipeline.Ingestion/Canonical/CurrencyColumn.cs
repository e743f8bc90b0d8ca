using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads a required ISO 4217 currency column and holds it to the reporting currency, when one is set.</summary>
/// <remarks>
/// Revenue lines are not converted at ingest, so a line in another currency than the reporting one cannot be used;
/// spend and rates files pass no reporting currency, since any currency is fine there.
/// The last code read is remembered: a file rarely has more than one currency, so most rows allocate nothing here.
/// </remarks>
internal sealed class CurrencyColumn(CsvColumn column, CurrencyCode? reportingCurrency, string? emptyMessage = null)
{
    private const string DefaultEmptyMessage = "currency is empty: every line needs an ISO 4217 currency code such as EUR or USD.";

    private string _lastText = string.Empty;
    private CurrencyCode _last;

    /// <returns>The currency, or null when it is empty, unknown or foreign (reported on the record).</returns>
    public CurrencyCode? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            record.Fail(column, emptyMessage ?? DefaultEmptyMessage);
            return null;
        }

        if (!text.SequenceEqual(_lastText) && !TryRemember(text))
        {
            record.Fail(column, string.Concat("'", record.Written(column),
                "' is not an ISO 4217 currency code: expected a code such as EUR, USD or GBP."));
            return null;
        }

        if (reportingCurrency is { } reporting && _last != reporting)
        {
            record.Fail(column, string.Concat("currency ", _last.Code, " differs from the reporting currency ", reporting.Code,
                "; exchange rates are not supported yet"));
            return null;
        }

        return _last;
    }

    private bool TryRemember(ReadOnlySpan<char> text)
    {
        var written = text.ToString();
        if (!CurrencyCode.TryParse(written, out var currency))
        {
            return false;
        }

        (_lastText, _last) = (written, currency);
        return true;
    }
}
