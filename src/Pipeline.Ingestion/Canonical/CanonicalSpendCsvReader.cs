using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the rows of a canonical spend file (EXPORTS.md A3) into spend records.</summary>
/// <remarks>
/// Amounts are major units and never negative. Any ISO 4217 currency is accepted: spend is converted when a month
/// is closed, not here, so the reporting currency does not apply. Channels are trimmed and lower-cased so that
/// "Google_Ads" and "google_ads" are one channel; <c>paid</c> defaults to whether the channel is paid media.
/// A later row with the same key (day or month, channel, campaign) replaces the earlier one, with one warning.
/// </remarks>
internal sealed class CanonicalSpendCsvReader(CsvHeader header, CsvLayout layout) : IExportRowReader
{
    private const string AmountExpected = "an amount in major units such as 1234.56 or 1.234,56, without a currency symbol";
    private const int MaxStackChannelLength = 128;

    private readonly SpendPeriodColumns _period = new(header);
    private readonly CsvColumn _channel = header.Column(CanonicalColumns.Channel);
    private readonly CsvColumn _campaign = header.Column(CanonicalColumns.Campaign);
    private readonly DecimalColumn _amount = new(header.Column(CanonicalColumns.Amount), layout.DecimalCommaByDefault, AmountExpected);
    private readonly CurrencyColumn _currency = new(header.Column(CanonicalColumns.Currency), reportingCurrency: null,
        "currency is empty: every spend row needs the ISO 4217 code of its amount, such as EUR or USD.");
    private readonly BooleanColumn _paid = new(header.Column(CanonicalColumns.Paid));
    private readonly SpendRecordSet _spend = new();
    private readonly StringPool _labels = new();

    public IReadOnlyList<SpendRecord> Spend => _spend.Records;

    public IReadOnlyList<string> Warnings => _spend.Replaced == 0
        ? []
        : [string.Create(CultureInfo.InvariantCulture,
            $"{_spend.Replaced} spend row(s) repeat the day or month, channel and campaign of an earlier row; the last row of each wins.")];

    public void Read(CsvRecord record)
    {
        var period = _period.Read(record);
        var channel = ReadChannel(record);
        var amount = ReadAmount(record);
        var currency = _currency.Read(record);
        var paid = _paid.Read(record);
        if (record.HasErrors || period is null || channel is null || amount is null || currency is null)
        {
            return;
        }

        _spend.Add(new SpendRecord
        {
            Date = period.Value.Date,
            Month = period.Value.Month,
            Channel = channel,
            Campaign = record.Text(_campaign, _labels),
            Amount = amount.Value,
            Currency = currency.Value,
            Paid = paid ?? SpendRecord.IsPaidMediaChannel(channel),
            RowNumber = record.Row,
        });
    }

    /// <summary>The trimmed, lower-cased channel; repeated channels share one string.</summary>
    private string? ReadChannel(CsvRecord record)
    {
        var text = record.Span(_channel);
        if (text.IsEmpty)
        {
            record.Fail(_channel, "channel is empty: every spend row needs the channel it was spent on, such as google_ads, meta_ads or organic.");
            return null;
        }

        if (text.Length > MaxStackChannelLength)
        {
            return text.ToString().ToLowerInvariant();
        }

        Span<char> lower = stackalloc char[text.Length];
        text.ToLowerInvariant(lower);
        return _labels.Get(lower);
    }

    private decimal? ReadAmount(CsvRecord record)
    {
        var amount = _amount.ReadRequired(record, "amount is empty: every spend row needs the amount spent.");
        if (amount is not < 0m)
        {
            return amount;
        }

        record.Fail(_amount.Column, string.Concat("'", record.Written(_amount.Column),
            "' is a negative amount: spend is zero or more; to correct a row, give its corrected amount instead."));
        return null;
    }
}
