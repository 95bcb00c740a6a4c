using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// The real host on Kestrel at 127.0.0.1, on its own database: a browser cannot reach Alba's in-memory server, so
/// this one host runs under ASP.NET Core's WebApplicationFactory with a real socket, configured as <see cref="ApiHost"/>.
/// </summary>
public sealed class KestrelApi : ApiHost
{
    private WebApplicationFactory<Program>? _factory;

    public int Port { get; } = FreePort();

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public override IServiceProvider Services => _factory!.Services;

    public override async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _factory = new Factory(Configure);
        _factory.UseKestrel(Port);
        _factory.StartServer();
    }

    public override async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class Factory(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
