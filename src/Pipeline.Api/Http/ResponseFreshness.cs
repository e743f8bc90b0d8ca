namespace Pipeline.Api.Http;

/// <summary>How long a client or BI gateway may keep a response without asking again (the <c>Cache-Control</c> it gets).</summary>
/// <remarks>
/// Every response is <c>private</c>: what a caller sees depends on its key or sign-in, so a shared proxy must not hand it to
/// another caller. Every response also has an <c>ETag</c>, so asking again costs a <c>304</c> when nothing changed.
/// </remarks>
public enum ResponseFreshness
{
    /// <summary>Provisional or computed on each read: <c>private, no-cache, must-revalidate</c> (revalidate every time).</summary>
    Live,

    /// <summary>
    /// Every row is of a closed month's current version: <c>private, max-age=3600, must-revalidate</c>. A close version never
    /// changes, but the month may be reopened; an hour is how long a gateway may go on showing the version it has.
    /// </summary>
    Closed,
}
