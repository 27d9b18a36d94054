using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace EvalWorkflow.Tests;

/// <summary>
/// A small SMTP server on 127.0.0.1 for the tests: enough of RFC 5321 for MailKit (greeting, EHLO/HELO, MAIL, RCPT,
/// DATA, RSET, NOOP, QUIT). While <see cref="Failing"/> it answers MAIL FROM with 451, as a busy server would.
/// Shared by the notification and the web tests (linked into both projects).
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly Task accepting;
    private volatile bool failing;
    private int refused;

    public SmtpListener(bool failing = false)
    {
        this.failing = failing;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>While true, every MAIL FROM is answered with 451 (a temporary failure).</summary>
    public bool Failing
    {
        get => failing;
        set => failing = value;
    }

    /// <summary>How many MAIL FROM commands were refused.</summary>
    public int Refused => Volatile.Read(ref refused);

    public IReadOnlyList<MimeMessage> Received => [.. received];

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                sessions.Add(SessionAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        await Task.WhenAll(sessions);
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();

            // Latin-1 maps bytes to chars one to one, so DATA comes back byte for byte.
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ESMTP test");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL" when failing:
                        Interlocked.Increment(ref refused);
                        await writer.WriteLineAsync("451 4.3.0 Try again later");
                        break;
                    case "MAIL":
                    case "RCPT":
                    case "RSET":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        received.Enqueue(await ReadDataAsync(reader));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away, or the listener is stopping
        }
    }

    private async Task<MimeMessage> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(stop.Token) is { } line && line != ".")
        {
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        using var message = new MemoryStream(Encoding.Latin1.GetBytes(data.ToString()));
        return await MimeMessage.LoadAsync(message, stop.Token);
    }
}
