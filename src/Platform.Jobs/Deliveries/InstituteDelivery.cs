using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Jobs.Outbox;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Deliveries;

/// <summary>A file pushed to an endpoint: the bytes, their content type and the file name the receiver stores.</summary>
public sealed record DeliveryPayload(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Pushes to the regional institute (or any endpoint) through the outbox: retried over days with backoff and jitter,
/// every attempt logged with the answer (status, reason, start of the body), dead after Deliveries:MaxAttempts, resent
/// by the district curator. The caller queues it in its own transaction, e.g. with the submission it sends.
/// </summary>
public static class InstituteDelivery
{
    public static Task<Guid> EnqueueAsync(DocumentSession session, Guid districtId, Uri endpoint, DeliveryPayload payload, string title,
        DeliveryOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (endpoint.Scheme is not ("http" or "https")) throw new ArgumentException("Адрес приёма должен быть http(s).", nameof(endpoint));
        return OutboxWriter.EnqueueAsync(session, new OutboxMessage(districtId, "http", "delivery", null, endpoint.ToString(),
            new { title, fileName = payload.FileName, size = payload.Content.Length }, options.MaxAttempts,
            payload.Content, payload.ContentType, payload.FileName), now, ct);
    }
}

/// <summary>One HTTP attempt: POST the bytes with an Idempotency-Key (the outbox id) so the receiver can drop a repeat.</summary>
public sealed class HttpDeliverySender(IHttpClientFactory factory, IOptions<DeliveryOptions> options)
{
    public const string ClientName = "deliveries";

    public async Task<(bool Ok, string Answer)> SendAsync(OutboxRow row, CancellationToken ct)
    {
        var client = factory.CreateClient(ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        using var content = new ByteArrayContent(row.Body ?? []);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(row.ContentType ?? "application/octet-stream");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = row.FileName ?? "payload" };
        using var request = new HttpRequestMessage(HttpMethod.Post, row.Address) { Content = content };
        request.Headers.Add("Idempotency-Key", row.Id.ToString());
        using var response = await client.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        if (text.Length > 2000) text = text[..2000] + "…";
        return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':'));
    }
}
