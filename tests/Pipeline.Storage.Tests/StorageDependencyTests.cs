namespace Pipeline.Storage.Tests;

public sealed class StorageDependencyTests
{
    [Fact]
    public void StorageAssembly_ReferencesNeitherTheHttpFaceNorTheHosts()
    {
        var referenced = typeof(StorageHostingExtensions).Assembly.GetReferencedAssemblies().Select(name => name.Name ?? "").ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, name => name is "Pipeline.Api" or "Pipeline.LocalHost" or "Pipeline.Functions");
        Assert.Contains("Pipeline.Application", referenced);
    }
}
