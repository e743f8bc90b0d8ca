namespace Pipeline.Ingestion.Tests;

/// <summary>The "bad value → row error" check the vendor reader tests share.</summary>
internal static class BadValues
{
    /// <summary>
    /// Parses <paramref name="csv"/> (a good row, then one bad row per case) with every bad row allowed, and asserts that
    /// row <paramref name="row"/> has exactly one error, naming <paramref name="column"/> and <paramref name="value"/> with
    /// a message containing <paramref name="expected"/>, and that only the good row's line <paramref name="goodLineKey"/> is read.
    /// </summary>
    public static async Task AssertRowErrorAsync(
        string csv, ExportParseOptions options, int row, string column, string value, string expected, string goodLineKey)
    {
        var result = await Parse.TextAsync(csv, options with { MaxBadRowFraction = 1m });

        var error = Assert.Single(result.Errors, error => error.Row == row);
        Assert.Equal((column, value), (error.Column, error.Value));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(goodLineKey, Assert.Single(result.Lines).LineKey);
    }
}
