using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Profiles;

/// <summary>A tenant's mapping profile as a file format: recognised by the profile's match columns, read by its mapping.</summary>
/// <remarks>
/// <see cref="ExportParser"/> tries profiles only after every built-in format, so a file a built-in fingerprint knows
/// is never read through a profile. Header names are compared normalised (case, spacing and quotes ignored).
/// </remarks>
internal sealed class MappingProfileFormat : IExportFormat
{
    private readonly MappingProfile _profile;
    private readonly string[] _match;
    private readonly HashSet<string> _mapped;
    private readonly string? _description;

    public MappingProfileFormat(MappingProfile profile)
    {
        _profile = profile;
        _match = [.. profile.MatchColumns.Select(HeaderName.Normalise)];
        _mapped = new HashSet<string>(profile.Columns.Values.Select(HeaderName.Normalise), StringComparer.Ordinal);
        var freeText = profile.IsSurvey ? MappingProfileFields.Comment : MappingProfileFields.Description;
        _description = profile.Columns.TryGetValue(freeText, out var description) ? HeaderName.Normalise(description) : null;
        var required = profile.IsSurvey
            ? new[] { MappingProfileFields.CustomerId, MappingProfileFields.RespondedAt, MappingProfileFields.Score }
            : [MappingProfileFields.CustomerId, MappingProfileFields.ServiceStart, AmountField(profile), MappingProfileFields.Currency];
        RequiredColumns = [.. required
            .Where(profile.Columns.ContainsKey)
            .Select(field => HeaderName.Normalise(profile.Columns[field]))
            .Distinct(StringComparer.Ordinal)];
    }

    public string Name => _profile.FormatName;

    public string Expectation => string.Concat("mapping profile '", _profile.Name, "' (columns ", string.Join(", ", _profile.MatchColumns), ")");

    public IReadOnlyList<string> RequiredColumns { get; }

    public bool Reads(string normalisedName) => _mapped.Contains(normalisedName);

    public int MaxLength(string normalisedName) =>
        string.Equals(normalisedName, _description, StringComparison.Ordinal) ? FieldLengthLimits.Description : FieldLengthLimits.For(normalisedName);

    public bool Recognises(CsvHeader header) => _match.Length > 0 && _match.All(header.Has);

    public string Evidence(CsvHeader header) =>
        string.Concat("mapping profile '", _profile.Name, "': header has ", string.Join(", ", _profile.MatchColumns));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) => _profile.IsSurvey
        ? new SurveyProfileCsvReader(_profile, header, options)
        : new MappingProfileCsvReader(_profile, header, layout, options);

    private static string AmountField(MappingProfile profile) =>
        profile.Columns.ContainsKey(MappingProfileFields.Amount) ? MappingProfileFields.Amount : MappingProfileFields.UnitPrice;
}
