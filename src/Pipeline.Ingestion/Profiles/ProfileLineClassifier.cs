using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Decides a profile row's line type, status and billing interval from its type, status and interval values and its description.</summary>
/// <remarks>
/// Line type: the <c>line_type</c> value through the profile's <c>lineTypes</c> (then the canonical words); without a
/// value, a one-time keyword, then an interval keyword (recurring), then a negative amount (credit), then the
/// profile's default. Interval: the <c>interval</c> value (profile keyword or canonical form), else the first
/// interval keyword in the description; null leaves it to be inferred from the service period.
/// </remarks>
internal sealed class ProfileLineClassifier(MappingProfile profile, Func<string, CsvColumn> column)
{
    private readonly WordColumn<LineType> _lineType = new(column(MappingProfileFields.LineType),
        profile.LineTypes.Concat(CanonicalVocabulary.LineTypeWords), "a line type", string.Concat(Words(profile.LineTypes.Keys), CanonicalVocabulary.LineTypes));
    private readonly WordColumn<DocumentStatus> _status = new(column(MappingProfileFields.Status),
        profile.Statuses.Concat(CanonicalVocabulary.StatusWords), "a status", string.Concat(Words(profile.Statuses.Keys), CanonicalVocabulary.Statuses));
    private readonly CsvColumn _interval = column(MappingProfileFields.Interval);
    private readonly Dictionary<string, BillingInterval>.AlternateLookup<ReadOnlySpan<char>> _intervals =
        new Dictionary<string, BillingInterval>(profile.IntervalKeywords, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public LineType ReadLineType(CsvRecord record, ReadOnlySpan<char> description, decimal? amount)
    {
        if (!record.Span(_lineType.Column).IsEmpty)
        {
            return _lineType.Read(record) ?? profile.DefaultLineType;
        }

        if (ProfileIntervals.FirstKeyword(description, profile.OneTimeKeywords) is not null)
        {
            return LineType.OneTime;
        }

        if (ProfileIntervals.FirstKeyword(description, profile.IntervalKeywords.Keys) is not null)
        {
            return LineType.Recurring;
        }

        return amount < 0m ? LineType.Credit : profile.DefaultLineType;
    }

    public DocumentStatus ReadStatus(CsvRecord record) => _status.Read(record, whenEmpty: DocumentStatus.Paid) ?? DocumentStatus.Paid;

    /// <returns>False when the interval value is invalid (reported); otherwise the interval, or null when none is named.</returns>
    public bool TryReadInterval(CsvRecord record, ReadOnlySpan<char> description, out BillingInterval? interval)
    {
        interval = null;
        var text = record.Span(_interval);
        if (!text.IsEmpty)
        {
            if (_intervals.TryGetValue(text, out var named))
            {
                interval = named;
                return true;
            }

            interval = ProfileIntervals.Parse(text.ToString());
            if (interval is null)
            {
                record.Fail(_interval, string.Concat("'", record.Written(_interval), "' is not a billing interval: expected ",
                    Words(profile.IntervalKeywords.Keys), CanonicalVocabulary.Intervals, "."));
            }

            return interval is not null;
        }

        var keyword = ProfileIntervals.FirstKeyword(description, profile.IntervalKeywords.Keys);
        interval = keyword is null ? null : profile.IntervalKeywords[keyword];
        return true;
    }

    private static string Words(IEnumerable<string> words)
    {
        var list = string.Join(", ", words);
        return list.Length == 0 ? string.Empty : string.Concat(list, " (the profile's words) or ");
    }
}
