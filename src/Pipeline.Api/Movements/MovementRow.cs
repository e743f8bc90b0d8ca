using Pipeline.Api.Http;
using System.Globalization;
using Pipeline.Application.Loyalty;
using Pipeline.Application.Movements;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Movements;

/// <summary>One customer behind a month's movement figures; summing <see cref="Amount"/> by movement reproduces them.</summary>
/// <remarks>
/// <see cref="StartMrr"/> is the locked previous month end; <see cref="FxImpact"/> restates it at this month's rate, and the
/// movement is measured from there: start + fxImpact ± amount = end. <see cref="Late"/> marks a customer whose MRR at the
/// previous (locked) month end changed through data that arrived after that close; <see cref="EffectiveDate"/>
/// (<c>yyyy-MM-dd</c>) is when that late change took effect (METRICS.md §6). <see cref="SurveyScore"/> and
/// <see cref="SurveyCategory"/> are the customer's latest survey answer by the month's end (empty when it never answered).
/// </remarks>
public sealed record MovementRow(
    [property: CellFormat(CellFormat.Month)] string Month,
    string Status,
    string CustomerId,
    string? Name,
    string? Country,
    string? Channel,
    string? Segment,
    string? Cohort,
    string Movement,
    decimal StartMrr,
    decimal FxImpact,
    decimal EndMrr,
    decimal Amount,
    bool Delinquent,
    bool Late,
    string? EffectiveDate,
    int? SurveyScore,
    string? SurveyCategory)
{
    /// <summary>The movement names used in rows and in the <c>type</c> filter.</summary>
    public static string NameOf(CustomerMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return movement.SubscribedAndChurned ? "subscribed-and-churned" : movement.Type.ToString().ToLowerInvariant();
    }

    public static MovementRow From(MovementDrillDown drillDown, CustomerMovement movement)
    {
        ArgumentNullException.ThrowIfNull(drillDown);
        ArgumentNullException.ThrowIfNull(movement);
        var currency = drillDown.Headline.Kpis.Currency;
        var customer = drillDown.Customers.GetValueOrDefault(movement.CustomerId);
        var answer = drillDown.Answers.GetValueOrDefault(movement.CustomerId);
        return new MovementRow(
            drillDown.Headline.Kpis.Month.ToString(),
            drillDown.Headline.Status == Application.Kpis.KpiStatus.Closed ? "closed" : "provisional",
            movement.CustomerId,
            customer?.Name,
            customer?.Country,
            customer?.Channel,
            customer?.Segment,
            customer?.CohortMonth?.ToString(),
            NameOf(movement),
            currency.Round(movement.StartMrr),
            currency.Round(movement.FxImpact),
            currency.Round(movement.EndMrr),
            currency.Round(movement.Amount),
            movement.Delinquent,
            movement.Late,
            movement.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            answer?.Score,
            answer is null ? null : SurveyAnswers.CategoryOf(answer));
    }
}
