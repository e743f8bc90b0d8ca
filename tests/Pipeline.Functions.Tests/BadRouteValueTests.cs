using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pipeline.LocalHost.Tests;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>
/// A bad route value, query value or body gets the same ProblemDetails from each HTTP function as from the local host
/// (started for real on Azurite), and the function never touches storage (strict port doubles without setups).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadRouteValueTests(AzuriteInstance azurite)
{
    /// <summary>One bad request per HTTP function with route values: the local host path, the function call and what the call sends.</summary>
    private static readonly (string Path, HttpFunctionCall Call, string Query, string? Body)[] Cases =
    [
        ("/api/tenants/Acme%20Corp/kpis", new("ListKpis", Tenant: "Acme Corp"), "", null),
        ("/api/tenants/acme/kpis?from=March", new("ListKpis"), "from=March", null),
        ("/api/tenants/acme/kpis/2025-13", new("GetKpis", Month: "2025-13"), "", null),
        ("/api/tenants/acme/kpis/March/versions", new("ListKpiVersions", Month: "March"), "", null),
        ("/api/tenants/ACME/cohorts", new("ListCohorts", Tenant: "ACME"), "", null),
        ("/api/tenants/acme/clv?asOf=2025-3", new("ListClv"), "asOf=2025-3", null),
        ("/api/tenants/acme/clv?by=tier", new("ListClv"), "by=tier", null),
        ("/api/tenants/acme/clv/forecast?months=37", new("ListClvForecast"), "months=37", null),
        ("/api/tenants/acme/clv/purchases?unit=year", new("ListClvPurchases"), "unit=year", null),
        ("/api/tenants/acme/customers?sort=name", new("ListCustomers"), "sort=name", null),
        ("/api/tenants/acme/customers/abc123?asOf=2025-13", new("GetCustomer"), "asOf=2025-13", null),
        ("/api/tenants/acme/loyalty?by=cohort", new("ListLoyalty"), "by=cohort", null),
        ("/api/tenants/acme/movements/2025-3", new("ListMovements", Month: "2025-3"), "", null),
        ("/api/tenants/acme/payments?from=2025-13", new("ListPayments"), "from=2025-13", null),
        ("/api/tenants/Acme/imports", new("ListImports", Tenant: "Acme"), "", null),
        ("/api/tenants/acme_corp/imports/abc123", new("GetImport", Tenant: "acme_corp"), "", null),
        ("/api/tenants/acme/closes?format=xls", new("ListCloses"), "format=xls", null),
        ("/api/tenants/acme/closes/2025-00", new("CloseMonth", Month: "2025-00"), "", null),
        ("/api/tenants/acme/closes/25-03", new("GetClose", Month: "25-03"), "", null),
        ("/api/tenants/acme/closes/2025-03/reopen", new("ReopenMonth"), "", """{"reason": "   "}"""),
    ];

    [Fact]
    public async Task EveryHttpFunction_BadValue_SameProblemDetailsAsTheLocalHost()
    {
        await using var local = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        var differences = new List<string>();
        foreach (var (path, call, query, body) in Cases)
        {
            var method = call.Function is "CloseMonth" or "ReopenMonth" ? HttpMethods.Post : HttpMethods.Get;
            using var worker = FunctionsWorker.Build(replace: PortDoubles.Strict().Register);
            var request = HttpCalls.Request(worker.Services, method, query, body);
            await call.InvokeAsync(worker, request, CancellationToken.None);
            var function = HttpCalls.Reply(request);

            using var response = method == HttpMethods.Post
                ? await local.PostAsync(path, body)
                : await local.Http.GetAsync(new Uri(path, UriKind.Relative));
            var expected = new HttpReply((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());

            Assert.Equal(400, function.StatusCode);
            if ((function.StatusCode, function.ContentType, Problem(function.Body)) != (expected.StatusCode, expected.ContentType, Problem(expected.Body)))
            {
                differences.Add($"{call.Function} {path}: function {function.StatusCode} {function.Body}, local host {expected.StatusCode} {expected.Body}");
            }
        }

        Assert.Empty(differences);
    }

    /// <summary>The ProblemDetails without its per-request <c>traceId</c>.</summary>
    private static string Problem(string body)
    {
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.True(problem.Remove("traceId"), $"No traceId in {body}");
        return problem.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
