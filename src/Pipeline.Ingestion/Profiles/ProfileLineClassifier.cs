using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;

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
    private readonly CsvColumn _lineType = column(MappingProfileFields.LineType);
    private readonly CsvColumn _status = column(MappingProfileFields.Status);
    private readonly CsvColumn _interval = column(MappingProfileFields.Interval);
    private readonly Dictionary<string, LineType>.AlternateLookup<ReadOnlySpan<char>> _lineTypes =
        new Dictionary<string, LineType>(profile.LineTypes, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly Dictionary<string, DocumentStatus>.AlternateLookup<ReadOnlySpan<char>> _statuses =
        new Dictionary<string, DocumentStatus>(profile.Statuses, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly Dictionary<string, BillingInterval>.AlternateLookup<ReadOnlySpan<char>> _intervals =
        new Dictionary<string, BillingInterval>(profile.IntervalKeywords, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public LineType ReadLineType(CsvRecord record, ReadOnlySpan<char> description, decimal? amount)
    {
        var text = record.Span(_lineType);
        if (!text.IsEmpty)
        {
            if (_lineTypes.TryGetValue(text, out var mapped) || CanonicalVocabulary.TryParseLineType(text, out mapped))
            {
                return mapped;
            }

            record.Fail(_lineType, string.Concat("'", record.Written(_lineType), "' is not a line type: expected ",
                Words(profile.LineTypes.Keys), CanonicalVocabulary.LineTypes, "."));
            return profile.DefaultLineType;
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

    public DocumentStatus ReadStatus(CsvRecord record)
    {
        var text = record.Span(_status);
        if (text.IsEmpty)
        {
            return DocumentStatus.Paid;
        }

        if (_statuses.TryGetValue(text, out var status) || CanonicalVocabulary.TryParseStatus(text, out status))
        {
            return status;
        }

        record.Fail(_status, string.Concat("'", record.Written(_status), "' is not a status: expected ",
            Words(profile.Statuses.Keys), CanonicalVocabulary.Statuses, "."));
        return DocumentStatus.Paid;
    }

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
