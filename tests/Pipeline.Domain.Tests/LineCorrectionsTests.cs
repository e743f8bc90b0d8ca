using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests;

/// <summary>METRICS.md §1, Corrections: a line is its source and line id; the newest received version is the one that counts.</summary>
/// <remarks>Through <see cref="LedgerAssembly"/>, the one place corrections are applied: the ledger keeps identities, not keys.</remarks>
public sealed class LineCorrectionsTests
{
    private const string Canonical = "canonical-revenue-lines";
    private const string Register = "profile:register";

    [Fact]
    public void Assemble_VoidSentAgainInALaterFile_OnlyTheVoidVersionRemains()
    {
        var paid = Line("s1", "S", 100m);
        var other = Line("c1", "C", 50m);
        var voided = paid with { Status = DocumentStatus.Void, RowNumber = 7 };

        var lines = Assemble(new(Canonical, [paid, other]), new(Canonical, [voided]));

        Assert.Equal(Seen(other, voided), lines);
    }

    [Fact]
    public void Assemble_CorrectedAmountAndPeriodInALaterFile_ReplaceTheEarlierVersion()
    {
        var amount = Line("a1", "A", 100m);
        var period = Line("p1", "P", 80m);
        var correctedAmount = amount with { Amount = 120m };
        var correctedPeriod = period with { ServiceStart = On(2, 1), ServiceEnd = On(3, 1) };

        var lines = Assemble(new(Canonical, [amount, period]), new(Canonical, [correctedPeriod, correctedAmount]));

        Assert.Equal(Seen(correctedPeriod, correctedAmount), lines);
    }

    [Fact]
    public void Assemble_NewestReceivedWins_AlsoWhenAnOlderVersionComesBack()
    {
        var first = Line("s1", "S", 100m);
        var voided = first with { Status = DocumentStatus.Void };
        var reissued = first with { Amount = 90m };

        Assert.Equal(Seen(reissued), Assemble(new(Canonical, [first]), new(Canonical, [voided]), new(Canonical, [reissued])));
        Assert.Equal(Seen(first), Assemble(new(Canonical, [reissued]), new(Canonical, [voided]), new(Canonical, [first])));
    }

    [Fact]
    public void Assemble_SameIdInTwoSources_BothCount()
    {
        var canonical = Line("1001", "A", 100m);
        var register = Line("1001", "B", 50m) with { Status = DocumentStatus.Void };

        var lines = Assemble(new(Canonical, [canonical]), new(Register, [register]));

        Assert.Equal(Seen(canonical, register), lines);
    }

    [Fact]
    public void Assemble_IdRepeatedWithinOneFile_TheLaterRowWins()
    {
        var earlier = Line("x1", "X", 100m) with { RowNumber = 2 };
        var between = Line("y1", "Y", 40m) with { RowNumber = 3 };
        var later = earlier with { Amount = 110m, RowNumber = 4 };

        var lines = Assemble(new ReceivedLines(Canonical, [earlier, between, later]));

        Assert.Equal(Seen(between, later), lines);
    }

    [Fact]
    public void Assemble_SnapshotLinesWithTheSameKey_NeverDroppedButChainedBySnapshotHistory()
    {
        var march = Line("sub_1", "S", 50m) with { SubscriptionId = "sub_1", Origin = LineOrigin.SubscriptionSnapshot, SnapshotTakenAt = On(3, 31) };
        var april = march with { Amount = 80m, SnapshotTakenAt = On(4, 30) };

        var lines = Assemble(new("stripe-subscriptions", [march]), new("stripe-subscriptions", [april]));

        // April's terms differ, so April takes over from its snapshot time (its line starts there); March keeps its own period.
        Assert.Equal([(50m, On(1, 1)), (80m, On(4, 30))], lines.Select(line => (line.Net, line.ServiceStart)));
    }

    [Fact]
    public void Assemble_NoIdRepeats_EveryLineInFileOrder()
    {
        RevenueLine[] first = [Line("a", "A", 10m), Line("b", "B", 20m)];
        RevenueLine[] second = [Line("c", "C", 30m)];

        var lines = Assemble(new(Canonical, first), new(Canonical, second), new(Canonical, []));

        Assert.Equal(Seen([.. first, .. second]), lines);
    }

    /// <summary>The ledger the files make, each line as the columnar ledger gives it back.</summary>
    [Fact]
    public void Assemble_LastFileAddedBeforeItsSourceIsKnown_SameLedgerAsWithItsSource()
    {
        // A file being ingested hands its lines over before its format is known; the source is named at the end.
        var paid = Line("s1", "S", 100m);
        var other = Line("c1", "C", 50m);
        var sameIdOtherSource = Line("c1", "R", 70m);
        var voided = paid with { Status = DocumentStatus.Void };
        var earlier = new ReceivedLines[] { new(Canonical, [paid, other]), new(Register, [sameIdOtherSource]) };

        var assembly = new LedgerAssembly([], []);
        foreach (var file in earlier)
        {
            foreach (var line in file.Lines)
            {
                assembly.Add(file.Source, line);
            }
        }

        assembly.AddBeforeSource(voided);
        assembly.AddBeforeSource(Line("n1", "N", 10m));
        assembly.NameSource(Canonical);
        var pending = Seen([.. assembly.Complete([On(12, 31)]).Lines]);

        Assert.Equal(Assemble([.. earlier, new(Canonical, [voided, Line("n1", "N", 10m)])]), pending);
        Assert.Equal(Seen(other, sameIdOtherSource, voided, Line("n1", "N", 10m)), pending);
    }

    [Fact]
    public void Assemble_LinesWithoutTheirSource_CannotBeCompletedNorFollowedByAnotherFile()
    {
        var assembly = new LedgerAssembly([], []);
        assembly.AddBeforeSource(Line("s1", "S", 100m));

        Assert.Throws<InvalidOperationException>(() => assembly.Add(Canonical, Line("s2", "S", 100m)));
        Assert.Throws<InvalidOperationException>(() => assembly.Complete([On(12, 31)]));
    }

    [Fact]
    public void Identity_IsTheKeysHashPlusTheSourcesHash()
    {
        var line = Line("in_123", "S", 100m);

        Assert.Equal(unchecked(LineCorrections.KeyIdentity(line) + LineCorrections.SourceIdentity(Canonical)), LineCorrections.Identity(Canonical, line));
        Assert.NotEqual(LineCorrections.Identity(Canonical, line), LineCorrections.Identity(Register, line));
        Assert.NotEqual(LineCorrections.Identity(Canonical, line), LineCorrections.Identity(Canonical, line with { LineKey = "in_124" }));
    }

    private static List<(string CustomerId, decimal Net, DocumentStatus Status, DateTimeOffset ServiceStart, DateTimeOffset? ServiceEnd)> Assemble(
        params ReceivedLines[] files) =>
        Seen([.. Assembled(files)]);

    private static List<(string CustomerId, decimal Net, DocumentStatus Status, DateTimeOffset ServiceStart, DateTimeOffset? ServiceEnd)> Seen(
        params RevenueLine[] lines) =>
        [.. lines.Select(line => (line.CustomerId, line.Net, line.Status, line.ServiceStart, line.ServiceEnd))];

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
