using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Ingestion;

namespace Pipeline.Application;

/// <summary>The one composition extension both hosts call: options, parser and the use-case services.</summary>
public static class PipelineHostingExtensions
{
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PipelineOptions>()
            .BindConfiguration(PipelineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TenantSettings>();
        services.AddSingleton<ExportParser>();
        services.AddSingleton<LedgerCache>();
        services.AddSingleton<TenantLedgerReader>();
        services.AddSingleton<OpenMonths>();
        services.AddSingleton<ProvisionalKpiService>();
        services.AddSingleton<MappingProfileLoader>();
        services.AddSingleton<ExportIngestionService>();
        services.AddSingleton<ExportSweepService>();
        services.AddSingleton<MonthCloseService>();
        services.AddSingleton<DueCloses>();
        services.AddSingleton<KpiQueryService>();
        services.AddSingleton<ValueSegmentKpiService>();
        services.AddSingleton<KpiStorageMigrationService>();
        services.AddSingleton<ImportQueryService>();
        services.AddSingleton<Movements.MovementQueryService>();
        services.AddSingleton<Cohorts.CohortQueryService>();
        services.AddSingleton<Clv.SubscriberBaseReader>();
        services.AddSingleton<Clv.ClvQueryService>();
        services.AddSingleton<Clv.PurchaseQueryService>();
        services.AddSingleton<Clv.CustomerValueQueryService>();
        services.AddSingleton<Receivables.ReceivablesQueryService>();
        services.AddSingleton<Closes.ClosedMonthLedgers>();
        services.AddSingleton<Payments.PaymentQueryService>();
        services.AddSingleton<Loyalty.LoyaltyQueryService>();
        return builder;
    }
}
