using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Deliveries;

/// <summary>A file pushed to an endpoint: the bytes, their content type and the file name the receiver stores.</summary>
public sealed record DeliveryPayload(byte[] Content, string ContentType, string FileName);

/// <summary>
/// A push to the regional institute (or any endpoint): retried over days with backoff, every attempt logged with the
/// answer (status, reason, start of the body), dead after Deliveries:MaxAttempts, resent by the district curator.
/// The caller queues it in its own transaction, e.g. with the submission it sends.
/// </summary>
public static class InstituteDelivery
{
    public static Delivery To(Guid districtId, Uri endpoint, DeliveryPayload payload, string title)
    {
        if (endpoint.Scheme is not ("http" or "https")) throw new ArgumentException("Адрес приёма должен быть http(s).", nameof(endpoint));
        return new Delivery(districtId, "http", "delivery", null, endpoint.ToString(),
            new { title, fileName = payload.FileName, size = payload.Content.Length }, payload.Content, payload.ContentType, payload.FileName);
    }
}

/// <summary>One HTTP attempt: POST the bytes with an Idempotency-Key (the delivery's id) so the receiver can drop a repeat.</summary>
public sealed class HttpDeliverySender(IHttpClientFactory factory, IOptions<DeliveryOptions> options)
{
    public const string ClientName = "deliveries";

    public async Task<(bool Ok, string Answer)> SendAsync(Guid id, string url, byte[]? body, string? contentType, string? fileName, CancellationToken ct)
    {
        var client = factory.CreateClient(ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        using var content = new ByteArrayContent(body ?? []);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/octet-stream");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName ?? "payload" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Idempotency-Key", id.ToString());
        using var response = await client.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        if (text.Length > 2000) text = text[..2000] + "…";
        return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':'));
    }
}
