using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Benchmarks;

/// <summary>One month's MRR and movement figures in the reporting currency, rounded to cents: what the e2e benchmark compares.</summary>
/// <remarks>Built from DuckDB's movement table on one side and from the pipeline's KPI rows on the other.</remarks>
internal sealed record MonthFigures(
    BillingMonth Month,
    decimal Mrr,
    decimal NewMrr,
    decimal ExpansionMrr,
    decimal ReactivationMrr,
    decimal ContractionMrr,
    decimal ChurnedMrr,
    decimal DelinquentChurnedMrr,
    int Customers,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers)
{
    /// <summary>The names and values compared, in the API's column names.</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        yield return ("mrr", Money(Mrr));
        yield return ("newMrr", Money(NewMrr));
        yield return ("expansionMrr", Money(ExpansionMrr));
        yield return ("reactivationMrr", Money(ReactivationMrr));
        yield return ("contractionMrr", Money(ContractionMrr));
        yield return ("churnedMrr", Money(ChurnedMrr));
        yield return ("delinquentChurnedMrr", Money(DelinquentChurnedMrr));
        yield return ("customers", Count(Customers));
        yield return ("newCustomers", Count(NewCustomers));
        yield return ("reactivatedCustomers", Count(ReactivatedCustomers));
        yield return ("churnedCustomers", Count(ChurnedCustomers));
    }

    /// <summary>Every field on which <paramref name="other"/> differs: name, this value, the other value.</summary>
    public IEnumerable<(string Name, string Mine, string Theirs)> Differences(MonthFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Fields().Zip(other.Fields())
            .Where(pair => !string.Equals(pair.First.Value, pair.Second.Value, StringComparison.Ordinal))
            .Select(pair => (pair.First.Name, pair.First.Value, pair.Second.Value));
    }

    private static string Money(decimal amount) =>
        decimal.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
