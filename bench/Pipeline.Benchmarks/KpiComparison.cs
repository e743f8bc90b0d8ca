using System.Text.Json;
using Pipeline.Domain;

namespace Pipeline.Benchmarks;

/// <summary>The pipeline's KPI rows against DuckDB's movement table: equal, or the differences.</summary>
/// <param name="Equal">Every compared month equal in every field, and no month missing on either side.</param>
/// <param name="Months">The pipeline rows compared.</param>
/// <param name="Closed">Of them, closed months.</param>
/// <param name="Provisional">Of them, provisional months measured at their month ends.</param>
/// <param name="Differences">One line per differing field or missing month, oldest month first.</param>
internal sealed record KpiComparison(bool Equal, int Months, int Closed, int Provisional, List<string> Differences)
{
    /// <summary>Pipeline KPI rows measured at a month end (closed, or provisional without <c>asOf</c>) against DuckDB's rows.</summary>
    public static KpiComparison Of(List<JsonElement> kpis, List<MonthFigures> peer, BillingMonth last)
    {
        var expected = peer.ToDictionary(row => row.Month);
        var differences = new List<string>();
        var (closed, provisional) = (0, 0);
        foreach (var row in kpis)
        {
            var status = row.GetProperty("status").GetString();
            var month = BillingMonth.Parse(row.GetProperty("month").GetString()!);
            var atMonthEnd = status == "closed" || (status == "provisional" && row.GetProperty("asOf").ValueKind == JsonValueKind.Null);
            if (!atMonthEnd || month > last)
            {
                continue;
            }

            (closed, provisional) = status == "closed" ? (closed + 1, provisional) : (closed, provisional + 1);
            if (!expected.Remove(month, out var theirs))
            {
                differences.Add($"{month}: DuckDB has no row");
                continue;
            }

            differences.AddRange(Figures(row, month).Differences(theirs).Select(difference =>
                $"{month} {difference.Name}: pipeline {difference.Mine}, DuckDB {difference.Theirs}"));
        }

        differences.AddRange(expected.Keys.Order().Select(month => $"{month}: no pipeline row measured at the month end"));
        return new KpiComparison(differences.Count == 0, closed + provisional, closed, provisional, differences);
    }

    private static MonthFigures Figures(JsonElement row, BillingMonth month)
    {
        decimal Amount(string name) => row.GetProperty(name).GetDecimal();
        int Count(string name) => row.GetProperty(name).GetInt32();
        return new MonthFigures(
            month, Amount("mrr"), Amount("newMrr"), Amount("expansionMrr"), Amount("reactivationMrr"), Amount("contractionMrr"),
            Amount("churnedMrr"), Amount("delinquentChurnedMrr"), Count("customers"), Count("newCustomers"), Count("reactivatedCustomers"),
            Count("churnedCustomers"));
    }
}
