namespace Pipeline.Application.Closes;

/// <summary>How a close request ended.</summary>
public enum CloseOutcomeKind
{
    /// <summary>Every month through the requested one is closed (some may have been closed before).</summary>
    Closed,

    /// <summary>The requested month has not ended yet in the business time zone.</summary>
    MonthNotEnded,

    /// <summary>The tenant has no accepted revenue data at all.</summary>
    NoData,

    /// <summary>The requested month is before the tenant's first month with data.</summary>
    BeforeFirstMonth,

    /// <summary>A currency in use has no exchange rate for a month: months before it were closed, it and later ones stay open.</summary>
    MissingExchangeRate,

    /// <summary>Another closer holds the tenant's close lock (HTTP 409; the timer exits quietly).</summary>
    Busy,

    /// <summary>A reopen: the month and every later closed month are open again.</summary>
    Reopened,

    /// <summary>A reopen of a month that is not closed.</summary>
    NotClosed,
}
