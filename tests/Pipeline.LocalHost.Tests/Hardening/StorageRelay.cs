using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>How <see cref="StorageRelay"/> cuts storage off.</summary>
public enum StorageOutage
{
    /// <summary>Every connection is refused, as when the account or Azurite is down.</summary>
    Refused,

    /// <summary>Connections are accepted and never answered, as when the account or Azurite hangs.</summary>
    Stalled,
}

/// <summary>
/// A TCP relay on loopback between a host and Azurite's blob and table endpoints, relaying until a test cuts it with
/// <see cref="Cut"/>; from then on the host's storage is down in the way the <see cref="StorageOutage"/> says.
/// </summary>
/// <remarks>Cutting also drops the connections the host holds open, so its next request meets the outage too.</remarks>
internal sealed partial class StorageRelay : IAsyncDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private StorageOutage? _outage;

    private StorageRelay(string azuriteConnectionString)
    {
        ConnectionString = Endpoint().Replace(azuriteConnectionString, match =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _listeners.Add(listener);
            _loops.Add(AcceptAsync(listener, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)));
            return string.Create(CultureInfo.InvariantCulture, $"{match.Groups["name"].Value}=http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        });
    }

    /// <summary>Azurite's connection string with the blob and table endpoints through this relay.</summary>
    public string ConnectionString { get; }

    public static StorageRelay Start(string azuriteConnectionString) => new(azuriteConnectionString);

    /// <summary>Cuts storage off for good: refused or stalled from now on.</summary>
    public void Cut(StorageOutage outage)
    {
        _outage = outage;
        if (outage == StorageOutage.Refused)
        {
            _listeners.ForEach(listener => listener.Stop());
        }

        CloseSockets();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listeners.ForEach(listener => listener.Stop());
        CloseSockets();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    [GeneratedRegex("(?<name>BlobEndpoint|TableEndpoint)=http://127\\.0\\.0\\.1:(?<port>[0-9]+)/")]
    private static partial Regex Endpoint();

    private async Task AcceptAsync(TcpListener listener, int upstreamPort)
    {
        try
        {
            while (true)
            {
                var client = Track(await listener.AcceptSocketAsync(_stop.Token));
                if (_outage is null)
                {
                    _ = RelayAsync(client, upstreamPort);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The listener stopped: refused from now on, or disposed.
        }
    }

    private async Task RelayAsync(Socket client, int upstreamPort)
    {
        try
        {
            var upstream = Track(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, _stop.Token);
            await Task.WhenAny(CopyAsync(client, upstream), CopyAsync(upstream, client));
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut or disposed.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0 && _outage is null)
            {
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut or disposed.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private Socket Track(Socket socket)
    {
        lock (_sockets)
        {
            _sockets.Add(socket);
        }

        return socket;
    }

    private void CloseSockets()
    {
        lock (_sockets)
        {
            _sockets.ForEach(socket => socket.Dispose());
            _sockets.Clear();
        }
    }
}
