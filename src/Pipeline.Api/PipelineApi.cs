using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pipeline.Api.Access;
using Pipeline.Api.Closes;
using Pipeline.Api.Clv;
using Pipeline.Api.Cohorts;
using Pipeline.Api.Customers;
using Pipeline.Api.Dashboard;
using Pipeline.Api.Receivables;
using Pipeline.Api.Http;
using Pipeline.Api.Imports;
using Pipeline.Api.Kpis;
using Pipeline.Api.Loyalty;
using Pipeline.Api.Movements;
using Pipeline.Api.Payments;

namespace Pipeline.Api;

/// <summary>Maps every <c>/api</c> route onto its handler; the Functions app binds the same handlers to HTTP triggers.</summary>
/// <remarks>
/// The routes are the <see cref="ApiRoutes"/> constants the Functions app uses too, mapped in a group at <c>/api</c>.
/// The response metadata feeds the OpenAPI description BI tools and client generators read.
/// </remarks>
public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapGet(ApiRoutes.Health, HealthEndpoints.Get).WithName("Health").WithSummary("Host status and the settings figures are computed with.");
        api.MapGet(ApiRoutes.Dashboard, DashboardEndpoints.Get).WithName("GetDashboard").ExcludeFromDescription();

        // Every tenant route answers 400 for a bad tenant id or value and 404 for an unknown tenant or missing data, and
        // 401 or 403 before any of that when ApiAccess does not let the caller in (reads need Read, closes Operate);
        // 503 with Retry-After when storage is unavailable (StorageUnavailable).
        var tenant = api.MapGroup(string.Empty).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        tenant.MapGet(ApiRoutes.Kpis, KpiEndpoints.ListAsync)
            .WithName("ListKpis").WithSummary("Monthly KPI rows from 'from' to 'to' (yyyy-MM, inclusive), oldest first; by=plan|product|currency|country|channel|segment|tier|band|valueSegment for segment rows (valueSegment: key, revenue, strategic, basic, computed on read and stored per close version); format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<KpiRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Kpi, KpiEndpoints.GetAsync)
            .WithName("GetKpis").WithSummary("One month's KPI row; version=n for the row of close version n.")
            .Produces<KpiRow>().RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.KpiVersions, KpiEndpoints.ListVersionsAsync)
            .WithName("ListKpiVersions").WithSummary("Every closed version of one month's KPI row, oldest first (a reopened month keeps its earlier versions); format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<KpiRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Cohorts, CohortEndpoints.ListAsync)
            .WithName("ListCohorts").WithSummary("Retention of each cohort month by months since start; metric=logo|revenue.")
            .Produces<List<CohortRowDto>>().RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Clv, ClvEndpoints.ListAsync)
            .WithName("ListClv").WithSummary("Customer value (sBG) per group and billing period at the end of asOf (yyyy-MM, default the latest ended month): fit, retention, residual CLV, CLV at acquisition and CAC; by=plan|product|currency|country|channel|segment|cohort; format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<ClvRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.ClvForecast, ClvEndpoints.ForecastAsync)
            .WithName("ListClvForecast").WithSummary("Expected payments of the active subscribers (sBG) per group, billing period and month after asOf (yyyy-MM, default the latest ended month) for the next 'months' months (1-36, default 36), undiscounted and discounted; by= as for clv; format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<ClvForecastRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.ClvPurchases, PurchaseEndpoints.ListAsync)
            .WithName("ListClvPurchases").WithSummary("Non-contractual customer value per group: BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, gamma) fitted on the one-time and usage purchases up to calibrationEnd (yyyy-MM-dd, default the last day of the latest ended month) in unit=day|week|month (default week); by= as for clv; format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<PurchaseRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Customers, CustomerEndpoints.ListAsync)
            .WithName("ListCustomers").WithSummary("Every customer's value card at the end of asOf (yyyy-MM, default the latest ended month): attributes, cohort, period, renewals, tenure, MRR, revenue to date, DERL and residual CLV from the group's sBG fit, P(alive), expected purchases and their value from the group's BG/NBD and Gamma-Gamma fits; by= as for clv, segment= one group, sort=customerId|mrr|revenueToDate|residualClv|purchaseClv; format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<CustomerValueRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Receivables, ReceivablesEndpoints.ListAsync)
            .WithName("ListReceivables").WithSummary("Receivables at the end of asOf (yyyy-MM, default the latest ended month): unpaid balances of open, past-due and later-paid invoices aged by days past due (not yet due, 1-30, 31-60, 61-90, over 90), total and DSO; by=plan|product|currency|country|channel|segment, per=segment|customer|invoice (default segment), segment= one group; format=csv for CSV.")
            .Produces<List<ReceivablesRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Customer, CustomerEndpoints.GetAsync)
            .WithName("GetCustomer").WithSummary("One customer's value card at the end of asOf; by= as for clv.")
            .Produces<CustomerValueRow>().ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Loyalty, LoyaltyEndpoints.ListAsync)
            .WithName("ListLoyalty").WithSummary("Loyalty per month from 'from' to 'to' (yyyy-MM, inclusive): responses, promoters, passives, detractors, NPS, revenue-weighted NPS, nps12, same-solution, same-provider and loyal shares, captive customers and MRR, churn within 3 and 6 months per category once closed; by=plan|product|currency|country|channel|segment|tier|band for segment rows; version=n with from = to for close version n of that month; format=csv for CSV.")
            .Produces<List<LoyaltyRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Movements, MovementEndpoints.ListAsync)
            .WithName("ListMovements").WithSummary("The customers behind a month's movements; type=new|expansion|reactivation|contraction|churn|subscribed-and-churned.")
            .Produces<List<MovementRow>>().RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Payments, PaymentEndpoints.ListAsync)
            .WithName("ListPayments").WithSummary("Payments, refunds, credit notes and chargebacks from the ledger that occurred from 'from' to 'to' (yyyy-MM, inclusive), oldest first; type=payment|refund|credit_note|chargeback|failed_payment; by=month for totals per month and currency; format=csv, csv-excel (culture=) or xlsx for CSV, Excel CSV or a workbook.")
            .Produces<List<PaymentRow>>().Produces<string>(StatusCodes.Status200OK, TabularResults.CsvContentType).RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Imports, ImportEndpoints.ListAsync)
            .WithName("ListImports").WithSummary("Every dropped file and what became of it, oldest first.")
            .Produces<List<ImportSummary>>().RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.Import, ImportEndpoints.GetAsync)
            .WithName("GetImport").WithSummary("One file with its report: the first 100 bad rows with row, column, value and what was expected, the total, and counts per column and message of the errors not listed.")
            .Produces<ImportDetail>().RequireAccess(ApiPermission.Read);
        tenant.MapGet(ApiRoutes.ImportErrors, ImportEndpoints.ListErrorsAsync)
            .WithName("ListImportErrors").WithSummary("One page of an import's bad-row errors: offset (0-based) and limit (default 100, at most 1000), with the total and the counts per column and message of the errors not listed.")
            .Produces<ImportErrorPage>().RequireAccess(ApiPermission.Read);
        tenant.MapPut(ApiRoutes.Export, ExportEndpoints.UploadAsync)
            .WithName("UploadExport").WithSummary("Drops the request body into exports/{tenant}/{fileName} as finance would; 409 when the name is taken (originals are never replaced). The file is then ingested like any other drop.")
            .Produces<ExportUploadResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(ApiPermission.Operate);
        tenant.MapGet(ApiRoutes.Closes, CloseEndpoints.ListAsync)
            .WithName("ListCloses").WithSummary("Every closed month: version, when, by whom, from which inputs.")
            .Produces<List<CloseRow>>().RequireAccess(ApiPermission.Read);
        tenant.MapPost(ApiRoutes.Close, CloseEndpoints.CloseAsync)
            .WithName("CloseMonth").WithSummary("Closes every open month through 'month', oldest first; a closed month is never changed.")
            .Produces<CloseResponse>().ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(ApiPermission.Operate);
        tenant.MapGet(ApiRoutes.Close, CloseEndpoints.GetAsync)
            .WithName("GetClose").WithSummary("One month's close: status, version, closed at/by, inputs fingerprint, pending restatement delta, versions and audit trail.")
            .Produces<CloseStateResponse>().RequireAccess(ApiPermission.Read);
        tenant.MapDelete(ApiRoutes.CloseLease, CloseLeaseEndpoints.BreakAsync)
            .WithName("BreakCloseLease").WithSummary("Breaks the tenant's close lease (a dead closer's) with ?reason=… (required), recorded in the close audit trail with the signed-in operator as who.")
            .Produces<CloseLeaseBreakResponse>().ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(ApiPermission.Operate);
        tenant.MapPost(ApiRoutes.Reopen, CloseEndpoints.ReopenAsync)
            .WithName("ReopenMonth").WithSummary("Reopens the month and every later closed month; JSON body {\"reason\": \"…\"} (required); who is the signed-in operator.")
            .Accepts<ReopenRequest>("application/json")
            .Produces<ReopenResponse>().ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(ApiPermission.Operate);
        return endpoints;
    }
}
