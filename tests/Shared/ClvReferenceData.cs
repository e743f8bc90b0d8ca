using System.Globalization;
using Pipeline.Domain.Clv;

namespace Pipeline.Testing;

/// <summary>Reads the public reference data in <c>tests/Fixtures/clv</c> (see its README) with the invariant culture.</summary>
internal static class ClvReferenceData
{
    /// <summary>Fader &amp; Hardie (2007) Table 1: survivors of the regular and high-end cohorts after 0 … 12 years.</summary>
    public static (int[] Regular, int[] HighEnd) RegularAndHighEnd()
    {
        var rows = Rows("sbg_regular_highend.csv", "year,regular_alive,highend_alive");
        return ([.. rows.Select(row => Integer(row[1]))], [.. rows.Select(row => Integer(row[2]))]);
    }

    /// <summary>The four-cohort triangle, one cohort per entry, ordered by cohort and period.</summary>
    public static RetentionCohort[] MultiCohortExample() =>
        [.. Rows("sbg_multicohort_example.csv", "cohort,period,alive")
            .Select(row => (Cohort: Integer(row[0]), Period: Integer(row[1]), Alive: Integer(row[2])))
            .GroupBy(row => row.Cohort)
            .OrderBy(group => group.Key)
            .Select(group => new RetentionCohort([.. group.OrderBy(row => row.Period).Select(row => row.Alive)]))];

    /// <summary>The CDNOW calibration summary (frequency, recency, T in weeks).</summary>
    public static PurchaseSummary[] CdnowSummary() =>
        [.. Rows("cdnow_customers_summary.csv", "ID,frequency,recency,T")
            .Select(row => new PurchaseSummary(row[0], Integer(row[1]), Real(row[2]), Real(row[3]), MeanRepeatValue: null))];

    /// <summary>The CDNOW calibration summary with zbar, the mean spend of the repeat purchase days.</summary>
    public static PurchaseSummary[] CdnowSummaryWithSpend() =>
        [.. Rows("cdnow_customers_summary_with_transactions.csv", "ID,x,t_x,T,zbar")
            .Select(row => new PurchaseSummary(
                row[0], Integer(row[1]), Real(row[2]), Real(row[3]),
                Integer(row[1]) == 0 ? null : decimal.Parse(row[4], NumberStyles.Float, CultureInfo.InvariantCulture)))];

    /// <summary>The raw CDNOW transaction log: sample id, day, dollar value.</summary>
    public static IEnumerable<(string CustomerId, DateOnly Day, decimal Value)> CdnowTransactions() =>
        File.ReadLines(PathOf("CDNOW_sample.txt"))
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 5)
            .Select(fields => (
                fields[1].TrimStart('0'),
                DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                decimal.Parse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture)));

    private static List<string[]> Rows(string file, string expectedHeader)
    {
        var lines = File.ReadAllLines(PathOf(file)).Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();
        Assert.Equal(expectedHeader, lines[0]);
        return [.. lines.Skip(1).Select(line => line.Split(','))];
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "clv", file);

    private static int Integer(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Real(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
