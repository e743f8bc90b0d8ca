namespace Pipeline.Testing;

/// <summary>The xunit collection that shares one <see cref="AzuriteInstance"/> across a test assembly.</summary>
/// <remarks>Use <c>[Collection(AzuriteCollection.Name)]</c> on a test class and take <see cref="AzuriteInstance"/> in its constructor.</remarks>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteInstance>
{
    public const string Name = "Azurite";
}
