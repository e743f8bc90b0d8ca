using System.Collections.Concurrent;
using Pipeline.Application.Clv;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

/// <summary>The CLV fits of close versions in memory, insert-only per set, counting reads that found a set and writes.</summary>
public sealed class InMemoryClvFitStore : IClvFitStore
{
    private readonly ConcurrentDictionary<(TenantId Tenant, BillingMonth AsOf, int Version, string Dimension), ClvReport> _reports = new();
    private readonly ConcurrentDictionary<(TenantId Tenant, BillingMonth AsOf, int Version, string Dimension), ClvForecast> _forecasts = new();

    /// <summary>Reads served from a stored set.</summary>
    public int Hits { get; private set; }

    /// <summary>Sets stored (a second write of a set is not counted).</summary>
    public int Writes { get; private set; }

    public IReadOnlyCollection<(TenantId Tenant, BillingMonth AsOf, int Version, string Dimension)> Reports => [.. _reports.Keys];

    public Task<ClvReport?> FindAsync(TenantId tenant, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken)
    {
        var found = _reports.GetValueOrDefault((tenant, asOf, version, dimension ?? "all"));
        Hits += found is null ? 0 : 1;
        return Task.FromResult(found);
    }

    public Task WriteAsync(TenantId tenant, string? dimension, ClvReport report, CancellationToken cancellationToken)
    {
        Writes += _reports.TryAdd((tenant, report.AsOf, report.CloseVersion!.Value, dimension ?? "all"), report) ? 1 : 0;
        return Task.CompletedTask;
    }

    public Task<ClvForecast?> FindForecastAsync(TenantId tenant, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken)
    {
        var found = _forecasts.GetValueOrDefault((tenant, asOf, version, dimension ?? "all"));
        Hits += found is null ? 0 : 1;
        return Task.FromResult(found);
    }

    public Task WriteForecastAsync(TenantId tenant, string? dimension, ClvForecast forecast, CancellationToken cancellationToken)
    {
        Writes += _forecasts.TryAdd((tenant, forecast.AsOf, forecast.CloseVersion!.Value, dimension ?? "all"), forecast) ? 1 : 0;
        return Task.CompletedTask;
    }

    /// <summary>Replaces a stored report (to tell a stored set from a recomputed one).</summary>
    public void Replace(TenantId tenant, BillingMonth asOf, int version, string? dimension, ClvReport report) =>
        _reports[(tenant, asOf, version, dimension ?? "all")] = report;
}
