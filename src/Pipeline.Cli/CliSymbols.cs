using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Pipeline.Application.Clv;
using Pipeline.Domain;

namespace Pipeline.Cli;

/// <summary>The arguments and options several commands share, parsed into domain values with a message that says what was expected.</summary>
internal static class CliSymbols
{
    private const string TenantExpected = "expected a tenant id of lower-case letters, digits and single hyphens, for example acme";
    private const string MonthExpected = "expected a month as yyyy-MM, for example 2025-03";

    public static Option<TenantId> RequiredTenant() => new("--tenant", "-t")
    {
        Description = "The tenant (the folder its exports are dropped in).",
        HelpName = "tenant",
        Required = true,
        CustomParser = result => ParseTenant(result) ?? default,
    };

    public static Option<TenantId?> OptionalTenant() => new("--tenant", "-t")
    {
        Description = "Only this tenant (default: every tenant that has imports).",
        HelpName = "tenant",
        CustomParser = ParseTenant,
    };

    public static Argument<BillingMonth> Month(string description) => new("MONTH")
    {
        Description = description,
        CustomParser = result => ParseMonth(result, "MONTH") ?? default,
    };

    public static Option<BillingMonth?> OptionalMonth(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM",
        CustomParser = result => ParseMonth(result, name),
    };

    public static Option<string> By() => new("--by")
    {
        Description = "Who does it, recorded in the Closes table and the audit trail.",
        HelpName = "name",
        DefaultValueFactory = _ => "cli",
    };

    /// <summary><c>--format table|csv|json</c>, default table.</summary>
    public static Option<string> Format(string description)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = description,
            DefaultValueFactory = _ => "table",
        };
        format.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : RowOutput.Table;
            if (!RowOutput.Formats.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--format '{value}' is not supported: expected table, csv or json.");
            }
        });
        return format;
    }

    /// <summary>
    /// <c>--by DIMENSION</c> of the customer-value reads: one of <paramref name="dimensions"/> (default
    /// <see cref="ClvQueryService.Dimensions"/>; the customer cards also take <c>valueTier</c>), null when absent.
    /// </summary>
    public static Option<string?> ClvDimension(IReadOnlyList<string>? dimensions = null)
    {
        var allowed = dimensions ?? ClvQueryService.Dimensions;
        return new("--by")
        {
            Description = $"Group by a dimension: {string.Join(", ", allowed)} (default: one group, all).",
            HelpName = "dimension",
            CustomParser = result =>
            {
                var value = Single(result);
                if (allowed.Contains(value, StringComparer.Ordinal))
                {
                    return value;
                }

                result.AddError($"--by '{value}' is not a CLV dimension: use one of {string.Join(", ", allowed)}.");
                return null;
            },
        };
    }

    /// <summary><c>--as-of yyyy-MM</c>: the month whose end the values are at (checked against the clock once the host runs).</summary>
    public static Option<BillingMonth?> AsOf() =>
        OptionalMonth("--as-of", "The month whose end the values are at; it must have ended (default: the latest ended month).");

    /// <summary>An optional day (yyyy-MM-dd).</summary>
    public static Option<DateOnly?> OptionalDay(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM-dd",
        CustomParser = result =>
        {
            var value = Single(result);
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            result.AddError($"{name} '{value}' is not a date: expected yyyy-MM-dd, for example 2025-03-31.");
            return null;
        },
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static Option<int> WholeNumber(string name, string description, int fallback, int min, int max) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var value = Single(result);
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            {
                return number;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} '{value}' must be a whole number from {min} to {max}."));
            return fallback;
        },
    };

    private static TenantId? ParseTenant(ArgumentResult result)
    {
        var value = Single(result);
        if (TenantId.TryParse(value, out var tenant))
        {
            return tenant;
        }

        result.AddError($"--tenant '{value}' is not a tenant id: {TenantExpected}.");
        return null;
    }

    private static BillingMonth? ParseMonth(ArgumentResult result, string name)
    {
        var value = Single(result);
        if (BillingMonth.TryParse(value, out var month))
        {
            return month;
        }

        result.AddError($"{name} '{value}' is not a month: {MonthExpected}.");
        return null;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
