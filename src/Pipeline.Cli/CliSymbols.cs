using System.CommandLine;
using System.CommandLine.Parsing;
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
