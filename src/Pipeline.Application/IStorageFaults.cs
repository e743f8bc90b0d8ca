namespace Pipeline.Application;

/// <summary>
/// Reads the storage SDK's own exceptions for the layers that may not know its types: whether storage could not serve a
/// call (an outage: try again later) or answered it with a failure that trying again will not change.
/// </summary>
/// <remarks>
/// <para>
/// The storage adapter implements it where the SDK's exception type is known (DESIGN.md: only <c>Pipeline.Storage</c>
/// references Azure packages), and registers it with the other storage adapters. The HTTP face asks it to tell a
/// storage outage (503 with <c>Retry-After</c>) from a bug (500).
/// </para>
/// <para>
/// It judges the one exception it is given, never what that exception wraps or aggregates: failures that are not the
/// SDK's own (a network error, a timeout, an exception that wraps the SDK's) are the caller's to walk and judge.
/// </para>
/// </remarks>
public interface IStorageFaults
{
    /// <summary>What <paramref name="exception"/> itself (not its inner exceptions) says about storage.</summary>
    /// <returns>
    /// <see cref="StorageFault.Unavailable"/> or <see cref="StorageFault.Refused"/> for an exception the storage SDK
    /// throws to report a failed call; <see cref="StorageFault.None"/> for any other exception.
    /// </returns>
    StorageFault Classify(Exception exception);
}
