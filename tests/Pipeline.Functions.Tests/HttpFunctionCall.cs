using Microsoft.AspNetCore.Http;

namespace Pipeline.Functions.Tests;

/// <summary>One call of an HTTP function, made directly on its class as the worker makes it: the request and the route values.</summary>
/// <param name="Function">The function name, as in functions.metadata.</param>
/// <param name="Tenant">The <c>{tenant}</c> route value.</param>
/// <param name="Month">The <c>{month}</c> route value, where the route has one.</param>
/// <param name="Id">The <c>{id}</c> route value (<c>{fileName}</c>, <c>{*path}</c>), where the route has one.</param>
internal sealed record HttpFunctionCall(string Function, string Tenant = "acme", string Month = "2025-03", string Id = "abc123")
{
    /// <summary>Creates the function's class from the worker's services and calls the function's method.</summary>
    public Task InvokeAsync(FunctionsWorker worker, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return Function switch
        {
            "Health" => worker.Create<HealthFunction>().RunAsync(request),
            "GetDashboard" => DashboardFunction.RunAsync(request, Id),
            "ListKpis" => worker.Create<KpiFunctions>().ListAsync(request, Tenant, cancellationToken),
            "GetKpis" => worker.Create<KpiFunctions>().GetAsync(request, Tenant, Month, cancellationToken),
            "ListKpiVersions" => worker.Create<KpiFunctions>().ListVersionsAsync(request, Tenant, Month, cancellationToken),
            "ListCohorts" => worker.Create<CohortFunctions>().ListAsync(request, Tenant, cancellationToken),
            "ListClv" => worker.Create<ClvFunctions>().ListAsync(request, Tenant, cancellationToken),
            "ListClvForecast" => worker.Create<ClvFunctions>().ForecastAsync(request, Tenant, cancellationToken),
            "ListClvPurchases" => worker.Create<ClvFunctions>().PurchasesAsync(request, Tenant, cancellationToken),
            "ListCustomers" => worker.Create<CustomerFunctions>().ListAsync(request, Tenant, cancellationToken),
            "GetCustomer" => worker.Create<CustomerFunctions>().GetAsync(request, Tenant, Id, cancellationToken),
            "ListReceivables" => worker.Create<ReceivablesFunctions>().ListAsync(request, Tenant, cancellationToken),
            "ListLoyalty" => worker.Create<LoyaltyFunctions>().ListAsync(request, Tenant, cancellationToken),
            "ListMovements" => worker.Create<MovementFunctions>().ListAsync(request, Tenant, Month, cancellationToken),
            "ListPayments" => worker.Create<PaymentFunctions>().ListAsync(request, Tenant, cancellationToken),
            "ListImports" => worker.Create<ImportFunctions>().ListAsync(request, Tenant, cancellationToken),
            "GetImport" => worker.Create<ImportFunctions>().GetAsync(request, Tenant, Id, cancellationToken),
            "ListImportErrors" => worker.Create<ImportFunctions>().ListErrorsAsync(request, Tenant, Id, cancellationToken),
            "UploadExport" => worker.Create<ExportFunctions>().UploadAsync(request, Tenant, Id, cancellationToken),
            "ListCloses" => worker.Create<CloseFunctions>().ListAsync(request, Tenant, cancellationToken),
            "CloseMonth" => worker.Create<CloseFunctions>().CloseAsync(request, Tenant, Month, cancellationToken),
            "GetClose" => worker.Create<CloseFunctions>().GetAsync(request, Tenant, Month, cancellationToken),
            "ReopenMonth" => worker.Create<CloseFunctions>().ReopenAsync(request, Tenant, Month, cancellationToken),
            "BreakCloseLease" => worker.Create<CloseFunctions>().BreakLeaseAsync(request, Tenant, cancellationToken),
            _ => throw new InvalidOperationException($"{Function} is not an HTTP function of the app."),
        };
    }
}
