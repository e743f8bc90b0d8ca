namespace Pipeline.Dashboard.Tests;

/// <summary>The xunit collection that shares one <see cref="DemoDashboard"/> (Azurite, the local host with the demo, Chromium).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DemoDashboard>
{
    public const string Name = "Dashboard";
}
