using Microsoft.AspNetCore.Http;

namespace Platform.EventStore;

/// <summary>
/// Load, decide, append for one stream, as every command endpoint does it: an If-Match header (the stream version the
/// client last saw) must equal the version just loaded, the decision's events are appended optimistically and saved,
/// and the response's ETag carries the new version.
/// </summary>
public static class StreamDecisions
{
    public static long? IfMatchVersion(this HttpContext http) =>
        long.TryParse(http.Request.Headers.IfMatch.ToString().Trim('"', 'W', '/'), out var v) ? v : null;

    /// <summary>Refuses a stale If-Match before anything is decided.</summary>
    public static void CheckIfMatch<T>(this EventStream<T> stream, HttpContext http) where T : class
    {
        var expected = http.IfMatchVersion() ?? stream.Version;
        if (expected != stream.Version) throw new ConcurrencyException(stream.Id, expected, stream.Version);
    }

    public static Task<(T State, long Version)> DecideAsync<T>(this EventStream<T> stream, DocumentSession session, HttpContext http,
        Func<T, object[]> decide, CancellationToken ct) where T : class =>
        stream.DecideAsync(session, http, s => Task.FromResult(decide(s)), ct);

    /// <summary>The state after the decision and the stream's new version (the loaded one when nothing was decided).</summary>
    public static async Task<(T State, long Version)> DecideAsync<T>(this EventStream<T> stream, DocumentSession session, HttpContext http,
        Func<T, Task<object[]>> decide, CancellationToken ct) where T : class
    {
        stream.CheckIfMatch(http);
        var state = stream.Aggregate ?? throw new InvalidOperationException($"Stream {stream.Id} has no state to decide on.");
        var events = await decide(state);
        if (events.Length > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
            state = session.Store.Fold(state, events)!;
        }
        var version = stream.Version + events.Length;
        http.Response.Headers.ETag = $"\"{version}\"";
        return (state, version);
    }
}
