using System.Globalization;
using System.Text.Json;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Surveys;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads a mapping profile from its JSON (camelCase keys; see the README section "Mapping profiles").</summary>
/// <remarks>
/// Every problem is collected, each with its JSON path, so one round of fixes is enough: an unknown key or canonical
/// field, a missing required mapping, a date format that cannot round-trip a date, a value outside its vocabulary.
/// Comments and trailing commas are allowed; keys are case-sensitive.
/// </remarks>
public static class MappingProfileJson
{
    private const string Keys = "match, columns, currency, amountUnit, dateFormat, decimalSeparator, serviceEndInclusive, "
        + "lineTypes, statuses, intervalKeywords, oneTimeKeywords, defaultLineType, survey, answers";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Parses <paramref name="json"/> into the profile called <paramref name="name"/>.</summary>
    public static MappingProfileParseResult Parse(string json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.TrimStart('\uFEFF'), DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Failed(new MappingProfileProblem("$", string.Create(CultureInfo.InvariantCulture,
                $"not valid JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}: check quotes, commas and braces.")));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Failed(new MappingProfileProblem("$", "a mapping profile is a JSON object: { \"columns\": { … }, … }."));
            }

            var reader = new ProfileReader(name);
            reader.Read(document.RootElement);
            return reader.Problems.Count == 0 ? new MappingProfileParseResult(reader.Build(), []) : Failed([.. reader.Problems]);
        }
    }

    private static MappingProfileParseResult Failed(params MappingProfileProblem[] problems) => new(null, problems);

    /// <summary>Reads the document key by key, collecting values and problems.</summary>
    private sealed class ProfileReader(string name)
    {
        private readonly Dictionary<string, string> _columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, LineType> _lineTypes = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, DocumentStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, BillingInterval> _intervals = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, SurveyAnswer> _answers = new(StringComparer.OrdinalIgnoreCase);
        private string? _survey;
        private List<string> _match = [];
        private List<string> _oneTime = [];
        private CurrencyCode? _currency;
        private bool _currencyGiven;
        private AmountUnit _amountUnit = AmountUnit.Major;
        private string _dateFormat = "yyyy-MM-dd";
        private char? _decimalSeparator;
        private bool _inclusive;
        private LineType _defaultLineType = LineType.Recurring;

        public List<MappingProfileProblem> Problems { get; } = [];

        public void Read(JsonElement root)
        {
            foreach (var property in root.EnumerateObject())
            {
                var path = PathOf("$", property.Name);
                var value = property.Value;
                switch (property.Name)
                {
                    case "match": ReadMatch(value, path); break;
                    case "columns": ReadColumns(value, path); break;
                    case "currency": (_currency, _currencyGiven) = (ReadCurrency(value, path), true); break;
                    case "amountUnit": _amountUnit = ReadWord(value, path, AmountUnits, "major or minor", _amountUnit); break;
                    case "dateFormat": _dateFormat = ReadDateFormat(value, path) ?? _dateFormat; break;
                    case "decimalSeparator": _decimalSeparator = ReadSeparator(value, path); break;
                    case "serviceEndInclusive": _inclusive = ReadBoolean(value, path); break;
                    case "lineTypes": ReadMap(value, path, _lineTypes, ParseLineType, CanonicalVocabulary.LineTypes); break;
                    case "statuses": ReadMap(value, path, _statuses, ParseStatus, CanonicalVocabulary.Statuses); break;
                    case "intervalKeywords": ReadMap(value, path, _intervals, ProfileIntervals.Parse, ProfileIntervals.Expected); break;
                    case "oneTimeKeywords": _oneTime = ReadStrings(value, path, "a list of words such as [\"eenmalig\", \"setup\"]"); break;
                    case "defaultLineType": _defaultLineType = ReadWord(value, path, ParseLineType, CanonicalVocabulary.LineTypes, _defaultLineType); break;
                    case "survey": _survey = ReadLabel(value, path); break;
                    case "answers": ReadMap(value, path, _answers, ParseAnswer, "yes, no or unsure"); break;
                    default: Add(path, string.Concat("unknown setting; a profile has ", Keys, " (keys are case-sensitive).")); break;
                }
            }

            CheckRequired();
        }

        public MappingProfile Build() => new()
        {
            Name = name,
            MatchColumns = _match.Count > 0 ? _match : [.. _columns.Values.Distinct(StringComparer.OrdinalIgnoreCase)],
            Columns = _columns,
            Currency = _currency,
            AmountUnit = _amountUnit,
            DateFormat = _dateFormat,
            DecimalSeparator = _decimalSeparator,
            ServiceEndInclusive = _inclusive,
            LineTypes = _lineTypes,
            Statuses = _statuses,
            IntervalKeywords = _intervals,
            OneTimeKeywords = _oneTime,
            DefaultLineType = _defaultLineType,
            SurveyLabel = _survey,
            Answers = _answers,
        };

        private void CheckRequired()
        {
            var columns = PathOf("$", "columns");
            if (_columns.ContainsKey(MappingProfileFields.Score))
            {
                CheckSurveyRequired(columns);
                return;
            }

            foreach (var field in new[] { MappingProfileFields.CustomerId, MappingProfileFields.ServiceStart })
            {
                if (!_columns.ContainsKey(field))
                {
                    Add(PathOf(columns, field), "missing required mapping: name the file's column for " + field + ".");
                }
            }

            if (!_columns.ContainsKey(MappingProfileFields.Amount) && !_columns.ContainsKey(MappingProfileFields.UnitPrice))
            {
                Add(PathOf(columns, MappingProfileFields.Amount),
                    "missing required mapping: name the column of the line total (amount), or of the unit price (unit_price, times quantity).");
            }

            if (!_columns.ContainsKey(MappingProfileFields.Currency) && !_currencyGiven)
            {
                Add(PathOf(columns, MappingProfileFields.Currency),
                    "missing required mapping: name the currency column, or set \"currency\": \"EUR\" for files in one currency.");
            }
        }

        /// <summary>A survey profile (it maps <c>score</c>) needs customer_id and responded_at, and maps only survey fields.</summary>
        private void CheckSurveyRequired(string columns)
        {
            foreach (var field in new[] { MappingProfileFields.CustomerId, MappingProfileFields.RespondedAt })
            {
                if (!_columns.ContainsKey(field))
                {
                    Add(PathOf(columns, field), "missing required mapping: a survey profile (one that maps score) names the file's column for " + field + ".");
                }
            }

            foreach (var field in _columns.Keys.Where(field => !MappingProfileFields.SurveyFields.Contains(field, StringComparer.Ordinal)))
            {
                Add(PathOf(columns, field), string.Concat("a survey profile (one that maps score) maps only ",
                    string.Join(", ", MappingProfileFields.SurveyFields), "; remove this field or the score mapping."));
            }
        }

        private string? ReadLabel(JsonElement value, string path)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
            if (!string.IsNullOrEmpty(text))
            {
                return text;
            }

            Add(path, "expected the survey's label as a non-empty text, such as \"nps-2025\".");
            return null;
        }

        private void ReadMatch(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Add(path, "expected an object: { \"columns\": [\"Factuurnummer\", …] }.");
                return;
            }

            foreach (var property in value.EnumerateObject())
            {
                if (property.NameEquals("columns"))
                {
                    _match = ReadStrings(property.Value, PathOf(path, "columns"), "a list of header names the file must have");
                }
                else
                {
                    Add(PathOf(path, property.Name), "unknown setting; match has only columns.");
                }
            }
        }

        private void ReadColumns(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Add(path, "expected an object of canonical field to header name: { \"customer_id\": \"Klantnummer\", … }.");
                return;
            }

            foreach (var property in value.EnumerateObject())
            {
                var fieldPath = PathOf(path, property.Name);
                if (!MappingProfileFields.All.Contains(property.Name, StringComparer.Ordinal))
                {
                    Add(fieldPath, string.Concat("unknown canonical field; expected one of ", string.Join(", ", MappingProfileFields.All), "."));
                }
                else if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
                {
                    Add(fieldPath, "expected the header name of the file's column, as text.");
                }
                else
                {
                    _columns[property.Name] = property.Value.GetString()!.Trim();
                }
            }
        }

        private CurrencyCode? ReadCurrency(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.String && CurrencyCode.TryParse(value.GetString(), out var currency))
            {
                return currency;
            }

            Add(path, string.Concat("'", Text(value), "' is not an ISO 4217 currency code: expected a code such as EUR or USD."));
            return null;
        }

        private string? ReadDateFormat(JsonElement value, string path)
        {
            var format = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (format is not null && ProfileDates.IsUsableFormat(format))
            {
                return format;
            }

            Add(path, string.Concat("'", Text(value), "' is not a usable date format: expected a .NET date format with day, month ",
                "and year that reads back what it writes, such as dd-MM-yyyy, dd.MM.yyyy, MM/dd/yyyy or yyyy-MM-dd."));
            return null;
        }

        private char? ReadSeparator(JsonElement value, string path)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (text is "," or ".")
            {
                return text[0];
            }

            Add(path, string.Concat("'", Text(value), "' is not a decimal separator: expected \",\" or \".\"."));
            return null;
        }

        private bool ReadBoolean(JsonElement value, string path)
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            Add(path, string.Concat("'", Text(value), "' is not true or false."));
            return false;
        }

        private T ReadWord<T>(JsonElement value, string path, Func<string, T?> parse, string expected, T fallback)
            where T : struct
        {
            var parsed = value.ValueKind == JsonValueKind.String ? parse(value.GetString()!) : null;
            if (parsed is { } result)
            {
                return result;
            }

            Add(path, string.Concat("'", Text(value), "' is not a valid value: expected ", expected, "."));
            return fallback;
        }

        private void ReadMap<T>(JsonElement value, string path, Dictionary<string, T> map, Func<string, T?> parse, string expected)
            where T : struct
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Add(path, "expected an object of file value to meaning: { \"Abonnement\": \"recurring\", … }.");
                return;
            }

            foreach (var property in value.EnumerateObject())
            {
                var key = property.Name.Trim();
                var entryPath = PathOf(path, property.Name);
                if (key.Length == 0)
                {
                    Add(entryPath, "an empty word matches nothing; remove it.");
                    continue;
                }

                var parsed = ReadWord(property.Value, entryPath, parse, expected, default(T));
                map[key] = parsed;
            }
        }

        private List<string> ReadStrings(JsonElement value, string path, string expected)
        {
            var strings = new List<string>();
            if (value.ValueKind != JsonValueKind.Array)
            {
                Add(path, "expected " + expected + ".");
                return strings;
            }

            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()?.Trim() : null;
                if (string.IsNullOrEmpty(text))
                {
                    Add(string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"), "expected a non-empty text.");
                }
                else
                {
                    strings.Add(text);
                }

                index++;
            }

            return strings;
        }

        private void Add(string path, string message) => Problems.Add(new MappingProfileProblem(path, message));

        private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    private static AmountUnit? AmountUnits(string text) => text.ToUpperInvariant() switch
    {
        "MAJOR" => AmountUnit.Major,
        "MINOR" => AmountUnit.Minor,
        _ => null,
    };

    private static LineType? ParseLineType(string text) =>
        CanonicalVocabulary.TryParseLineType(text.Trim(), out var lineType) ? lineType : null;

    private static SurveyAnswer? ParseAnswer(string text) =>
        SurveyVocabulary.AnswerWords.TryGetValue(text.Trim().ToLowerInvariant(), out var answer) ? answer : null;

    private static DocumentStatus? ParseStatus(string text) =>
        CanonicalVocabulary.TryParseStatus(text.Trim(), out var status) ? status : null;

    /// <summary><c>$.columns.amount</c>, or <c>$.lineTypes['Per maand']</c> when the key is not a plain word.</summary>
    private static string PathOf(string parent, string key) =>
        key.Length > 0 && key.All(character => char.IsAsciiLetterOrDigit(character) || character == '_')
            ? string.Concat(parent, ".", key)
            : string.Concat(parent, "['", key.Replace("'", "\\'", StringComparison.Ordinal), "']");
}
