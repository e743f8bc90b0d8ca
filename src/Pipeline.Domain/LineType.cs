namespace Pipeline.Domain;

/// <summary>What a revenue line charges for. Only <see cref="Recurring"/> and <see cref="Proration"/> lines make MRR.</summary>
public enum LineType
{
    Recurring,
    OneTime,
    Usage,
    Trial,
    Proration,
    Credit,

    /// <summary>A zero-amount marker: the subscription is paused over the line's service period (MRR 0, not churned).</summary>
    Pause,
}
