namespace Pipeline.Api.Closes;

/// <summary>The body of <c>POST /api/tenants/{tenant}/closes/{month}/reopen</c>.</summary>
/// <param name="Reason">Why the month is reopened (required; recorded in the audit trail).</param>
public sealed record ReopenRequest(string? Reason);
