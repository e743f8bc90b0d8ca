using System.Reflection;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Ingestion;

namespace Pipeline.Application.Tests;

/// <summary>
/// The layering of DESIGN.md, checked on the compiled assemblies: Domain ← Ingestion ← Application, no Azure, no HTTP, and
/// the numerics library of the CLV estimation in Application only (Domain takes no packages).
/// </summary>
public sealed class DependencyRulesTests
{
    [Fact]
    public void Domain_ReferencesOnlyTheRuntime()
    {
        Assert.Empty(NonRuntimeReferences(typeof(Money).Assembly));
    }

    [Fact]
    public void Ingestion_ReferencesOnlyDomainAndTheCsvReader()
    {
        Assert.Equal(["Pipeline.Domain", "Sylvan.Data.Csv"], NonRuntimeReferences(typeof(ExportParser).Assembly));
    }

    [Fact]
    public void Application_ReferencesNoAzureAndNoAspNetCore()
    {
        var references = NonRuntimeReferences(typeof(ExportIngestionService).Assembly);

        Assert.Contains("Pipeline.Ingestion", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Azure", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.All(
            references.Where(name => name.StartsWith("Microsoft.", StringComparison.Ordinal)),
            name => Assert.StartsWith("Microsoft.Extensions.", name, StringComparison.Ordinal));
    }

    [Fact]
    public void Application_TakesOneOtherPackage_MathNetForTheClvEstimation()
    {
        var references = NonRuntimeReferences(typeof(ExportIngestionService).Assembly);

        Assert.Equal(
            ["MathNet.Numerics"],
            references.Where(name => !name.StartsWith("Pipeline.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.", StringComparison.Ordinal)));
    }

    private static string[] NonRuntimeReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib")
            .Order(StringComparer.Ordinal)
            .ToArray();
}
