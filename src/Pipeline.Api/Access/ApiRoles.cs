using Pipeline.Domain;

namespace Pipeline.Api.Access;

/// <summary>The Entra ID app roles of the Pipeline API registration, as they arrive in a principal's <c>roles</c> claim.</summary>
/// <remarks>
/// A role without a tenant suffix applies to every tenant; <c>Pipeline.Reader.acme</c> and
/// <c>Pipeline.Operator.acme</c> apply to tenant <c>acme</c> only (a tenant id is a slug, so it is a valid role value).
/// An operator also reads. Roles are assigned to users or groups on the app's enterprise application.
/// </remarks>
public static class ApiRoles
{
    /// <summary>Reads every tenant.</summary>
    public const string Reader = "Pipeline.Reader";

    /// <summary>Reads every tenant, closes and reopens its months.</summary>
    public const string Operator = "Pipeline.Operator";

    /// <summary>The role that reads one tenant.</summary>
    public static string ReaderOf(TenantId tenant) => $"{Reader}.{tenant}";

    /// <summary>The role that reads one tenant and closes and reopens its months.</summary>
    public static string OperatorOf(TenantId tenant) => $"{Operator}.{tenant}";
}
