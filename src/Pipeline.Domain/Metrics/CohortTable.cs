namespace Pipeline.Domain.Metrics;

/// <summary>Cohort cells from a month's closing snapshot, and retention rows from the stored cells (METRICS.md §5).</summary>
/// <remarks>
/// A cohort is the month of a customer's New movement; reactivated customers count again in their original cohort.
/// Cells are stored per month so that a closed month's cells never change; the retention table is read back from
/// them. A cohort whose customers have all left still gets a cell (0 customers, 0 MRR), so its retention shows 0 %
/// rather than a gap.
/// </remarks>
public static class CohortTable
{
    /// <summary>The cohort cells of <paramref name="month"/>, ordered by cohort month.</summary>
    /// <param name="month">The month whose end the snapshot describes.</param>
    /// <param name="closing">Every customer at the month's end, including those that ever paid and pay nothing now.</param>
    public static IReadOnlyList<CohortCell> CellsOf(BillingMonth month, IReadOnlyList<CustomerMonthEnd> closing)
    {
        ArgumentNullException.ThrowIfNull(closing);

        // One pass, each cohort at its distance back from the month; each cohort's MRR is summed in the snapshot's order.
        // Most rows of a long history are dormant (MRR 0): adding a zero changes a sum only when it has more decimals
        // than the sum so far (0.00 makes 5 read 5.00), so only then is it added, and the sums keep their exact digits.
        var back = new CohortTally(month);
        for (var index = 0; index < closing.Count; index++)
        {
            var customer = closing[index];
            if (customer.CohortMonth is { } cohort && cohort <= month)
            {
                back.Add(month.MonthsSince(cohort), customer.Mrr);
            }
        }

        return back.Cells();
    }

    /// <summary>The cells of one month end, by distance back from it.</summary>
    private sealed class CohortTally(BillingMonth month)
    {
        private bool[] _seen = new bool[64];
        private int[] _active = new int[64];
        private decimal[] _mrr = new decimal[64];
        private int _count;

        public void Add(int back, decimal mrr)
        {
            if (back >= _seen.Length)
            {
                var size = Math.Max(back + 1, _seen.Length * 2);
                Array.Resize(ref _seen, size);
                Array.Resize(ref _active, size);
                Array.Resize(ref _mrr, size);
            }

            _count = Math.Max(_count, back + 1);
            _seen[back] = true;
            if (mrr > 0m)
            {
                _active[back]++;
            }

            if (mrr != 0m || mrr.Scale > _mrr[back].Scale)
            {
                _mrr[back] += mrr;
            }
        }

        public List<CohortCell> Cells()
        {
            var cells = new List<CohortCell>();
            for (var back = _count - 1; back >= 0; back--)
            {
                if (_seen[back])
                {
                    cells.Add(new CohortCell(month.PlusMonths(-back), month, _active[back], _mrr[back]));
                }
            }

            return cells;
        }
    }

    /// <summary>One retention row per cohort month, ordered by cohort, each running to the last month seen in the cells.</summary>
    /// <remarks>
    /// Logo retention divides by the cohort's customers active at its first month end (its size); revenue retention
    /// by the cohort's MRR then. Cells are unique per (cohort, month); a duplicate is a bug and throws.
    /// </remarks>
    public static IReadOnlyList<CohortRow> Rows(IEnumerable<CohortCell> cells, CohortMetric metric)
    {
        ArgumentNullException.ThrowIfNull(cells);

        var byCohortAndMonth = cells.ToDictionary(cell => (cell.Cohort, cell.Month));
        if (byCohortAndMonth.Count == 0)
        {
            return [];
        }

        var lastMonth = byCohortAndMonth.Keys.Max(key => key.Month);
        return byCohortAndMonth.Keys
            .Select(key => key.Cohort)
            .Distinct()
            .Order()
            .Select(cohort => RowOf(cohort, lastMonth, byCohortAndMonth, metric))
            .ToList();
    }

    private static CohortRow RowOf(
        BillingMonth cohort,
        BillingMonth lastMonth,
        Dictionary<(BillingMonth Cohort, BillingMonth Month), CohortCell> cells,
        CohortMetric metric)
    {
        var start = cells.GetValueOrDefault((cohort, cohort));
        var size = start?.ActiveCustomers ?? 0;
        var startMrr = start?.Mrr ?? 0m;
        var retention = new List<decimal?>();
        for (var k = 0; k <= lastMonth.MonthsSince(cohort); k++)
        {
            var cell = cells.GetValueOrDefault((cohort, cohort.PlusMonths(k)));
            retention.Add(cell is null ? null : RetentionOf(cell, size, startMrr, metric));
        }

        return new CohortRow(cohort, size, startMrr, retention);
    }

    private static decimal? RetentionOf(CohortCell cell, int size, decimal startMrr, CohortMetric metric) =>
        metric switch
        {
            CohortMetric.Logo => size == 0 ? null : (decimal)cell.ActiveCustomers / size,
            CohortMetric.Revenue => startMrr == 0m ? null : cell.Mrr / startMrr,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Expected Logo or Revenue."),
        };
}
