using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests;

/// <summary>METRICS.md §1, Corrections: a line is its source and line id; the newest received version is the one that counts.</summary>
public sealed class LineCorrectionsTests
{
    private const string Canonical = "canonical-revenue-lines";
    private const string Register = "profile:register";

    [Fact]
    public void Apply_VoidSentAgainInALaterFile_OnlyTheVoidVersionRemains()
    {
        var paid = Line("s1", "S", 100m);
        var other = Line("c1", "C", 50m);
        var voided = paid with { Status = DocumentStatus.Void, RowNumber = 7 };

        var lines = LineCorrections.Apply([new(Canonical, [paid, other]), new(Canonical, [voided])]);

        Assert.Equal([other, voided], lines);
    }

    [Fact]
    public void Apply_CorrectedAmountAndPeriodInALaterFile_ReplaceTheEarlierVersion()
    {
        var amount = Line("a1", "A", 100m);
        var period = Line("p1", "P", 80m);
        var correctedAmount = amount with { Amount = 120m };
        var correctedPeriod = period with { ServiceStart = On(2, 1), ServiceEnd = On(3, 1) };

        var lines = LineCorrections.Apply([new(Canonical, [amount, period]), new(Canonical, [correctedPeriod, correctedAmount])]);

        Assert.Equal([correctedPeriod, correctedAmount], lines);
    }

    [Fact]
    public void Apply_NewestReceivedWins_AlsoWhenAnOlderVersionComesBack()
    {
        var first = Line("s1", "S", 100m);
        var voided = first with { Status = DocumentStatus.Void };
        var reissued = first with { Amount = 90m };

        Assert.Equal([reissued], LineCorrections.Apply([new(Canonical, [first]), new(Canonical, [voided]), new(Canonical, [reissued])]));
        Assert.Equal([first], LineCorrections.Apply([new(Canonical, [reissued]), new(Canonical, [voided]), new(Canonical, [first])]));
    }

    [Fact]
    public void Apply_SameIdInTwoSources_BothCount()
    {
        var canonical = Line("1001", "A", 100m);
        var register = Line("1001", "B", 50m) with { Status = DocumentStatus.Void };

        var lines = LineCorrections.Apply([new(Canonical, [canonical]), new(Register, [register])]);

        Assert.Equal([canonical, register], lines);
    }

    [Fact]
    public void Apply_IdRepeatedWithinOneFile_TheLaterRowWins()
    {
        var earlier = Line("x1", "X", 100m) with { RowNumber = 2 };
        var between = Line("y1", "Y", 40m) with { RowNumber = 3 };
        var later = earlier with { Amount = 110m, RowNumber = 4 };

        var lines = LineCorrections.Apply([new(Canonical, [earlier, between, later])]);

        Assert.Equal([between, later], lines);
    }

    [Fact]
    public void Apply_SnapshotLinesWithTheSameKey_AllPassThroughForSnapshotHistory()
    {
        var march = Line("sub_1", "S", 50m) with { SubscriptionId = "sub_1", Origin = LineOrigin.SubscriptionSnapshot, SnapshotTakenAt = On(3, 31) };
        var april = march with { Amount = 80m, SnapshotTakenAt = On(4, 30) };

        var lines = LineCorrections.Apply([new("stripe-subscriptions", [march]), new("stripe-subscriptions", [april])]);

        Assert.Equal([march, april], lines);
    }

    [Fact]
    public void Apply_NoIdRepeats_EveryLineInFileOrderSameInstances()
    {
        RevenueLine[] first = [Line("a", "A", 10m), Line("b", "B", 20m)];
        RevenueLine[] second = [Line("c", "C", 30m)];

        var lines = LineCorrections.Apply([new(Canonical, first), new(Canonical, second), new(Canonical, [])]);

        Assert.Equal(3, lines.Count);
        Assert.Same(first[0], lines[0]);
        Assert.Same(first[1], lines[1]);
        Assert.Same(second[0], lines[2]);
    }

    private static RevenueLine Line(string key, string customer, decimal amount) => new()
    {
        LineKey = key,
        CustomerId = customer,
        Amount = amount,
        Currency = Eur,
        Interval = BillingInterval.Monthly,
        ServiceStart = On(1, 1),
        ServiceEnd = On(2, 1),
        IssuedAt = On(1, 1),
    };
}
