using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class LoyaltyCalculatorTests
{
    private static readonly BillingMonth March = new(2025, 3);

    [Fact]
    public void Compute_CustomerAnswersTwiceInTheMonth_LatestResponseWins()
    {
        // A: 3 on Mar 2, then 10 on Mar 20 → promoter; B: 8 → passive. NPS = (1 − 0) ÷ 2 × 100 = 50.
        var input = Input(March, [Response("A", new(2025, 3, 20), 10), Response("A", new(2025, 3, 2), 3), Response("B", new(2025, 3, 5), 8)]);

        var figures = Single(input);

        Assert.Equal((2, 1, 1, 0), (figures.Responses, figures.Promoters, figures.Passives, figures.Detractors));
        Assert.Equal(50m, figures.Nps);
    }

    [Fact]
    public void Compute_SameInstantTwice_LaterInLedgerOrderWins()
    {
        var input = Input(March, [Response("A", new(2025, 3, 2), 3), Response("A", new(2025, 3, 2), 9)]);

        Assert.Equal(1, Single(input).Promoters);
    }

    [Fact]
    public void Compute_RespondentWithoutMrr_LeftOutOfRevenueWeightingOnly()
    {
        // A promoter 300, B detractor 100, C detractor without MRR, D passive 100.
        // NPS = (1 − 2) ÷ 4 × 100 = −25; revenue-weighted = (300 − 100) ÷ (300 + 100 + 100) × 100 = 40.
        var input = Input(
            March,
            [Response("A", new(2025, 3, 1), 10), Response("B", new(2025, 3, 1), 2), Response("C", new(2025, 3, 1), 0), Response("D", new(2025, 3, 1), 7)],
            [Customer("A", 300m), Customer("B", 100m), Customer("C", 0m), Customer("D", 100m)]);

        var figures = Single(input);

        Assert.Equal(-25m, figures.Nps);
        Assert.Equal(40m, figures.RevenueWeightedNps);
    }

    [Fact]
    public void Compute_NoRespondentHasMrr_RevenueWeightedNpsIsNull()
    {
        var figures = Single(Input(March, [Response("A", new(2025, 3, 1), 10)]));

        Assert.Equal(100m, figures.Nps);
        Assert.Null(figures.RevenueWeightedNps);
    }

    [Fact]
    public void Compute_TrailingTwelveMonths_EachCustomersLatestResponseInTheWindow()
    {
        // December 2025: the window is January–December 2025. A: 0 in Mar, 10 in Nov → promoter; B: 9 in Jun → promoter;
        // C: 2 in Dec → detractor; D: 10 in Dec 2024, outside. nps12 = (2 − 1) ÷ 3 × 100; the month itself has only C.
        var december = new BillingMonth(2025, 12);
        var input = Input(december,
        [
            Response("A", new(2025, 3, 1), 0), Response("A", new(2025, 11, 1), 10), Response("B", new(2025, 6, 30), 9),
            Response("C", new(2025, 12, 31), 2), Response("D", new(2024, 12, 31), 10),
        ]);

        var figures = Single(input);

        Assert.Equal(3, figures.Responses12);
        Assert.Equal(100m / 3m, figures.Nps12);
        Assert.Equal(1, figures.Responses);
        Assert.Equal(-100m, figures.Nps);
    }

    [Fact]
    public void Compute_ResponseAfterTheMonth_IsIgnored()
    {
        var figures = Single(Input(March, [Response("A", new(2025, 4, 1), 10)]));

        Assert.Equal((0, 0), (figures.Responses, figures.Responses12));
    }

    [Fact]
    public void Compute_SameSolutionAndProvider_SharesOfThoseWhoAnswered()
    {
        // A yes/yes, B yes/no, C no/(blank), D (blank)/(blank): solution 2 of 3, provider 1 of 2, loyal 1 of 2.
        var input = Input(March,
        [
            Response("A", new(2025, 3, 1), 9, SurveyAnswer.Yes, SurveyAnswer.Yes),
            Response("B", new(2025, 3, 1), 9, SurveyAnswer.Yes, SurveyAnswer.No),
            Response("C", new(2025, 3, 1), 9, SurveyAnswer.No),
            Response("D", new(2025, 3, 1), 9),
        ]);

        var figures = Single(input);

        Assert.Equal(2m / 3m, figures.SameSolutionShare);
        Assert.Equal(0.5m, figures.SameProviderShare);
        Assert.Equal(0.5m, figures.LoyalShare);
    }

    [Fact]
    public void Compute_LongTenureDetractorsAndProviderNo_AreCaptive()
    {
        // December 2025. A: cohort Jan 2024 (24 months), detractor, 100 → captive. B: cohort Jan 2024, promoter but would
        // not choose the same provider, 50 → captive. C: cohort Feb 2024 (23 months), detractor → not. D: cohort 2023,
        // promoter, same provider yes → not. E: cohort 2022, detractor, churned (no MRR) → not.
        var december = new BillingMonth(2025, 12);
        var input = Input(december,
            [
                Response("A", new(2025, 12, 1), 3), Response("B", new(2025, 12, 1), 10, sameProvider: SurveyAnswer.No),
                Response("C", new(2025, 12, 1), 0), Response("D", new(2025, 12, 1), 10, sameProvider: SurveyAnswer.Yes),
                Response("E", new(2025, 12, 1), 1),
            ],
            [
                Customer("A", 100m, new(2024, 1)), Customer("B", 50m, new(2024, 1)), Customer("C", 70m, new(2024, 2)),
                Customer("D", 80m, new(2023, 1)), Customer("E", 0m, new(2022, 1)),
            ]);

        var figures = Single(input);

        Assert.Equal(2, figures.CaptiveCustomers);
        Assert.Equal(150m, figures.CaptiveMrr);
    }

    [Fact]
    public void Compute_ChurnByCategory_OnceTheMonthsAreClosed()
    {
        // January: promoters P1, P2 and detractor D1 have MRR; D2 (detractor) has none and is left out.
        // D1 is gone in March; P2 in June. Within 3 months: promoters 0/2, detractors 1/1, no passives (null).
        // Within 6 months: promoters 1/2, detractors 1/1.
        var january = new BillingMonth(2025, 1);
        var snapshot = (string[] active) => (IReadOnlyList<CustomerMonthEnd>)[.. active.Select(id => Customer(id, 10m))];
        var input = Input(january,
            [Response("P1", new(2025, 1, 5), 9), Response("P2", new(2025, 1, 5), 10), Response("D1", new(2025, 1, 5), 6), Response("D2", new(2025, 1, 5), 0)],
            [Customer("P1", 10m), Customer("P2", 10m), Customer("D1", 10m)]) with
        {
            Following =
            [
                snapshot(["P1", "P2", "D1"]), snapshot(["P1", "P2"]), snapshot(["P1", "P2"]), snapshot(["P1", "P2"]),
                snapshot(["P1"]), snapshot(["P1"]),
            ],
        };

        var figures = Single(input);

        Assert.Equal(new LoyaltyChurn(0m, null, 1m), figures.Churn3);
        Assert.Equal(new LoyaltyChurn(0.5m, null, 1m), figures.Churn6);
    }

    [Fact]
    public void Compute_FollowingMonthsNotAllClosed_ChurnIsUnknown()
    {
        var input = Input(March, [Response("A", new(2025, 3, 1), 10)], [Customer("A", 10m)]) with
        {
            Following = [[Customer("A", 10m)], [Customer("A", 10m)]],
        };

        var figures = Single(input);

        Assert.Equal(LoyaltyChurn.Unknown, figures.Churn3);
        Assert.Equal(LoyaltyChurn.Unknown, figures.Churn6);
    }

    [Fact]
    public void Compute_MonthWithoutResponses_FiguresAreNullNeverZero()
    {
        var figures = Single(Input(March, [], [Customer("A", 100m, new(2020, 1))]));

        Assert.Equal(0, figures.Responses);
        Assert.Null(figures.Nps);
        Assert.Null(figures.RevenueWeightedNps);
        Assert.Null(figures.Nps12);
        Assert.Null(figures.SameSolutionShare);
        Assert.Null(figures.SameProviderShare);
        Assert.Null(figures.LoyalShare);
        Assert.Null(figures.CaptiveCustomers);
        Assert.Null(figures.CaptiveMrr);
    }

    [Fact]
    public void Compute_LateResponse_CountsInTheMonthAndIsFlagged()
    {
        // A's February answer arrived after February was closed: it counts in March (the first open month), flagged late.
        var input = Input(March, [Response("B", new(2025, 3, 3), 10)]) with { LateResponses = [Response("A", new(2025, 2, 20), 0)] };

        var figures = Single(input);

        Assert.Equal((2, 1, 1), (figures.Responses, figures.Detractors, figures.LateResponses));
    }

    [Fact]
    public void Compute_ByCountry_OneRowPerSegmentOfTheRespondents()
    {
        var input = Input(March,
            [Response("A", new(2025, 3, 1), 10), Response("B", new(2025, 3, 1), 0), Response("C", new(2025, 3, 1), 10)],
            [Customer("A", 10m) with { Country = "NL" }, Customer("B", 10m) with { Country = "NL" }]);

        var rows = LoyaltyCalculator.Compute(input, SegmentDimensions.Country, []);

        Assert.Equal([(SegmentDimensions.None, 1, 100m), ("NL", 2, 0m)], rows.Select(row => (row.Segment!, row.Responses, row.Nps!.Value)));
        Assert.All(rows, row => Assert.Equal(SegmentDimensions.Country, row.Dimension));
    }

    [Fact]
    public void Compute_ByTier_TopTwentyPercentOfTheCustomersWithMrr()
    {
        // Five customers with MRR: the top ⌈0.2 × 5⌉ = 1 is E (500). A answers 0, E answers 10.
        var input = Input(March,
            [Response("A", new(2025, 3, 1), 0), Response("E", new(2025, 3, 1), 10)],
            [Customer("A", 100m), Customer("B", 200m), Customer("C", 300m), Customer("D", 400m), Customer("E", 500m)]);

        var rows = LoyaltyCalculator.Compute(input, SegmentDimensions.Tier, []);

        Assert.Equal([("rest", -100m), ("top20", 100m)], rows.Select(row => (row.Segment!, row.Nps!.Value)));
    }

    [Fact]
    public void Compute_ByBandAndPlan_BandOfTheMrrAndPlanOfTheLargestPart()
    {
        // Bands <100, 100-1000, >=1000. A: 50 (basic 50) → <100; B: 250 (basic 100 + pro 150) → 100-1000, plan pro;
        // C: no MRR → (none) in both.
        var eur = CurrencyCode.Parse("EUR");
        var input = Input(March,
            [Response("A", new(2025, 3, 1), 10), Response("B", new(2025, 3, 1), 0), Response("C", new(2025, 3, 1), 8)],
            [
                Customer("A", 50m) with { Parts = [new MrrPart("basic", null, eur, 50m, 50m)] },
                Customer("B", 250m) with { Parts = [new MrrPart("basic", null, eur, 100m, 100m), new MrrPart("pro", null, eur, 150m, 150m)] },
            ]);

        var bands = LoyaltyCalculator.Compute(input, SegmentDimensions.Band, [100m, 1000m]);
        var plans = LoyaltyCalculator.Compute(input, SegmentDimensions.Plan, [100m, 1000m]);

        Assert.Equal([("(none)", 1), ("100-1000", 1), ("<100", 1)], bands.Select(row => (row.Segment!, row.Responses)));
        Assert.Equal([("(none)", 0m), ("basic", 100m), ("pro", -100m)], plans.Select(row => (row.Segment!, row.Nps!.Value)));
    }

    [Theory]
    [InlineData(0, LoyaltyCategory.Detractor)]
    [InlineData(6, LoyaltyCategory.Detractor)]
    [InlineData(7, LoyaltyCategory.Passive)]
    [InlineData(8, LoyaltyCategory.Passive)]
    [InlineData(9, LoyaltyCategory.Promoter)]
    [InlineData(10, LoyaltyCategory.Promoter)]
    public void CategoryOf_Score_FollowsTheNpsBands(int score, LoyaltyCategory expected) =>
        Assert.Equal(expected, LoyaltyCalculator.CategoryOf(score));

    private static LoyaltyFigures Single(LoyaltyMonthInput input) => Assert.Single(LoyaltyCalculator.Compute(input, dimension: null, []));

    private static LoyaltyMonthInput Input(BillingMonth month, SurveyResponse[] responses, CustomerMonthEnd[]? closing = null) =>
        new() { Month = month, Responses = responses, Closing = closing ?? [] };

    private static SurveyResponse Response(
        string customer, DateOnly day, int score, SurveyAnswer? sameSolution = null, SurveyAnswer? sameProvider = null) => new()
    {
        CustomerId = customer,
        RespondedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
        Score = score,
        SameSolution = sameSolution,
        SameProvider = sameProvider,
    };

    private static CustomerMonthEnd Customer(string id, decimal mrr, BillingMonth? cohort = null) =>
        new(id, mrr, EverPaid: true) { CohortMonth = cohort ?? new BillingMonth(2025, 1) };
}
