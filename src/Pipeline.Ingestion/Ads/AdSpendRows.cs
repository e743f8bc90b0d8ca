using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Ads;

/// <summary>What the three ad platform readers share: campaign, amount, summing rows of one key, and the file's notes.</summary>
/// <remarks>
/// The campaign is its name, or its id when the file has no name; ids stay text as written, also when Excel has
/// turned them into <c>2.08471E+10</c> (the digits are lost then, so that is reported once). An empty or <c>--</c>
/// amount is no spend (0); a negative one is a row error. A currency code written in the amount must match the row's.
/// </remarks>
internal sealed class AdSpendRows
{
    private readonly string _channel;
    private readonly CsvColumn _campaignName;
    private readonly CsvColumn _campaignId;
    private readonly AdSpendTotals _totals = new();
    private readonly StringPool _labels = new();
    private readonly List<string> _notes = [];
    private string? _scientificId;
    private (int Count, long Row, string Cell) _summaries;

    public AdSpendRows(string channel, DecimalColumn amount, CsvColumn campaignName, CsvColumn campaignId)
    {
        _channel = channel;
        Amount = amount;
        _campaignName = campaignName;
        _campaignId = campaignId;
    }

    public DecimalColumn Amount { get; }

    public IReadOnlyList<SpendRecord> Records => _totals.Records;

    /// <summary>The notes about the file; complete once every row is read.</summary>
    public IReadOnlyList<string> Warnings()
    {
        var warnings = new List<string>(_notes);
        if (_summaries.Count > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Skipped {_summaries.Count} summary row(s), so their spend is not counted twice: row {_summaries.Row} ('{_summaries.Cell}'){(_summaries.Count > 1 ? " and others" : string.Empty)}."));
        }

        if (_totals.Summed > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Added up {_totals.Summed} row(s) that share a day (or month) and campaign with an earlier row, such as one row per ad group; each day and campaign is one spend record."));
        }

        if (_scientificId is not null)
        {
            warnings.Add(string.Concat("Campaign ids such as '", _scientificId, "' are in scientific notation (Excel shortened them), ",
                "so different campaigns may share an id; they are kept as written. Export with campaign names, or format the id column as text."));
        }

        return warnings;
    }

    /// <summary>Counts a summary row the reader skipped, for one warning.</summary>
    public void SkipSummary(CsvRecord record, string cell) =>
        _summaries = _summaries.Count == 0 ? (1, record.Row, cell) : (_summaries.Count + 1, _summaries.Row, _summaries.Cell);

    /// <summary>The campaign name, else its id, else null.</summary>
    private string? ReadCampaign(CsvRecord record)
    {
        if (record.Text(_campaignName, _labels) is { } name)
        {
            return name;
        }

        var id = record.Text(_campaignId, _labels);
        if (id is not null && _scientificId is null && id.Contains("E+", StringComparison.OrdinalIgnoreCase))
        {
            _scientificId = id;
        }

        return id;
    }

    /// <summary>The amount spent: 0 when empty, null when invalid or negative (reported on the record).</summary>
    private decimal? ReadAmount(CsvRecord record)
    {
        var amount = Amount.Read(record);
        if (amount is < 0m)
        {
            record.Fail(Amount.Column, string.Concat("'", record.Written(Amount.Column),
                "' is a negative amount: spend is zero or more."));
            return null;
        }

        return amount ?? (record.HasErrors ? null : 0m);
    }

    /// <summary>
    /// Reads the row's campaign and amount and adds its spend for the <paramref name="period"/> and <paramref name="currency"/>
    /// the platform's reader read (null when invalid, already reported), unless the row has errors.
    /// </summary>
    public void Read(CsvRecord record, SpendPeriod? period, CurrencyCode? currency)
    {
        var campaign = ReadCampaign(record);
        var amount = ReadAmount(record);
        if (record.HasErrors || period is not { } spendPeriod || currency is null || amount is null)
        {
            return;
        }

        Add(record, spendPeriod.Date, spendPeriod.Month, campaign, amount.Value, currency.Value);
    }

    /// <summary>A day's period: the day, in its month.</summary>
    public static SpendPeriod? Day(DateOnly? day) => day is { } value ? new SpendPeriod(value, BillingMonth.FromDate(value)) : null;

    /// <summary>Adds the row's spend, or reports why it cannot be (a currency in the amount or the key that disagrees).</summary>
    private void Add(CsvRecord record, DateOnly? day, BillingMonth month, string? campaign, decimal amount, CurrencyCode currency)
    {
        if (Amount.LastCurrencyMark is { Length: 3 } mark && !mark.Equals(currency.Code, StringComparison.Ordinal))
        {
            record.Fail(Amount.Column, string.Concat("'", record.Written(Amount.Column), "' is in ", mark, ", but the row's currency is ",
                currency.Code, ": give the amount in the row's currency."));
            return;
        }

        var earlier = _totals.Add(new SpendRecord
        {
            Date = day,
            Month = month,
            Channel = _channel,
            Campaign = campaign,
            Amount = amount,
            Currency = currency,
            Paid = true,
            RowNumber = record.Row,
        });
        if (earlier is not null)
        {
            record.Fail(Amount.Column, string.Create(CultureInfo.InvariantCulture,
                $"this row is in {currency.Code}, but row {earlier.RowNumber} with the same day and campaign is in {earlier.Currency.Code}; spend in two currencies cannot be added up: export one account (currency) per file."));
        }
    }
}
