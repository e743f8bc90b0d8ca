namespace Pipeline.Application.Kpis;

/// <summary>Whether a month's figures are final.</summary>
public enum KpiStatus
{
    /// <summary>The month is open: recomputed after every accepted import and every close run.</summary>
    Provisional,

    /// <summary>The month is closed and locked; its figures change only through an explicit reopen.</summary>
    Closed,

    /// <summary>
    /// The month is open and lies wholly after the tenant's data horizon (<see cref="Domain.DataHorizon"/>): no export
    /// covers it yet, so it has no figures (its KPIs are empty, not zero).
    /// </summary>
    AwaitingData,
}
