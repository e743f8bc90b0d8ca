namespace Pipeline.Domain.Receivables;

/// <summary>How far past its due date an unpaid balance is at a month end (METRICS.md §10).</summary>
public enum AgingBucket
{
    /// <summary>Not past due: the due date is at or after the month end, or less than a whole day before it.</summary>
    NotYetDue,

    Days1To30,

    Days31To60,

    Days61To90,

    Over90,
}
