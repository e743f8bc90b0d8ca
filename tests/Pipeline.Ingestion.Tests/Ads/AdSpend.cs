using System.Globalization;

namespace Pipeline.Ingestion.Tests.Ads;

/// <summary>Reads an ad spend result back as text, for short exact assertions.</summary>
internal static class AdSpend
{
    /// <summary>Each record as <c>day|campaign|amount|currency</c> (the month when there is no day).</summary>
    public static string[] Rows(ExportParseResult result) =>
        result.Spend.Select(spend => string.Join('|',
            spend.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? spend.Month.ToString(),
            spend.Campaign ?? string.Empty,
            spend.Amount.ToString(CultureInfo.InvariantCulture),
            spend.Currency.Code)).ToArray();

    /// <summary>Spend per month as <c>yyyy-MM=amount</c>.</summary>
    public static string[] PerMonth(ExportParseResult result) =>
        result.Spend.GroupBy(spend => spend.Month).OrderBy(group => group.Key)
            .Select(group => string.Concat(group.Key.ToString(), "=", group.Sum(spend => spend.Amount).ToString("0.00", CultureInfo.InvariantCulture)))
            .ToArray();
}
