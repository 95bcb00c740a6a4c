using System.Runtime;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Gives memory back to the system once a node has served nothing for a while: after a busy hour the GC keeps the heap it
/// grew (RSS 380–450 MB after the December load, with some 30 MB of it live), and an idle node should not hold it. One
/// compacting, decommitting collection per idle spell; none while requests come in.
/// </summary>
public sealed class IdleMemoryRelease(ILogger<IdleMemoryRelease> log) : BackgroundService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(20);
    private long _lastRequest = Environment.TickCount64;
    private long _released = Environment.TickCount64;

    /// <summary>Called for every request.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastRequest, Environment.TickCount64);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var last = Interlocked.Read(ref _lastRequest);
            if (Environment.TickCount64 - last < Quiet.TotalMilliseconds || _released > last) continue;
            var before = Environment.WorkingSet;
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _released = Environment.TickCount64;
            log.LogInformation("Idle: memory given back, working set {BeforeMb} MB → {AfterMb} MB", before >> 20, Environment.WorkingSet >> 20);
        }
    }
}
