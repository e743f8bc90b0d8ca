using System.Globalization;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;

namespace Pipeline.Functions.Tests;

/// <summary>Moq doubles of every storage port, registered over the app's storage adapters.</summary>
/// <remarks>
/// The application services are sealed classes, so a function's call into them is observed at the ports they use.
/// <see cref="Strict"/> doubles throw on any call nobody set up: a request refused for a bad value must not reach
/// storage. <see cref="StorageDown"/> doubles answer every call with a 503 <see cref="RequestFailedException"/>, as
/// an unavailable account does, and <see cref="Failing"/> ones with any error: the first call is recorded, and what
/// the function does with the error shows.
/// </remarks>
internal sealed class PortDoubles
{
    private PortDoubles(MockBehavior behavior, DefaultValueProvider values)
    {
        Inbox = Create<IExportInbox>(behavior, values);
        DropBox = Create<IExportDropBox>(behavior, values);
        Imports = Create<IImportLog>(behavior, values);
        Ledger = Create<ILedgerStore>(behavior, values);
        Reports = Create<IImportReportStore>(behavior, values);
        Snapshots = Create<IKpiSnapshotStore>(behavior, values);
        Closes = Create<ICloseLog>(behavior, values);
        Artifacts = Create<ICloseArtifactStore>(behavior, values);
        Audit = Create<ICloseAuditLog>(behavior, values);
    }

    public Mock<IExportInbox> Inbox { get; }

    public Mock<IExportDropBox> DropBox { get; }

    public Mock<IImportLog> Imports { get; }

    public Mock<ILedgerStore> Ledger { get; }

    public Mock<IImportReportStore> Reports { get; }

    public Mock<IKpiSnapshotStore> Snapshots { get; }

    public Mock<ICloseLog> Closes { get; }

    public Mock<ICloseArtifactStore> Artifacts { get; }

    public Mock<ICloseAuditLog> Audit { get; }

    private IEnumerable<Mock> All => [Inbox, DropBox, Imports, Ledger, Reports, Snapshots, Closes, Artifacts, Audit];

    public static PortDoubles Strict() => new(MockBehavior.Strict, DefaultValueProvider.Empty);

    public static PortDoubles StorageDown() => Failing(() => new RequestFailedException(503, "The storage account is unavailable (test double)."));

    /// <summary>Doubles that answer every call with the exception <paramref name="fault"/> makes.</summary>
    public static PortDoubles Failing(Func<Exception> fault) => new(MockBehavior.Loose, new Throwing(fault));

    public void Register(IServiceCollection services)
    {
        services.AddSingleton(Inbox.Object);
        services.AddSingleton(DropBox.Object);
        services.AddSingleton(Imports.Object);
        services.AddSingleton(Ledger.Object);
        services.AddSingleton(Reports.Object);
        services.AddSingleton(Snapshots.Object);
        services.AddSingleton(Closes.Object);
        services.AddSingleton(Artifacts.Object);
        services.AddSingleton(Audit.Object);

        // No tenant has a KPI change stamp, so the KPI reads go to the store port, where these tests observe them.
        services.AddSingleton(Mock.Of<IKpiChangeStamps>());
    }

    /// <summary>Every port call made, as <c>IPort.Method(argument, …)</c> without the cancellation token.</summary>
    public IReadOnlyList<string> Calls() =>
        All.SelectMany(mock => mock.Invocations).Select(invocation =>
            $"{invocation.Method.DeclaringType!.Name}.{invocation.Method.Name}({string.Join(", ", invocation.Arguments.Where(argument => argument is not CancellationToken).Select(Format))})")
        .ToList();

    private static string Format(object? argument) => argument switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => argument.ToString()!,
    };

    private static Mock<T> Create<T>(MockBehavior behavior, DefaultValueProvider values)
        where T : class => new(behavior) { DefaultValueProvider = values };

    /// <summary>Storage that fails every call, as the Azure SDK fails when the account cannot be reached.</summary>
    private sealed class Throwing(Func<Exception> fault) : DefaultValueProvider
    {
        protected override object GetDefaultValue(Type type, Mock mock) => throw fault();
    }
}
