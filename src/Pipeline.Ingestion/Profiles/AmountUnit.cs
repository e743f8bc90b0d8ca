namespace Pipeline.Ingestion.Profiles;

/// <summary>How a mapping profile's amounts are written.</summary>
public enum AmountUnit
{
    /// <summary>Major units with decimals: <c>59,29</c> euros.</summary>
    Major,

    /// <summary>Whole minor units: <c>5929</c> cents; divided by 10^<see cref="Domain.CurrencyCode.MinorUnits"/> of the row's currency.</summary>
    Minor,
}
