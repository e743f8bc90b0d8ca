using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Tests.Csv;

public sealed class FieldCountGuardReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4_096)]
    public void Read_RecordOfMaxFieldsInPiecesOfAnySize_PassesAndOneMoreFieldIsRefusedOnItsLine(int piece)
    {
        // A quoted value with delimiters and a line break first, then the widest record allowed on line 2, then one
        // field wider on line 3 (counted from the header line, 0).
        var widest = string.Join(';', Enumerable.Repeat("1", FieldCountGuardReader.MaxFields));
        var text = "\"a;b\nc\";d\r\n" + widest + "\n" + widest + ";1\n";

        using var guard = new FieldCountGuardReader(new StringReader(text), ';');
        var buffer = new char[piece];
        var read = 0;
        var refused = Assert.Throws<CsvFieldCountException>(() =>
        {
            for (int got; (got = guard.Read(buffer, 0, buffer.Length)) > 0;)
            {
                read += got;
            }
        });

        Assert.Equal(3, refused.RecordLine);
        Assert.True(read >= text.Length - widest.Length - 2, $"refused after {read} of {text.Length} characters");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4_096)]
    public void Read_LineOfDelimitersOnly_RefusedFromMaxFieldsDelimitersOn(int piece)
    {
        // A line no longer than the fields left is not counted (it cannot reach the limit): the longest such line of
        // delimiters passes, one delimiter more is counted and refused.
        var passes = new string(';', FieldCountGuardReader.MaxFields - 1);
        var text = "a;b\n" + passes + "\r\n" + passes + ";\n";

        using var guard = new FieldCountGuardReader(new StringReader(text), ';');
        var buffer = new char[piece];
        var refused = Assert.Throws<CsvFieldCountException>(() =>
        {
            while (guard.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        });

        Assert.Equal(2, refused.RecordLine);
    }
}
