using System.Globalization;

namespace Pipeline.Domain;

/// <summary>One customer's answer to a loyalty survey (EXPORTS.md A5): the 0–10 recommendation score and the two choose-again questions.</summary>
/// <remarks>
/// Keyed by customer, survey and <see cref="RespondedAt"/>: a later file with the same key replaces the earlier response,
/// so a corrected survey file can simply be dropped again. <see cref="ImportedAt"/> is when the file that carried it was
/// accepted; it decides whether a response was in the ledger when a month was closed (METRICS.md §6, late data).
/// </remarks>
public sealed record SurveyResponse
{
    public required string CustomerId { get; init; }

    /// <summary>The survey's label; null when the file names none (several surveys may run).</summary>
    public string? Survey { get; init; }

    /// <summary>The instant of the response (a date alone is 00:00 in the business time zone).</summary>
    public required DateTimeOffset RespondedAt { get; init; }

    /// <summary>"Would you recommend us", 0–10.</summary>
    public required int Score { get; init; }

    public SurveyAnswer? SameSolution { get; init; }

    public SurveyAnswer? SameProvider { get; init; }

    public string? Comment { get; init; }

    public long RowNumber { get; init; }

    /// <summary>When the file holding the response was accepted into the ledger; null before it is.</summary>
    public DateTimeOffset? ImportedAt { get; init; }

    /// <summary>The replacement key: customer, survey and the response's instant (UTC ticks).</summary>
    public string Key => string.Join(
        '|',
        CustomerId,
        Survey ?? string.Empty,
        RespondedAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
}
