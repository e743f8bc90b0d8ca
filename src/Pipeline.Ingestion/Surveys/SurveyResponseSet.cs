using Pipeline.Domain;

namespace Pipeline.Ingestion.Surveys;

/// <summary>One survey response per <see cref="SurveyResponse.Key"/>, in order of first appearance; a later row replaces an earlier one.</summary>
/// <remarks>Within a file the last row of a key wins, the same rule as between files (a corrected row appended below the original).</remarks>
internal sealed class SurveyResponseSet
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly List<SurveyResponse> _responses = [];

    public IReadOnlyList<SurveyResponse> Responses => _responses;

    /// <summary>How many rows replaced an earlier one with the same key.</summary>
    public int Replaced { get; private set; }

    public void Add(SurveyResponse response)
    {
        var key = response.Key;
        if (_positions.TryGetValue(key, out var position))
        {
            _responses[position] = response;
            Replaced++;
            return;
        }

        _positions.Add(key, _responses.Count);
        _responses.Add(response);
    }

    /// <summary>The warning about replaced rows, or none.</summary>
    public IReadOnlyList<string> Warnings => Replaced == 0
        ? []
        : [string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Replaced} survey row(s) repeat the customer, survey and response time of an earlier row; the last row of each wins.")];
}
