using System.Diagnostics;

namespace Platform.Bench;

/// <summary>Timed runs of an operation and their percentiles, for every part of the benchmark.</summary>
public static class Timing
{
    /// <summary>
    /// Milliseconds of <paramref name="count"/> runs, sorted, after <paramref name="warmup"/> runs that also last at least
    /// <paramref name="minWarmup"/>: tiered JIT leaves a fresh code path several times slower until it is recompiled.
    /// </summary>
    public static async Task<double[]> MeasureAsync(int warmup, int count, Func<Task> operation, TimeSpan minWarmup)
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < minWarmup; i++) await operation();
        var millis = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            millis[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(millis);
        return millis;
    }

    public static double Pct(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    public static string Percentiles(double[] sorted) =>
        $"p50 {Pct(sorted, 50),7:F2} ms  p95 {Pct(sorted, 95),7:F2} ms  p99 {Pct(sorted, 99),7:F2} ms";

    /// <summary>How many times the first takes the time of the second (lower is better).</summary>
    public static string Ratio(double[] a, double[] b) => $"p50 {Pct(a, 50) / Pct(b, 50):F2}x  p95 {Pct(a, 95) / Pct(b, 95):F2}x";
}
