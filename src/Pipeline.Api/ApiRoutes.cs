namespace Pipeline.Api;

/// <summary>The route template of every HTTP endpoint, defined once for both hosts.</summary>
/// <remarks>
/// <para>
/// Templates are relative to <see cref="Prefix"/>: the Functions host adds the prefix itself (host.json
/// <c>extensions.http.routePrefix</c>), the local host maps them in a group at <c>/api</c> (<see cref="PipelineApi"/>).
/// They are constants because <c>[HttpTrigger(Route = …)]</c> takes only constants.
/// </para>
/// <para>
/// A test in Pipeline.Functions.Tests compares the Functions app's HTTP triggers (name, method, route) with the
/// endpoints the local host maps, so a route added to one host and not the other fails the tests.
/// </para>
/// </remarks>
public static class ApiRoutes
{
    /// <summary>The first segment of every route; equal to host.json's <c>routePrefix</c>.</summary>
    public const string Prefix = "api";

    /// <summary>Where every tenant's routes start.</summary>
    private const string Tenant = "tenants/{tenant}";

    /// <summary>Host status; anonymous in the Functions app.</summary>
    public const string Health = "health";

    /// <summary>The local host's OpenAPI description (the Functions app has none).</summary>
    public const string OpenApiDocument = "openapi.json";

    /// <summary>Monthly KPI rows, or segment rows with <c>by=</c>.</summary>
    public const string Kpis = Tenant + "/kpis";

    /// <summary>One month's KPI row.</summary>
    public const string Kpi = Tenant + "/kpis/{month}";

    /// <summary>Every closed version of one month's KPI row.</summary>
    public const string KpiVersions = Tenant + "/kpis/{month}/versions";

    /// <summary>The cohort retention table.</summary>
    public const string Cohorts = Tenant + "/cohorts";

    /// <summary>Model-based customer value (sBG) per group and billing period.</summary>
    public const string Clv = Tenant + "/clv";

    /// <summary>Expected payments of the active subscribers per future month, undiscounted and discounted.</summary>
    public const string ClvForecast = Tenant + "/clv/forecast";

    /// <summary>Non-contractual customer value (BG/NBD and Gamma-Gamma) per group.</summary>
    public const string ClvPurchases = Tenant + "/clv/purchases";

    /// <summary>Every customer's value card.</summary>
    public const string Customers = Tenant + "/customers";

    /// <summary>One customer's value card.</summary>
    public const string Customer = Tenant + "/customers/{id}";

    /// <summary>Receivables aged at a month end, per segment, customer or invoice.</summary>
    public const string Receivables = Tenant + "/receivables";
    /// <summary>Loyalty figures per month (survey answers joined to revenue), or segment rows with <c>by=</c>.</summary>
    public const string Loyalty = Tenant + "/loyalty";

    /// <summary>The customers behind a month's movements.</summary>
    public const string Movements = Tenant + "/movements/{month}";

    /// <summary>The ledger's money movements.</summary>
    public const string Payments = Tenant + "/payments";

    /// <summary>The import log.</summary>
    public const string Imports = Tenant + "/imports";

    /// <summary>One import with its report.</summary>
    public const string Import = Tenant + "/imports/{id}";

    /// <summary>One page of an import's bad-row errors (<c>offset</c>, <c>limit</c>).</summary>
    public const string ImportErrors = Tenant + "/imports/{id}/errors";

    /// <summary>Uploads a file into <c>exports/{tenant}/</c> (<c>PUT</c>), as finance dropping it would; never over an existing one.</summary>
    public const string Export = Tenant + "/exports/{fileName}";

    /// <summary>The dashboard's files (the page, its scripts and the chart library); the local host also serves them at <c>/</c>.</summary>
    public const string Dashboard = "dashboard/{*path}";

    /// <summary>Every closed month.</summary>
    public const string Closes = Tenant + "/closes";

    /// <summary>One month's close: <c>GET</c> reads it, <c>POST</c> closes every open month through it.</summary>
    public const string Close = Tenant + "/closes/{month}";

    /// <summary>The tenant's close lease: <c>DELETE</c> with <c>?reason=</c> breaks a dead closer's lease.</summary>
    public const string CloseLease = Tenant + "/closes/lease";

    /// <summary>Reopens a closed month (<c>POST</c>).</summary>
    public const string Reopen = Tenant + "/closes/{month}/reopen";
}
