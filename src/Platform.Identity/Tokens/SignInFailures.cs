using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Tokens;

/// <summary>
/// Wrong passwords per login and client address in the last lockout window (<see cref="AuthOptions.LockoutMinutes"/>), kept by
/// this host (for a known account, <see cref="PasswordSignIn"/> also reads them from its journal, which every node shares). An address that has reached <see cref="AuthOptions.SignInFailuresPerAddress"/> on one login waits until the
/// oldest of them leaves the window, before the account's lockout counter can move again: kept below the lockout's
/// threshold, a stranger guessing from one place cannot lock the real user out (the lockout still stops guessing from many
/// places). Unknown logins are counted the same way, so the answers do not tell which accounts exist.
/// </summary>
public sealed class SignInFailures(TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _journaled = new(StringComparer.OrdinalIgnoreCase);

    internal TimeSpan Window => TimeSpan.FromMinutes(options.Value.LockoutMinutes);

    /// <summary>Below the lockout's threshold whatever is configured, so that one address never locks an account alone.</summary>
    internal int Limit => Math.Clamp(options.Value.SignInFailuresPerAddress, 1, Math.Max(1, options.Value.MaxFailedAttempts - 1));

    /// <summary>How long this address must wait before trying this login again; null: it may try now.</summary>
    public TimeSpan? Wait(string login, string? address)
    {
        if (!_failures.TryGetValue(Key(login, address), out var log)) return null;
        var now = time.GetUtcNow();
        lock (log)
        {
            Forget(log, now);
            return log.Count < Limit ? null : log.Peek() + Window - now;
        }
    }

    public void Failed(string login, string? address)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > 10_000) Sweep(now); // a spray of made-up logins must not grow the table for ever
        var log = _failures.GetOrAdd(Key(login, address), _ => new Queue<DateTimeOffset>());
        lock (log)
        {
            Forget(log, now);
            log.Enqueue(now);
        }
    }

    public void Succeeded(string login, string? address) => _failures.TryRemove(Key(login, address), out _);

    /// <summary>Whether a refused attempt on this login goes to its security journal now: once a minute at most.</summary>
    public bool ShouldJournal(string login)
    {
        var now = time.GetUtcNow();
        if (_journaled.TryGetValue(login, out var last) && now - last < TimeSpan.FromMinutes(1)) return false;
        _journaled[login] = now;
        return true;
    }

    private static string Key(string login, string? address) => login.Trim().ToLowerInvariant() + "|" + address;

    private void Forget(Queue<DateTimeOffset> log, DateTimeOffset now)
    {
        while (log.Count > 0 && log.Peek() <= now - Window) log.Dequeue();
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, log) in _failures)
            lock (log)
            {
                Forget(log, now);
                if (log.Count == 0) _failures.TryRemove(key, out _);
            }
        foreach (var (key, at) in _journaled)
            if (now - at >= TimeSpan.FromMinutes(1)) _journaled.TryRemove(key, out _);
    }
}
