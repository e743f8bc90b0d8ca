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
    public void SnapshotRowKeys_SegmentAndCohortKeys_AreToldApart()
    {
        var segment = SnapshotRowKeys.Segment(Samples.March2025, "plan", "a=b|c");

        Assert.Equal("2025-03|plan=a=b|c", segment);
        Assert.Equal(("plan", true, false), (SnapshotRowKeys.Dimension(segment), SnapshotRowKeys.IsSegment(segment), SnapshotRowKeys.IsCohort(segment)));
        Assert.True(SnapshotRowKeys.IsCohort(SnapshotRowKeys.Cohort(Samples.March2025, new Domain.BillingMonth(2024, 11))));
        Assert.Null(SnapshotRowKeys.Dimension("2025-03"));
        Assert.Equal("9999-01", SnapshotRowKeys.AfterMonth(new Domain.BillingMonth(9998, 12)));
    }
}
