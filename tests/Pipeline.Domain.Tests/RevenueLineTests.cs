namespace Pipeline.Domain.Tests;

/// <summary>The rarely set fields of a line live in a shared side object; copies and equality must not notice.</summary>
public sealed class RevenueLineTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RevenueLine Line() => new()
    {
        LineKey = "il_1",
        CustomerId = "cus_1",
        Amount = 49m,
        Currency = CurrencyCode.Parse("EUR"),
        ServiceStart = Start,
        ServiceEnd = Start.AddMonths(1),
    };

    [Fact]
    public void RareFields_Unset_ReadAsDefaults()
    {
        var line = Line();

        Assert.Null(line.DueAt);
        Assert.Null(line.RefundedAt);
        Assert.Null(line.CreditedFrom);
        Assert.Null(line.SnapshotTakenAt);
        Assert.Null(line.CurrentPeriodStart);
        Assert.False(line.CancelsAtEnd);
        Assert.Null(line.CancellationRequestedAt);
    }

    [Fact]
    public void RareFields_SetInInitializer_ReadBack()
    {
        var line = Line() with
        {
            DueAt = Start.AddDays(14),
            RefundedAt = Start.AddDays(3),
            CreditedFrom = Start.AddDays(15),
            SnapshotTakenAt = Start.AddDays(20),
            CurrentPeriodStart = Start.AddDays(1),
            CancelsAtEnd = true,
            CancellationRequestedAt = Start.AddDays(2),
        };

        Assert.Equal(Start.AddDays(14), line.DueAt);
        Assert.Equal(Start.AddDays(3), line.RefundedAt);
        Assert.Equal(Start.AddDays(15), line.CreditedFrom);
        Assert.Equal(Start.AddDays(20), line.SnapshotTakenAt);
        Assert.Equal(Start.AddDays(1), line.CurrentPeriodStart);
        Assert.True(line.CancelsAtEnd);
        Assert.Equal(Start.AddDays(2), line.CancellationRequestedAt);
    }

    [Fact]
    public void With_ChangingOneRareField_LeavesTheOriginalAndTheOthersAlone()
    {
        var original = Line() with { DueAt = Start.AddDays(14), CancelsAtEnd = true };

        var copy = original with { RefundedAt = Start.AddDays(5), CancelsAtEnd = false };

        Assert.Equal(Start.AddDays(14), original.DueAt);
        Assert.Null(original.RefundedAt);
        Assert.True(original.CancelsAtEnd);
        Assert.Equal(Start.AddDays(14), copy.DueAt);
        Assert.Equal(Start.AddDays(5), copy.RefundedAt);
        Assert.False(copy.CancelsAtEnd);
    }

    [Fact]
    public void Equality_ComparesRareFieldValues()
    {
        var refunded = Line() with { RefundedAt = Start.AddDays(5) };

        Assert.Equal(Line() with { RefundedAt = Start.AddDays(5) }, refunded);
        Assert.Equal((Line() with { RefundedAt = Start.AddDays(5) }).GetHashCode(), refunded.GetHashCode());
        Assert.NotEqual(Line(), refunded);
        Assert.NotEqual(refunded with { RefundedAt = Start.AddDays(6) }, refunded);
    }

    [Fact]
    public void Equality_RareFieldsSetBackToDefaults_EqualsALineThatNeverHadThem()
    {
        var cleared = Line() with { DueAt = Start, CancelsAtEnd = true } with { DueAt = null, CancelsAtEnd = false };

        Assert.Equal(Line(), cleared);
        Assert.Equal(Line().GetHashCode(), cleared.GetHashCode());
        Assert.Equal(Line() with { DueAt = null }, Line());
    }

    [Fact]
    public void With_SameInstantAtAnotherOffset_KeepsTheNewOffset()
    {
        var utc = Line() with { RefundedAt = Start };

        var local = utc with { RefundedAt = Start.ToOffset(TimeSpan.FromHours(2)) };

        Assert.Equal(TimeSpan.FromHours(2), local.RefundedAt!.Value.Offset);
        Assert.Equal(TimeSpan.Zero, utc.RefundedAt!.Value.Offset);
    }

    [Fact]
    public void ToString_ShowsRareFields()
    {
        var text = (Line() with { CancelsAtEnd = true }).ToString();

        Assert.Contains("CancelsAtEnd = True", text, StringComparison.Ordinal);
        Assert.Contains("RefundedAt = ", text, StringComparison.Ordinal);
    }
}
