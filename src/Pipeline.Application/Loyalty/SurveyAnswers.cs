using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Loyalty;

/// <summary>Each customer's latest survey answer by an instant: what the customer card and the movement drill-down show.</summary>
public static class SurveyAnswers
{
    /// <summary>Every customer's latest response given by <paramref name="end"/> (inclusive), by customer id.</summary>
    public static IReadOnlyDictionary<string, SurveyResponse> LatestBy(IEnumerable<SurveyResponse> responses, DateTimeOffset end) =>
        LoyaltyCalculator.LatestPerCustomer(responses.Where(response => response.RespondedAt <= end))
            .ToDictionary(response => response.CustomerId, StringComparer.Ordinal);

    /// <summary>The answer as a word: <c>yes</c>, <c>no</c>, <c>unsure</c>, or null when not answered.</summary>
    public static string? WordOf(SurveyAnswer? answer) => answer?.ToString().ToLowerInvariant();

    /// <summary>The category word of a response: <c>promoter</c>, <c>passive</c> or <c>detractor</c>.</summary>
    public static string CategoryOf(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return LoyaltyCalculator.CategoryOf(response.Score).ToString().ToLowerInvariant();
    }
}
