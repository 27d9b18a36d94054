using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EvalWorkflow.Notifications.Delivery;

/// <summary>Sends through the configured SMTP server with MailKit.</summary>
public sealed class SmtpMailer(IOptions<EmailOptions> options)
{
    /// <summary>A session for one batch: it connects on the first send and reconnects after a failure.</summary>
    public SmtpSession Open() => new(options.Value);
}

/// <summary>One SMTP connection, opened lazily and dropped after any failure so that the next send starts clean.</summary>
public sealed class SmtpSession(EmailOptions options) : IAsyncDisposable
{
    private const int TimeoutMilliseconds = 30_000;
    private const int ImplicitTlsPort = 465;

    private SmtpClient? client;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        try
        {
            client ??= await ConnectAsync(ct);
            await client.SendAsync(message, ct);
        }
        catch
        {
            client?.Dispose();
            client = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // Everything was sent already; a failed QUIT changes nothing.
        }
        finally
        {
            client.Dispose();
            client = null;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var smtp = new SmtpClient { Timeout = TimeoutMilliseconds };
        try
        {
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.SmtpPort == ImplicitTlsPort ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTlsWhenAvailable;
            await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }

            return smtp;
        }
        catch
        {
            smtp.Dispose();
            throw;
        }
    }
}
