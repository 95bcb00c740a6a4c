using System.Diagnostics;

namespace Platform.Tests.Jobs;

/// <summary>
/// The product's own binary started as a worker node (`Platform.Api --role worker`) on the test database, with the
/// test's SMTP listener as its mail server: a real process, so that it can be killed at any moment.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <param name="settings">Environment variables (A__B) added to, or replacing, the defaults below.</param>
    public static async Task<WorkerProcess> StartAsync(JobsApi api, Xunit.Abstractions.ITestOutputHelper output,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet", ["exec", ApiBinary(), "--role", "worker"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Platform"] = api.Database.AppConnectionString,
            ["ConnectionStrings__PlatformSystem"] = api.Database.SystemConnectionString,
            ["ConnectionStrings__PlatformOwner"] = api.Database.OwnerConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Auth__StoreKeyInDatabase"] = "true", // the test hosts' key, in the test database
            ["Auth__KeyProtectionFile"] = Infrastructure.ApiHost.KeyProtectionFile,
            ["Jobs__Schedules__reminder-scan"] = "* * * * * *", // every second (Hangfire's cron with seconds)
            ["Jobs__SchedulePollInterval"] = "00:00:01",
            ["Email__Host"] = "127.0.0.1",
            ["Email__Port"] = api.Smtp.Port.ToString(),
            ["Email__Timeout"] = "00:05:00", // it waits on the held QUIT until it is killed
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in ClusterApi.NodeSettings) env[key.Replace(":", "__")] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;
        foreach (var (key, value) in env) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("The worker did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log(output, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log(output, e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.Delay(100);
        if (process.HasExited) throw new InvalidOperationException($"The worker exited at once with {process.ExitCode}.");
        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown, nothing released; the messages it owns stay its own until the cluster finds it dead.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000).ShouldBeTrue();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static void Log(Xunit.Abstractions.ITestOutputHelper output, string line)
    {
        try { output.WriteLine("[worker] " + line); } catch (InvalidOperationException) { } // after the test has ended
    }

    /// <summary>src/Platform.Api/bin/{configuration}/{tfm}/Platform.Api.dll of this checkout, built with the tests.</summary>
    private static string ApiBinary()
    {
        var bin = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // tests/Platform.Tests/bin/{configuration}/{tfm}
        var path = Path.Combine(Platform.Tests.Infrastructure.Repository.Root, "src", "Platform.Api", "bin", bin.Parent!.Name, bin.Name, "Platform.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the worker runs the API's binary.", path);
    }
}
