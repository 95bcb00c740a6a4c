namespace Platform.Jobs.Outbox;

/// <summary>Exponential backoff with jitter: first × 2^(attempt−1), capped, then ±20 % so that retries of many rows spread out.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max, Random? random = null)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var raw = Math.Min(first.TotalSeconds * Math.Pow(2, exponent), max.TotalSeconds);
        var jitter = 0.8 + 0.4 * (random ?? Random.Shared).NextDouble();
        return TimeSpan.FromSeconds(raw * jitter);
    }
}
