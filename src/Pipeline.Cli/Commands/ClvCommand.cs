using System.CommandLine;
using System.Globalization;
using Pipeline.Api.Clv;
using Pipeline.Application.Clv;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline clv --tenant T [--as-of yyyy-MM] [--by DIMENSION] [--format table|csv|json]</c>: the sBG fits and values per
/// group and billing period (the API's <c>/clv</c> rows), with the subcommands <c>clv forecast</c> (<c>/clv/forecast</c>)
/// and <c>clv purchases</c> (<c>/clv/purchases</c>). They call the application services the endpoints call; CSV and JSON
/// are the API's rows written by the API's code, and a bad value gets the API's message with the option's name.
/// </summary>
internal static class ClvCommand
{
    private static readonly PurchaseTimeUnit[] Units = [PurchaseTimeUnit.Day, PurchaseTimeUnit.Week, PurchaseTimeUnit.Month];

    private static readonly (string Header, string Property)[] ClvColumns =
    [
        ("segment", "segment"), ("period", "period"), ("customers", "customers"), ("active", "activeCustomers"), ("alpha", "alpha"),
        ("beta", "beta"), ("lifetime", "expectedLifetimePeriods"), ("residual clv", "residualClv"), ("mean residual", "meanResidualClv"),
        ("clv at start", "clvAtAcquisition"), ("cac", "cac"), ("clv/cac", "clvToCac"), ("note", "note"),
    ];

    private static readonly (string Header, string Property)[] ForecastColumns =
    [
        ("segment", "segment"), ("period", "period"), ("month", "month"), ("ahead", "monthsAhead"), ("active", "activeCustomers"),
        ("renewals", "expectedRenewals"), ("revenue", "expectedRevenue"), ("discounted", "discountedRevenue"), ("note", "note"),
    ];

    private static readonly (string Header, string Property)[] PurchaseColumns =
    [
        ("segment", "segment"), ("customers", "customers"), ("repeat buyers", "repeatBuyers"), ("r", "r"), ("alpha", "alpha"), ("a", "a"),
        ("b", "b"), ("ll", "logLikelihood"), ("p", "p"), ("q", "q"), ("gamma", "gamma"), ("note", "note"), ("spend note", "spendNote"),
    ];

    private const string FormatDescription = "table (a compact set of columns), csv or json (every column, as the API serves them).";

    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var asOf = CliSymbols.AsOf();
        var by = CliSymbols.ClvDimension();
        var format = CliSymbols.Format(FormatDescription);
        var command = new Command(
            "clv", "Customer value per group and billing period (sBG fit, retention, residual CLV, CLV at acquisition, CAC) at a month end.")
        {
            tenant, asOf, by, format,
        };
        command.Subcommands.Add(Forecast(hosts, console));
        command.Subcommands.Add(Purchases(hosts, console));
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var values = host.Get<ClvQueryService>();
            var tenantId = parsed.GetValue(tenant);
            if (EndedAsOf(console, parsed.GetValue(asOf), values.LatestEndedMonth(tenantId), month => values.HasEnded(tenantId, month)) is not { } month)
            {
                return Program.UsageError;
            }

            var report = await values.ComputeAsync(tenantId, month, parsed.GetValue(by), cancellationToken);
            if (report is null)
            {
                return UnknownTenant(console, tenantId);
            }

