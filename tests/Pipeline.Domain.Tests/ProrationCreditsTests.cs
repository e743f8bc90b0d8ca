using System.Globalization;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests;

/// <summary>METRICS.md §1, Proration: an unused-time credit ends the credited line of its subscription item at the credit's start.</summary>
public sealed class ProrationCreditsTests
{
    [Fact]
    public void Apply_ItemSwapMidFebruary_StarterLineCreditedFromTheCreditsStartProLinesUntouched()
    {
        var lines = StarterToPro();

        var credited = ProrationCredits.Apply(lines);

        Assert.Equal(new DateTimeOffset?[] { null, On(2, 15), null, null, null }, credited.Select(line => line.CreditedFrom));
        Assert.Equal(lines[1] with { CreditedFrom = On(2, 15) }, credited[1]);
        Assert.Equal(On(3, 1), credited[1].ServiceEnd);
    }

    [Fact]
    public void Apply_SameItemUpgradeEx11_OldPlanCreditedRemainingTimeLineNot()
    {
        RevenueLine[] lines =
        [
            Line("sub_p", "A", 100m, On(2, 1), On(3, 1)),
            Line("sub_p", "A", -50m, On(2, 15), On(3, 1), LineType.Proration),
            Line("sub_p", "B", 100m, On(2, 15), On(3, 1), LineType.Proration),
        ];

        var credited = ProrationCredits.Apply(lines);

        Assert.Equal(new DateTimeOffset?[] { On(2, 15), null, null }, credited.Select(line => line.CreditedFrom));
    }

    [Fact]
    public void Apply_CreditOnVoidDocumentOrOfAnotherItemOrCustomer_ChangesNothing()
    {
        RevenueLine[] lines =
        [
            Line("si_base", "Base", 100m, On(3, 1), On(4, 1)),
            Line("si_seats", "Seats", 30m, On(3, 1), On(4, 1)),
            Line("si_seats", "Seats", -15m, On(3, 16), On(4, 1), LineType.Proration) with { Status = DocumentStatus.Void },
            Line("si_base", "Base", -50m, On(3, 16), On(4, 1), LineType.Proration) with { CustomerId = "cus_other" },
            Line("si_gold", "Gold", -50m, On(3, 16), On(4, 1), LineType.Proration),
        ];

        Assert.Same(lines, ProrationCredits.Apply(lines));
    }

    [Fact]
    public void Apply_SeveralCredits_TheEarliestStrictlyInsideThePeriodWins()
    {
        RevenueLine[] lines =
        [
            Line("si_a", "Team", 1200m, On(1, 1), On(12, 31)),
            Line("si_a", "Team", -300m, On(9, 1), On(12, 31), LineType.Proration),
            Line("si_a", "Team", -600m, On(6, 15), On(12, 31), LineType.Proration),
            Line("si_a", "Team", -900m, On(1, 1), On(12, 31), LineType.Proration),
        ];

        Assert.Equal(On(6, 15), ProrationCredits.Apply(lines)[0].CreditedFrom);
    }

    [Fact]
    public void Apply_NoCredit_ReturnsTheInput()
    {
        RevenueLine[] lines = [Line("si_a", "A", 100m, On(1, 1), On(2, 1)), Line("si_a", "A", 100m, On(2, 1), On(3, 1), LineType.Proration)];

        Assert.Same(lines, ProrationCredits.Apply(lines));
    }

    /// <summary>Starter (item si_starter) Jan and Feb, swapped to Pro (item si_pro) on Feb 15 with a −50 unused-time credit.</summary>
    internal static RevenueLine[] StarterToPro() =>
    [
        Line("si_starter", "Starter", 100m, On(1, 1), On(2, 1)),
        Line("si_starter", "Starter", 100m, On(2, 1), On(3, 1)),
        Line("si_starter", "Starter", -50m, On(2, 15), On(3, 1), LineType.Proration),
        Line("si_pro", "Pro", 100m, On(2, 15), On(3, 1), LineType.Proration),
        Line("si_pro", "Pro", 200m, On(3, 1), On(4, 1)),
    ];

    /// <summary>A paid monthly line of cus_q on one subscription item.</summary>
    internal static RevenueLine Line(
        string item, string plan, decimal amount, DateTimeOffset start, DateTimeOffset end, LineType type = LineType.Recurring) => new()
        {
            LineKey = string.Create(CultureInfo.InvariantCulture, $"{item}-{start:MMdd}-{type}"),
            CustomerId = "cus_q",
            SubscriptionId = item,
            Plan = plan,
            LineType = type,
            Amount = amount,
            Currency = Eur,
            Interval = BillingInterval.Monthly,
            ServiceStart = start,
            ServiceEnd = end,
            IssuedAt = start,
        };
}
