namespace Pipeline.Ingestion.Values;

/// <summary>A date as written in a vendor cell: the calendar day, with the time of day and UTC offset when the text has them.</summary>
/// <param name="Date">The calendar day as written.</param>
/// <param name="Time">The time of day as written, or null for a date alone (00:00 in the business time zone).</param>
/// <param name="Offset">The UTC offset written with the time (zero for <c>Z</c> and Unix epoch seconds), or null when none.</param>
internal readonly record struct WrittenDate(DateOnly Date, TimeSpan? Time, TimeSpan? Offset);
