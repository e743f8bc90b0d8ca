using Pipeline.Domain;
using Pipeline.Application.Kpis;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Movements;

/// <summary>The customers behind one month's movements, with what the month's snapshot knew about each of them.</summary>
/// <param name="Headline">The month's KPI row (status and version of the figures the movements add up to).</param>
/// <param name="Movements">One row per customer with a movement or subscribed-and-churned, by customer id.</param>
/// <param name="Customers">The month's per-customer snapshot by customer id (name, attributes, cohort).</param>
public sealed record MovementDrillDown(
    KpiSnapshot Headline,
    IReadOnlyList<CustomerMovement> Movements,
    IReadOnlyDictionary<string, CustomerMonthEnd> Customers)
{
    /// <summary>Each customer's latest survey answer by the month's end (for a closed month, of the files accepted before its close), by customer id.</summary>
    public IReadOnlyDictionary<string, SurveyResponse> Answers { get; init; } = new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
}
