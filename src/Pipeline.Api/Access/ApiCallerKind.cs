namespace Pipeline.Api.Access;

/// <summary>How a caller was identified.</summary>
public enum ApiCallerKind
{
    /// <summary><see cref="ApiAccessMode.None"/>: nobody was asked.</summary>
    Development,

    /// <summary>An Entra ID principal passed by App Service Authentication.</summary>
    Principal,

    /// <summary>A tenant-scoped read key.</summary>
    ReadKey,
}
