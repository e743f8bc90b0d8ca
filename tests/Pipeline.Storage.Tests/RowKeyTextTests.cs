namespace Pipeline.Storage.Tests;

public sealed class RowKeyTextTests
{
    [Theory]
    [InlineData("pro", "pro")]
    [InlineData("(none)", "(none)")]
    [InlineData(">=1000", ">=1000")]
    [InlineData("東京 Zürich", "東京 Zürich")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("a\\b#c?d", "a~5Cb~23c~3Fd")]
    [InlineData("100%", "100~25")]
    [InlineData("it's", "it~27s")]
    [InlineData("~2F", "~7E2F")]
    [InlineData("a\u0000\n\u007F\u009Fb", "a~00~0A~7F~9Fb")]
    public void Encode_EscapesOnlyWhatAKeyCannotHoldAndDecodeReversesIt(string text, string encoded)
    {
        Assert.Equal(encoded, RowKeyText.Encode(text));
        Assert.Equal(text, RowKeyText.Decode(encoded));
        Assert.Equal(encoded, TableStorageLimits.ValidateKey(encoded, "rowKey"));
    }

    [Fact]
    public void Encode_EveryCharacterBelowU0100_RoundTripsToAValidKey()
    {
        var text = new string(Enumerable.Range(0, 0x100).Select(code => (char)code).ToArray());

        var encoded = RowKeyText.Encode(text);

        Assert.Equal(text, RowKeyText.Decode(encoded));
        Assert.Equal(encoded, TableStorageLimits.ValidateKey(encoded, "rowKey"));
        Assert.DoesNotContain('%', encoded);
    }

    [Theory]
    [InlineData("a~")]
    [InlineData("a~2")]
    [InlineData("a~ZZ")]
    public void Decode_BrokenEscape_ThrowsFormatException(string key)
    {
        Assert.Throws<FormatException>(() => RowKeyText.Decode(key));
    }

    [Fact]
    public void SnapshotRowKeys_EachKind_HasItsOwnKeyRange()
    {
        var segment = SnapshotRowKeys.Segment(Samples.March2025, "plan", "a=b|c");
        var cohort = SnapshotRowKeys.Cohort(Samples.March2025, new Domain.BillingMonth(2024, 11));

        Assert.Equal("seg|2025-03|plan=a=b|c", segment);
        Assert.Equal("coh|2025-03|cohort=2024-11", cohort);
        Assert.Equal("kpi|2025-03", SnapshotRowKeys.Month(Samples.March2025));
        Assert.Equal("ver|2025-03|v000002", SnapshotRowKeys.Version(Samples.March2025, 2));
        Assert.Equal((true, false, false), (SnapshotRowKeys.IsSegment(segment), SnapshotRowKeys.IsCohort(segment), SnapshotRowKeys.IsVersion(segment)));
        Assert.Equal((false, true), (SnapshotRowKeys.IsSegment(cohort), SnapshotRowKeys.IsCohort(cohort)));
        Assert.Equal(Samples.March2025, SnapshotRowKeys.MonthOf(segment));
        Assert.Equal("9999-01", SnapshotRowKeys.AfterMonth(new Domain.BillingMonth(9998, 12)));
    }

    [Fact]
    public void SnapshotRowKeys_MonthRange_CoversEveryRowOfItsKindInTheRangeAndNoOther()
    {
        var (from, to) = (SnapshotRowKeys.From(SnapshotRowKeys.Segments, new Domain.BillingMonth(2025, 2)), SnapshotRowKeys.Before(SnapshotRowKeys.Segments, Samples.March2025));
        string[] inside = [SnapshotRowKeys.Segment(new Domain.BillingMonth(2025, 2), "plan", "a"), SnapshotRowKeys.Segment(Samples.March2025, "~", "~~~")];
        string[] outside =
        [
            SnapshotRowKeys.Segment(new Domain.BillingMonth(2025, 1), "plan", "zzz"), SnapshotRowKeys.Segment(new Domain.BillingMonth(2025, 4), "plan", "a"),
            SnapshotRowKeys.Month(Samples.March2025), SnapshotRowKeys.Cohort(Samples.March2025, Samples.March2025), SnapshotRowKeys.Version(Samples.March2025, 1),
        ];

        Assert.All(inside, key => Assert.True(string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, to) < 0, key));
        Assert.All(outside, key => Assert.False(string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, to) < 0, key));
        Assert.Equal("kpi}", SnapshotRowKeys.Before(SnapshotRowKeys.Headlines, null));
        Assert.True(string.CompareOrdinal(SnapshotRowKeys.Month(new Domain.BillingMonth(9998, 12)), SnapshotRowKeys.Before(SnapshotRowKeys.Headlines, null)) < 0);
    }

    [Theory]
    [InlineData("2025-03", "kpi|2025-03")]
    [InlineData("2025-03|plan=pro", "seg|2025-03|plan=pro")]
    [InlineData("2025-03|cohort=2024-11", "coh|2025-03|cohort=2024-11")]
    [InlineData("2025-03|v000001", "ver|2025-03|v000001")]
    [InlineData("stamp", null)]
    [InlineData("kpi|2025-03", null)]
    [InlineData("2025-3", null)]
    public void SnapshotRowKeys_FromLegacy_PrefixesTheKindOfAnOldKey(string legacy, string? expected)
    {
        Assert.Equal(expected, SnapshotRowKeys.FromLegacy(legacy));
    }
}
