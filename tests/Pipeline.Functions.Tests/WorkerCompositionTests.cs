using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The worker as <c>Program.cs</c> composes it, with the sample settings: every function the metadata lists can be
/// created from its services, and the settings pass the start-up validation.
/// </summary>
public sealed class WorkerCompositionTests
{
    [Fact]
    public void EveryFunctionClassInTheMetadata_IsCreatedFromTheWorkersServices()
    {
        using var worker = FunctionsWorker.Build();
        var classes = FunctionsMetadata.Load()
            .Select(function => function.EntryPoint[..function.EntryPoint.LastIndexOf('.')])
            .Distinct(StringComparer.Ordinal)
            .Select(name => typeof(KpiFunctions).Assembly.GetType(name, throwOnError: true)!)
            .ToList();

        var created = classes.Select(type => ActivatorUtilities.CreateInstance(worker.Services, type)).ToList();

        Assert.Equal(19, created.Count);
        Assert.All(created.Zip(classes), pair => Assert.IsType(pair.Second, pair.First));
    }

    [Fact]
    public void AServiceAFunctionNeeds_WhenNotRegistered_FailsToCreateIt()
    {
        using var worker = FunctionsWorker.Build(replace: services => services.RemoveAll<DueCloses>());

        var failure = Assert.Throws<InvalidOperationException>(() => worker.Create<CloseMonthsFunction>());

        Assert.Contains(nameof(DueCloses), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleSettings_PassTheStartUpValidation_AndABadOneIsNamed()
    {
        using var worker = FunctionsWorker.Build();
        using var broken = FunctionsWorker.Build(new Dictionary<string, string?> { ["Pipeline:ReportingCurrency"] = "EURO" });

        worker.Get<IStartupValidator>().Validate();
        var failure = Assert.Throws<OptionsValidationException>(() => broken.Get<IStartupValidator>().Validate());

        Assert.Contains("EURO", failure.Message, StringComparison.Ordinal);
    }
}
