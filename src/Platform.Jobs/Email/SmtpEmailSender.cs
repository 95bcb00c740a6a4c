using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Jobs.Notifications;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Email;

/// <summary>
/// E-mail over SMTP with MailKit. The Message-ID is the delivery's id: a message sent again after a crash between
/// the server's «250» and our mark carries the same id, which receivers deduplicate.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options)
{
    public async Task<string> SendAsync(Guid deliveryId, string to, RenderedMessage message, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Configured) throw new InvalidOperationException("Отправка почты не настроена (Email:Host).");

        using var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(Encoding.UTF8, o.FromName, o.From));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Headers.Replace(HeaderId.Subject, Encoding.UTF8, message.Title);
        mail.MessageId = $"{deliveryId}@nastavnik";
        mail.Headers.Add("X-Delivery-Id", deliveryId.ToString());
        var body = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
        body.SetText(Encoding.UTF8, message.Body);
        mail.Body = body;

        // EnableSsl demands encryption (no silent fallback to plain text): TLS from the first byte on 465, STARTTLS
        // elsewhere; without it the connection stays plain, as System.Net.Mail did.
        var security = !o.EnableSsl ? SecureSocketOptions.None
            : o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, security, ct);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            await client.SendAsync(mail, ct);
        }
        catch (SmtpCommandException e)
        {
            // The attempt log keeps the server's reply code (e.g. 451 temporary, 550 refused).
            throw new InvalidOperationException($"SMTP {(int)e.StatusCode}: {e.Message}", e);
        }
        try
        {
            await client.DisconnectAsync(true, ct);
        }
        catch
        {
            // The server has already accepted the message: a failed QUIT must not make Wolverine send it again.
        }
        return $"250: принято сервером {o.Host}:{o.Port}";
    }
}
