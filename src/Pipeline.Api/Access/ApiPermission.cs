namespace Pipeline.Api.Access;

/// <summary>What a route needs of its caller for the route's tenant.</summary>
public enum ApiPermission
{
    /// <summary>Read the tenant's figures, imports and closes.</summary>
    Read,

    /// <summary>Change what the tenant's figures are: close and reopen months (and, later, uploads).</summary>
    Operate,
}
