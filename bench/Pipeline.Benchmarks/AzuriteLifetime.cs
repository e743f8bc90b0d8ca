namespace Pipeline.Testing;

/// <summary>The lifetime contract <c>tests/Shared/AzuriteInstance.cs</c> implements, so the benchmark compiles that file as it is.</summary>
/// <remarks>
/// In the test projects the name resolves to xunit's <c>IAsyncLifetime</c> (a global using); the benchmark has no
/// xunit, so this interface with the same two members takes its place, and the benchmark calls both itself.
/// </remarks>
internal interface IAsyncLifetime
{
    Task InitializeAsync();

    Task DisposeAsync();
}

/// <summary>The target of <c>AzuriteInstance</c>'s documentation reference to the tests' xunit collection; nothing uses it here.</summary>
internal static class AzuriteCollection
{
}
