using System.Collections.Frozen;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Canonical;

/// <summary>The words the canonical files use for line types, statuses and intervals, matched case-insensitively.</summary>
/// <remarks>Lookups take spans, so matching a cell allocates nothing. Common spellings (<c>one-time</c>, <c>monthly</c>) are accepted.</remarks>
internal static class CanonicalVocabulary
{
    public const string LineTypes = "recurring, one_time, usage, trial, proration or credit";
    public const string Statuses = "paid, open, past_due, uncollectible, void, draft or refunded";
    public const string Intervals = "day, week, month or year (also daily, weekly, monthly, quarterly, yearly or annual)";

    /// <summary>The line type words (<see cref="LineTypes"/> and common spellings).</summary>
    public static readonly IReadOnlyDictionary<string, LineType> LineTypeWords = new Dictionary<string, LineType>
    {
        ["recurring"] = LineType.Recurring,
        ["one_time"] = LineType.OneTime,
        ["one-time"] = LineType.OneTime,
        ["onetime"] = LineType.OneTime,
        ["usage"] = LineType.Usage,
        ["trial"] = LineType.Trial,
        ["proration"] = LineType.Proration,
        ["credit"] = LineType.Credit,
    };

    /// <summary>The status words (<see cref="Statuses"/>, <c>canceled</c> and common spellings).</summary>
    public static readonly IReadOnlyDictionary<string, DocumentStatus> StatusWords = new Dictionary<string, DocumentStatus>
    {
        ["paid"] = DocumentStatus.Paid,
        ["open"] = DocumentStatus.Open,
        ["past_due"] = DocumentStatus.PastDue,
        ["past-due"] = DocumentStatus.PastDue,
        ["uncollectible"] = DocumentStatus.Uncollectible,
        ["void"] = DocumentStatus.Void,
        ["draft"] = DocumentStatus.Draft,
        ["refunded"] = DocumentStatus.Refunded,
        ["canceled"] = DocumentStatus.Canceled,
        ["cancelled"] = DocumentStatus.Canceled,
    };

    private static readonly FrozenDictionary<string, LineType>.AlternateLookup<ReadOnlySpan<char>> LineTypeLookup = Lookup(LineTypeWords);

    private static readonly FrozenDictionary<string, DocumentStatus>.AlternateLookup<ReadOnlySpan<char>> StatusLookup = Lookup(StatusWords);

    private static readonly FrozenDictionary<string, (IntervalUnit Unit, int Multiplier)>.AlternateLookup<ReadOnlySpan<char>> IntervalWords =
        Lookup(new Dictionary<string, (IntervalUnit, int)>
        {
            ["day"] = (IntervalUnit.Day, 1),
            ["days"] = (IntervalUnit.Day, 1),
            ["daily"] = (IntervalUnit.Day, 1),
            ["week"] = (IntervalUnit.Week, 1),
            ["weeks"] = (IntervalUnit.Week, 1),
            ["weekly"] = (IntervalUnit.Week, 1),
            ["month"] = (IntervalUnit.Month, 1),
            ["months"] = (IntervalUnit.Month, 1),
            ["monthly"] = (IntervalUnit.Month, 1),
            ["quarter"] = (IntervalUnit.Month, 3),
            ["quarters"] = (IntervalUnit.Month, 3),
            ["quarterly"] = (IntervalUnit.Month, 3),
            ["year"] = (IntervalUnit.Year, 1),
            ["years"] = (IntervalUnit.Year, 1),
            ["yearly"] = (IntervalUnit.Year, 1),
            ["annual"] = (IntervalUnit.Year, 1),
            ["annually"] = (IntervalUnit.Year, 1),
        });

    public static bool TryParseLineType(ReadOnlySpan<char> text, out LineType lineType) =>
        LineTypeLookup.TryGetValue(text, out lineType);

    public static bool TryParseStatus(ReadOnlySpan<char> text, out DocumentStatus status) =>
        StatusLookup.TryGetValue(text, out status);

    /// <summary>The unit, and how many of it one named interval is (a quarter is 3 months).</summary>
    public static bool TryParseInterval(ReadOnlySpan<char> text, out IntervalUnit unit, out int multiplier)
    {
        var found = IntervalWords.TryGetValue(text, out var interval);
        (unit, multiplier) = interval;
        return found;
    }

    private static FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> Lookup<T>(IReadOnlyDictionary<string, T> words) =>
        words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
}