            var rows = report.Groups.Select(group => ClvRow.From(group, report.AsOf, report.Currency, report.CloseVersion)).ToList();
            await RowOutput.WriteAsync(
                console, parsed.GetValue(format)!, rows, ClvColumns,
                whenEmpty: $"No subscribers of {tenantId} by the end of {month}.",
                title: $"CLV of {tenantId} at the end of {month} ({report.Currency})");
            return Program.Success;
        });
        return command;
    }

    /// <summary><paramref name="requested"/>, else <paramref name="latestEnded"/>; null (and the usage error written) for a month that has not ended.</summary>
    internal static BillingMonth? EndedAsOf(CliConsole console, BillingMonth? requested, BillingMonth latestEnded, Func<BillingMonth, bool> hasEnded)
    {
        var asOf = requested ?? latestEnded;
        if (hasEnded(asOf))
        {
            return asOf;
        }

        console.Usage($"--as-of {asOf} has not ended: renewals are observed at month ends, so use {latestEnded} or earlier.");
        return null;
    }

    internal static int UnknownTenant(CliConsole console, TenantId tenant) =>
        console.Fail($"tenant '{tenant}' is unknown: no export was ever dropped for it.");

    private static Command Forecast(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var asOf = CliSymbols.AsOf();
        var months = CliSymbols.WholeNumber(
            "--months", string.Create(CultureInfo.InvariantCulture, $"Months to forecast after --as-of, 1 to {ClvQueryService.MaxForecastMonths}."),
            ClvQueryService.MaxForecastMonths, 1, ClvQueryService.MaxForecastMonths);
        var by = CliSymbols.ClvDimension();
        var format = CliSymbols.Format(FormatDescription);
        var command = new Command(
            "forecast", "Expected renewals and revenue of the active base per future month, undiscounted and discounted, per group and billing period.")
        {
            tenant, asOf, months, by, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var values = host.Get<ClvQueryService>();
            var tenantId = parsed.GetValue(tenant);
            if (EndedAsOf(console, parsed.GetValue(asOf), values.LatestEndedMonth(tenantId), month => values.HasEnded(tenantId, month)) is not { } month)
            {
                return Program.UsageError;
            }

            var forecast = await values.ForecastAsync(tenantId, month, parsed.GetValue(months), parsed.GetValue(by), cancellationToken);
            if (forecast is null)
            {
                return UnknownTenant(console, tenantId);
            }

            await RowOutput.WriteAsync(
                console, parsed.GetValue(format)!, ClvForecastRow.From(forecast), ForecastColumns,
                whenEmpty: $"No subscribers of {tenantId} by the end of {month}.",
                title: string.Create(
                    CultureInfo.InvariantCulture, $"CLV forecast of {tenantId} after {month} ({forecast.Currency}, discount rate {forecast.DiscountRate} a year)"));
            return Program.Success;
        });
        return command;
    }

    private static Command Purchases(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var calibrationEnd = CliSymbols.OptionalDay(
            "--calibration-end", "The last day of the calibration period; it must have ended (default: the last day of the latest ended month).");
        var unit = new Option<PurchaseTimeUnit>("--unit")
        {
            Description = "The time unit of the purchase model: day, week or month.",
            HelpName = "day|week|month",
            DefaultValueFactory = _ => PurchaseTimeUnit.Week,
            CustomParser = result =>
            {
                var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                foreach (var known in Units)
                {
                    if (PurchaseRow.UnitName(known) == value)
                    {
                        return known;
                    }
                }

                result.AddError($"--unit '{value}' is not a time unit: use one of {string.Join(", ", Units.Select(PurchaseRow.UnitName))}.");
                return PurchaseTimeUnit.Week;
            },
        };
        var by = CliSymbols.ClvDimension();
        var format = CliSymbols.Format(FormatDescription);
        var command = new Command(
            "purchases", "BG/NBD (repeat purchases) and Gamma-Gamma (spend) fits of one-time and usage revenue per group.")
        {
            tenant, calibrationEnd, unit, by, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var models = host.Get<PurchaseQueryService>();
            var tenantId = parsed.GetValue(tenant);
            var end = parsed.GetValue(calibrationEnd) ?? models.DefaultCalibrationEnd(tenantId);
            if (!models.HasEnded(tenantId, end))
            {
                return console.Usage(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--calibration-end {end:yyyy-MM-dd} has not ended: the calibration period must be over, so use an earlier day."));
            }

            var timeUnit = parsed.GetValue(unit);
            var report = await models.ComputeAsync(tenantId, end, timeUnit, parsed.GetValue(by), cancellationToken);
            if (report is null)
            {
                return UnknownTenant(console, tenantId);
            }

            await RowOutput.WriteAsync(
                console, parsed.GetValue(format)!, [.. report.Groups.Select(group => PurchaseRow.From(group, report))], PurchaseColumns,
                whenEmpty: string.Create(CultureInfo.InvariantCulture, $"No purchases of {tenantId} by {end:yyyy-MM-dd}."),
                title: string.Create(
                    CultureInfo.InvariantCulture,
                    $"Purchase models of {tenantId}, calibration end {end:yyyy-MM-dd}, in {PurchaseRow.UnitName(timeUnit)}s ({report.Currency})"));
            return Program.Success;
        });
        return command;
    }
}
