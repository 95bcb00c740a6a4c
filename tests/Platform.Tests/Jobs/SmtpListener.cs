using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Tests.Jobs;

public sealed record ReceivedMail(string From, IReadOnlyList<string> To, IReadOnlyDictionary<string, string> Headers, string Subject, string Body, string Raw)
{
    public string MessageId => Headers.GetValueOrDefault("Message-ID", "");
    public string DeliveryId => Headers.GetValueOrDefault("X-Delivery-Id", "");
}

/// <summary>
/// A real SMTP server on 127.0.0.1 (no package exists on the mirror): enough of RFC 5321 for System.Net.Mail's
/// SmtpClient — EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT. It can answer «451» to the next N
/// messages, to test retries.
/// </summary>
public sealed partial class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _failNext;

    public SmtpListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>
    /// While set, QUIT is not answered: the client has its «250» for the message and waits, as a node killed between
    /// the server's acceptance and its own record of it would have.
    /// </summary>
    public volatile bool HoldQuit;
    private int _heldQuits;
    public int HeldQuits => Volatile.Read(ref _heldQuits);

    /// <summary>The next <paramref name="count"/> messages are refused with a temporary failure.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public async Task<List<ReceivedMail>> WaitForAsync(Func<ReceivedMail, bool> match, int count = 1, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > until) return found;
            await Task.Delay(50);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 ESMTP test listener");
        string from = "";
        var to = new List<string>();
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-127.0.0.1\r\n250 8BITMIME\r\n");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 127.0.0.1");
                        break;
                    case "MAIL":
                        if (TakeFailure())
                        {
                            await writer.WriteLineAsync("451 4.3.0 Temporary failure, try again later");
                            break;
                        }
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var raw = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                            raw.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                        Received.Enqueue(Parse(from, to.ToList(), raw.ToString()));
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "RSET":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        if (HoldQuit)
                        {
                            Interlocked.Increment(ref _heldQuits);
                            while (HoldQuit && !_stop.IsCancellationRequested) await Task.Delay(50);
                        }
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (IOException)
        {
        }
    }

    private bool TakeFailure()
    {
        while (true)
        {
            var n = Volatile.Read(ref _failNext);
            if (n <= 0) return false;
            if (Interlocked.CompareExchange(ref _failNext, n - 1, n) == n) return true;
        }
    }

    private static string Address(string line) => line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>');

    private static ReceivedMail Parse(string from, List<string> to, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = split < 0 ? raw : raw[..split];
        var bodyText = split < 0 ? "" : raw[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in headerText.Split("\r\n"))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null) { headers[last] += " " + line.Trim(); continue; }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }
        var body = headers.GetValueOrDefault("Content-Transfer-Encoding", "").Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(bodyText.Where(c => !char.IsWhiteSpace(c)))))
            : bodyText;
        return new ReceivedMail(from, to, headers, DecodeWords(headers.GetValueOrDefault("Subject", "")), body, raw);
    }

    private static string DecodeWords(string value) => EncodedWord().Replace(value.Replace("?= =?", "?==?"), m =>
        m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
            : Encoding.UTF8.GetString(QuotedPrintable(m.Groups[3].Value)));

    private static byte[] QuotedPrintable(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '=' && i + 2 < s.Length) { bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.Add((byte)(s[i] == '_' ? ' ' : s[i]));
        }
        return bytes.ToArray();
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch { }
    }
}
