namespace Pipeline.Api.Access;

/// <summary>How the HTTP API tells who calls it (<c>Pipeline:Auth:Mode</c>).</summary>
public enum ApiAccessMode
{
    /// <summary>
    /// Development only: every caller may read and close every tenant; who closes is the host's signed-in user, else
    /// the <c>X-Pipeline-User</c> header, else <c>api</c>. The Functions app refuses it when it runs in App Service.
    /// </summary>
    None,

    /// <summary>Every tenant route needs a tenant-scoped read key; the HTTP API is read-only (close with the CLI or the schedule).</summary>
    ReadKeys,

    /// <summary>
    /// Behind App Service Authentication: people are the Entra ID principal the platform passes in
    /// <c>X-MS-CLIENT-PRINCIPAL</c>, with the Pipeline app roles; BI tools use read keys as in <see cref="ReadKeys"/>.
    /// </summary>
    EasyAuth,
}
