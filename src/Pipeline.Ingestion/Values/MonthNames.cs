namespace Pipeline.Ingestion.Values;

/// <summary>Month and weekday names as exports and re-saved spreadsheets write them (English, Dutch, German).</summary>
internal static class MonthNames
{
    private static readonly string[][] Months =
    [
        ["january", "jan", "januari", "januar", "jän"],
        ["february", "feb", "februari", "februar"],
        ["march", "mar", "maart", "mrt", "märz", "mär", "mrz"],
        ["april", "apr"],
        ["may", "mei", "mai"],
        ["june", "jun", "juni"],
        ["july", "jul", "juli"],
        ["august", "aug", "augustus"],
        ["september", "sep", "sept"],
        ["october", "oct", "oktober", "okt"],
        ["november", "nov"],
        ["december", "dec", "dezember", "dez"],
    ];

    private static readonly string[] Weekdays =
    [
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs", "friday", "fri",
        "saturday", "sat", "sunday", "sun",
    ];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The month number (1–12) of a name or abbreviation, with or without a trailing point; 0 when it is none.</summary>
    public static int Month(ReadOnlySpan<char> word)
    {
        word = word.TrimEnd('.');
        for (var index = 0; index < Months.Length; index++)
        {
            foreach (var name in Months[index])
            {
                if (word.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return index + 1;
                }
            }
        }

        return 0;
    }

    public static bool IsWeekday(ReadOnlySpan<char> word)
    {
        word = word.TrimEnd('.');
        foreach (var name in Weekdays)
        {
            if (word.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The English name of month 1–12, for messages.</summary>
    public static string English(int month) => EnglishMonths[month - 1];
}
