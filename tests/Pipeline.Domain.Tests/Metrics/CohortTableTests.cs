using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class CohortTableTests
{
    private static readonly BillingMonth January = new(2025, 1);

    [Fact]
    public void Rows_Ex15Cohort_LogoAndRevenueRetentionAsInMetrics()
    {
        // METRICS.md Ex15: cohort January, A 100 and B 200 new; A churns in February; B → 250 in March;
        // A returns at 100 in April. Base: 2 customers, 300 MRR.
        var cells = new[]
        {
            CohortTable.CellsOf(January, [Customer("A", 100m, January), Customer("B", 200m, January)]),
            CohortTable.CellsOf(Month(2), [Customer("A", 0m, January), Customer("B", 200m, January)]),
            CohortTable.CellsOf(Month(3), [Customer("A", 0m, January), Customer("B", 250m, January)]),
            CohortTable.CellsOf(Month(4), [Customer("A", 100m, January), Customer("B", 250m, January)]),
        }.SelectMany(month => month).ToList();

        var logo = Assert.Single(CohortTable.Rows(cells, CohortMetric.Logo));
        var revenue = Assert.Single(CohortTable.Rows(cells, CohortMetric.Revenue));

        Assert.Equal((January, 2, 300m), (logo.Cohort, logo.Size, logo.StartMrr));
        Assert.Equal([1m, 0.5m, 0.5m, 1m], logo.Retention);
        Assert.Equal([1m, 200m / 300m, 250m / 300m, 350m / 300m], revenue.Retention);
    }

    [Fact]
    public void CellsOf_CustomersOfSeveralCohorts_OneCellPerCohortInOrder()
    {
        CustomerMonthEnd[] closing =
        [
            Customer("A", 100m, Month(2)),
            Customer("B", 0m, January),
            Customer("C", 40m, January),
            Customer("D", 60m, January),
            new("E", 0m, EverPaid: false),
        ];

        var cells = CohortTable.CellsOf(Month(3), closing);

        Assert.Equal([new(January, Month(3), 2, 100m), new(Month(2), Month(3), 1, 100m)], cells);
    }

    [Fact]
    public void CellsOf_AmountsSummedAsWritten_DormantZeroesKeepTheirDecimals()
    {
        // The cell's MRR is the sum of every member's, zeros included: 0.00 + 0.00 stays 0.00 (two decimals), so the
        // cell reads back as it was written; cohorts with nobody (2025-02) get no cell, and later cohorts none either.
        var cells = CohortTable.CellsOf(Month(4),
        [
            Customer("A", 0.00m, January), Customer("B", 0.00m, January), Customer("C", 12.5m, Month(3)), Customer("D", 9m, Month(5)),
        ]);

        Assert.Equal([new CohortCell(January, Month(4), 0, 0m), new CohortCell(Month(3), Month(4), 1, 12.5m)], cells);
        Assert.Equal("0.00", cells[0].Mrr.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CellsOf_CohortWhoseCustomersAllLeft_KeptWithZeroActive()
    {
        var cells = CohortTable.CellsOf(Month(5), [Customer("A", 0m, January), Customer("B", 0m, January)]);

        Assert.Equal([new CohortCell(January, Month(5), 0, 0m)], cells);
    }

    [Fact]
    public void Rows_LaterCohort_RunsToLastMonthSeenWithZeroForLostAndNullForMissingMonth()
    {
        // Cohort February: 2 customers; one left in March; April was never computed; May has both gone.
        CohortCell[] cells =
        [
            new(January, January, 1, 10m),
            new(January, Month(5), 1, 10m),
            new(Month(2), Month(2), 2, 80m),
            new(Month(2), Month(3), 1, 20m),
            new(Month(2), Month(5), 0, 0m),
        ];

        var rows = CohortTable.Rows(cells, CohortMetric.Revenue);

        Assert.Equal([January, Month(2)], rows.Select(row => row.Cohort));
        Assert.Equal([1m, null, null, null, 1m], rows[0].Retention);
        Assert.Equal([1m, 0.25m, null, 0m], rows[1].Retention);
    }

    [Fact]
    public void Rows_CohortWithoutFirstMonthCell_SizeZeroAndRetentionNull()
    {
        var row = Assert.Single(CohortTable.Rows([new CohortCell(January, Month(2), 1, 50m)], CohortMetric.Logo));

        Assert.Equal((0, 0m), (row.Size, row.StartMrr));
        Assert.Equal([null, null], row.Retention);
    }

    [Fact]
    public void Rows_NoCells_NoRows()
    {
        Assert.Empty(CohortTable.Rows([], CohortMetric.Logo));
    }

    [Fact]
    public void CellsOf_ZerosOfEveryScaleBetweenAmounts_SumsBitForBitAsAddingEveryMember()
    {
        // Skipping a dormant member's zero must never change a sum's digits: compared with adding every member in order.
        var random = new Random(20261207);
        decimal[] zeros = [0m, 0.0m, 0.00m, 0.000m, -0.00m];
        var closing = Enumerable.Range(0, 120)
            .Select(index => Customer(
                $"C{index}",
                random.Next(4) == 0 ? new decimal(random.Next(1, 100_000), 0, 0, false, (byte)random.Next(0, 2)) : zeros[random.Next(zeros.Length)],
                Month(1 + random.Next(12))))
            .ToList();

        var cells = CohortTable.CellsOf(Month(12), closing);

        foreach (var cell in cells)
        {
            var members = closing.Where(customer => customer.CohortMonth == cell.Cohort).ToList();
            var sum = 0m;
            members.ForEach(customer => sum += customer.Mrr);
            Assert.Equal(decimal.GetBits(sum), decimal.GetBits(cell.Mrr));
            Assert.Equal(members.Count(customer => customer.Mrr > 0m), cell.ActiveCustomers);
        }

        Assert.Equal(12, cells.Count);
        Assert.Contains(cells, cell => cell.Mrr.Scale == 3);
    }

    private static BillingMonth Month(int month) => new(2025, month);

    private static CustomerMonthEnd Customer(string id, decimal mrr, BillingMonth cohort) =>
        new(id, mrr, EverPaid: true) { CohortMonth = cohort };
}
