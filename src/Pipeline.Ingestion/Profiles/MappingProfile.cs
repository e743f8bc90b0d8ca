using Pipeline.Domain;

namespace Pipeline.Ingestion.Profiles;

/// <summary>A tenant's column mapping for a file no built-in format knows (dropped as <c>exports/{tenant}/_profiles/{name}.json</c>).</summary>
/// <remarks>
/// Built by <see cref="MappingProfileJson.Parse"/>, which checks every value, so a profile in hand is consistent:
/// <see cref="Columns"/> maps only known canonical fields (<see cref="MappingProfileFields"/>) and has the required
/// ones. Header names are kept as written in the profile and matched normalised (case, spacing, quotes ignored).
/// </remarks>
public sealed record MappingProfile
{
    /// <summary>The profile's name (the JSON file name without extension); reported as the format <c>profile:{name}</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The header columns a file must have for this profile to read it (every mapped column when the JSON names none).</summary>
    public IReadOnlyList<string> MatchColumns { get; init; } = [];

    /// <summary>Canonical field (<c>customer_id</c>, <c>amount</c>, …) to the file's header name.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The currency of rows without a currency column or value.</summary>
    public CurrencyCode? Currency { get; init; }

    /// <summary>Whether amounts are written in major units (<c>59,29</c>) or in minor units (<c>5929</c> cents).</summary>
    public AmountUnit AmountUnit { get; init; } = AmountUnit.Major;

    /// <summary>The exact .NET date format of every date column (invariant culture), for example <c>dd-MM-yyyy</c>.</summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary><c>,</c> or <c>.</c>; null to decide per file and column as for every other format.</summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>True when the service end is the last day of service (<c>t/m</c>, "through"): one day is added.</summary>
    public bool ServiceEndInclusive { get; init; }

    /// <summary>Values of the <c>line_type</c> column (matched case-insensitively) to line types.</summary>
    public IReadOnlyDictionary<string, LineType> LineTypes { get; init; } = new Dictionary<string, LineType>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Values of the <c>status</c> column (matched case-insensitively) to document statuses.</summary>
    public IReadOnlyDictionary<string, DocumentStatus> Statuses { get; init; } = new Dictionary<string, DocumentStatus>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words in the description (whole words, any case) that name the billing interval: <c>maand</c> → 1 month.</summary>
    public IReadOnlyDictionary<string, BillingInterval> IntervalKeywords { get; init; } = new Dictionary<string, BillingInterval>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words in the description that make a line without a type value one-time (<c>eenmalig</c>, <c>setup</c>).</summary>
    public IReadOnlyList<string> OneTimeKeywords { get; init; } = [];

    /// <summary>The type of a line whose type neither a column value nor a keyword decides.</summary>
    public LineType DefaultLineType { get; init; } = LineType.Recurring;

    /// <summary>The survey label of responses read through a survey profile whose file has no survey column.</summary>
    public string? SurveyLabel { get; init; }

    /// <summary>Answers to the choose-again questions (matched case-insensitively) besides the canonical words: <c>Misschien</c> → unsure.</summary>
    public IReadOnlyDictionary<string, SurveyAnswer> Answers { get; init; } = new Dictionary<string, SurveyAnswer>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the profile reads survey answers (it maps <c>score</c>) rather than revenue lines.</summary>
    public bool IsSurvey => Columns.ContainsKey(MappingProfileFields.Score);

    /// <summary>The format name this profile reports: <c>profile:{name}</c>.</summary>
    public string FormatName => string.Concat("profile:", Name);
}
