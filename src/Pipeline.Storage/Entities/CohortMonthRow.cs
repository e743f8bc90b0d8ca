using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>
/// A month's cohort cells in one row of the <c>KpiSnapshots</c> table: PK tenant, RK <c>coh|yyyy-MM</c> (see
/// <see cref="SnapshotRowKeys.CohortMonth"/>), one line per cohort in <c>Cells</c>.
/// </summary>
/// <remarks>
/// <para>
/// A month seen by 72 cohorts is one entity instead of 72: a close or refresh writes and a cohort read returns a row a
/// month, and the tenant's partition stays small (every write the service checks against it). The columns are named
/// in <c>Columns</c> (<see cref="ColumnNames"/>) and each line is <c>cohort,active customers,MRR</c>, the cohort as
/// <c>yyyy-MM</c> and the MRR as an invariant decimal with every digit (<see cref="StoredDecimal"/>), lines in cohort
/// order. <c>CellCount</c> says how many lines there are, <c>Month</c> and <c>Status</c> are those of every cell.
/// </para>
/// <para>
/// A table string holds at most 32,768 characters, so the text continues in <c>Cells2</c>, <c>Cells3</c>… after
/// <see cref="CharactersPerProperty"/> characters, always at a line's end (a line is at most about 50 characters, so a
/// property holds more than 600 cohorts, fifty years of monthly cohorts).
/// </para>
/// <para>
/// Cells written before this row existed, one row each (<c>coh|yyyy-MM|cohort=yyyy-MM</c>, <see cref="CohortCellEntity"/>),
/// are still read; a month that has this row ignores them, and the next write of the month deletes them.
/// </para>
/// </remarks>
internal static class CohortMonthRow
{
    /// <summary>The value of the row's <c>Columns</c> property: what each line of <c>Cells</c> holds.</summary>
    public const string ColumnNames = "cohort,active_customers,mrr";

    /// <summary>Where a property's text ends at the latest (a line is never split): below the service's 32,768 characters.</summary>
    public const int CharactersPerProperty = 32_000;

    private const string CellsProperty = "Cells";

    /// <summary>The row of <paramref name="month"/>'s cells, every one of that month, in cohort order.</summary>
    public static TableEntity From(string tenant, KpiStatus status, BillingMonth month, IReadOnlyList<CohortCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new TableEntity(tenant, SnapshotRowKeys.CohortMonth(month))
        {
            ["Status"] = status.ToString(),
            ["Month"] = month.ToString(),
            ["Columns"] = ColumnNames,
            ["CellCount"] = cells.Count,
        };
        var text = new StringBuilder();
        var property = 1;
        Span<char> line = stackalloc char[80];
        foreach (var cell in cells.OrderBy(cell => cell.Cohort))
        {
            if (cell.Month != month)
            {
                throw new ArgumentException($"Cohort cell {cell.Cohort} is seen at {cell.Month}, not {month}.", nameof(cells));
            }

            if (!line.TryWrite(CultureInfo.InvariantCulture, $"{cell.Cohort},{cell.ActiveCustomers},{StoredDecimal.Format(cell.Mrr)}\n", out var written))
            {
                throw new InvalidOperationException($"Cohort cell {cell.Cohort} of {month} does not fit a line.");
            }

            if (text.Length + written > CharactersPerProperty)
            {
                row[PropertyName(property++)] = text.ToString();
                text.Clear();
            }

            text.Append(line[..written]);
        }

        row[PropertyName(property)] = text.ToString();
        return row;
    }

    /// <summary>The cells of a row written by <see cref="From"/>.</summary>
    /// <exception cref="FormatException">A line or a property is not what <see cref="From"/> writes (the row key is named).</exception>
    public static IEnumerable<CohortCell> Cells(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var month = BillingMonth.TryParse(row.GetString("Month"), out var parsed)
            ? parsed
            : throw new FormatException($"Cohort row {row.RowKey}: Month is '{row.GetString("Month")}', not yyyy-MM.");
        var count = 0;
        for (var property = 1; row.GetString(PropertyName(property)) is { } text; property++)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                count++;
                yield return Parse(row.RowKey, month, line);
            }
        }

        if (row.GetInt32("CellCount") is { } expected && expected != count)
        {
            throw new FormatException($"Cohort row {row.RowKey}: CellCount is {expected}, but {count} cells are stored.");
        }
    }

    private static CohortCell Parse(string rowKey, BillingMonth month, string line)
    {
        var parts = line.Split(',');
        if (parts.Length != 3
            || !BillingMonth.TryParse(parts[0], out var cohort)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var active))
        {
            throw new FormatException($"Cohort row {rowKey}: line '{line}' is not '{ColumnNames}' (yyyy-MM, a whole number, a decimal).");
        }

        return new CohortCell(cohort, month, active, StoredDecimal.Parse(parts[2], $"{CellsProperty} ({rowKey}, cohort {parts[0]})"));
    }

    private static string PropertyName(int index) =>
        index == 1 ? CellsProperty : string.Create(CultureInfo.InvariantCulture, $"{CellsProperty}{index}");
}
