namespace Pipeline.Domain;

/// <summary>The unit of a billing interval.</summary>
public enum IntervalUnit
{
    Day,
    Week,
    Month,
    Year,
}
