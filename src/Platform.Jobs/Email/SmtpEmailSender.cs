using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Jobs.Notifications;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Email;

/// <summary>
/// E-mail over SMTP with System.Net.Mail (no MailKit on the mirror). The Message-ID is the outbox row's id: a message
/// sent again after a crash between the server's «250» and our mark carries the same id, which receivers deduplicate.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options)
{
    public async Task<string> SendAsync(Guid outboxId, string to, RenderedMessage message, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Configured) throw new InvalidOperationException("Отправка почты не настроена (Email:Host).");
        using var client = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)o.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        using var mail = new MailMessage(new MailAddress(o.From, o.FromName, Encoding.UTF8), new MailAddress(to))
        {
            Subject = message.Title,
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
        };
        mail.Headers.Add("Message-ID", $"<{outboxId}@nastavnik>");
        mail.Headers.Add("X-Outbox-Id", outboxId.ToString());
        try
        {
            await client.SendMailAsync(mail, ct);
        }
        catch (SmtpException e)
        {
            // The attempt log keeps the server's reply code (e.g. 451 temporary, 550 refused).
            throw new InvalidOperationException($"SMTP {(int)e.StatusCode}: {e.GetBaseException().Message}", e);
        }
        return $"250: принято сервером {o.Host}:{o.Port}";
    }
}
