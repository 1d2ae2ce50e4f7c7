using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A bare HTTP/1.1 peer on any local address (127.0.0.2 too, which Kestrel test hosts do not bind): records each
/// request's head as sent (an absolute request line when it plays a proxy) and answers 200 with no body.
/// </summary>
public sealed class RawHttpPeer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly ConcurrentQueue<string> _heads = new();
    private int _connections;

    public RawHttpPeer(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted, whether or not a request followed.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<string> Heads => _heads.ToArray();

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                        return;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                _heads.Enqueue(head.ToString());
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
            catch (IOException)
            {
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
