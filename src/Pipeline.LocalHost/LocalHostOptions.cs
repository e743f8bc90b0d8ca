using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalHost;

/// <summary>Settings of the local host only (section <c>LocalHost</c>); the Functions app has triggers instead.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>How often the poller lists the <c>exports</c> container.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the close schedule runs in this host (tests switch it off to close explicitly).</summary>
    public bool RunCloseSchedule { get; set; } = true;

    /// <summary>Drops the bundled sample exports into <c>exports/demo/</c> at start-up (<c>./run.sh --demo</c>).</summary>
    public bool SeedDemo { get; set; }
}
