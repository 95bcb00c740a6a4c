using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Migrations;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

/// <summary>A database of the earlier event store (es.events, es.streams) upgraded by migration V050 to Marten's tables.</summary>
public sealed class MartenUpgradeTests : IAsyncLifetime
{
    private readonly string _name = "t_upgrade_" + Guid.NewGuid().ToString("N")[..12];
    private string Owner => new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString) { Database = _name }.ConnectionString;
    private string App => new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString) { Database = _name, Username = "platform_app" }.ConnectionString;

    public Task InitializeAsync() => PostgresDatabase.ServerExecuteAsync($"CREATE DATABASE {_name}");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresDatabase.ServerExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    [Fact]
    public async Task Events_of_the_earlier_store_keep_their_order_versions_history_and_metadata()
    {
        var migrator = new SchemaMigrator(Owner, NullLogger.Instance, Platform.Api.Infrastructure.PlatformServices.MigrationAssemblies);
        await migrator.MigrateAsync(upTo: 42);
        var school = Guid.NewGuid();
        var id = Guid.NewGuid();
        await OwnerAsync("INSERT INTO es.streams (tenant_id, id, type, version, created_at, updated_at) VALUES ($1, $2, 'notebook', 2, '2026-09-01T10:00:00Z', '2026-09-02T10:00:00Z')",
            school, id);
        await OwnerAsync("SELECT setval('es.event_seq', 40)"); // other streams' events came before
        await OwnerAsync("""
            INSERT INTO es.events (seq, tenant_id, stream_id, version, type, data, timestamp, user_name, correlation_id)
            VALUES (nextval('es.event_seq'), $1, $2, 1, 'notebook_opened', jsonb_build_object('notebookId', $2, 'title', 'План'), '2026-09-01T10:00:00Z', 'curator@school', 'corr-1')
            """, school, id);
        await OwnerAsync("""
            INSERT INTO es.events (seq, tenant_id, stream_id, version, type, data, timestamp, user_name, correlation_id)
            VALUES (nextval('es.event_seq'), $1, $2, 2, 'note_added', '{"text": "первая"}', '2026-09-02T10:00:00Z', 'curator@school', 'corr-2')
            """, school, id);

        (await migrator.MigrateAsync()).ShouldBeGreaterThan(0);

        await using var store = new DocumentStore(new DocumentStoreOptions { ConnectionString = App }.Aggregate<Notebook>());
        await using (var read = store.LightweightSession(TenantScope.School(school)))
        {
            var events = await read.Events.FetchStreamAsync(id);
            events.Select(e => (e.Sequence, e.Version, e.EventTypeName, e.UserName, e.CorrelationId))
                .ShouldBe([(41L, 1L, "notebook_opened", "curator@school", "corr-1"), (42L, 2L, "note_added", "curator@school", "corr-2")]);
            (await read.Events.AggregateStreamAsync<Notebook>(id))!.Notes.ShouldBe(["первая"]);
            var before = await read.Events.AggregateStreamAsync<Notebook>(id, timestamp: DateTimeOffset.Parse("2026-09-01T12:00:00Z"));
            before!.Title.ShouldBe("План");
            before.Notes.ShouldBeEmpty();
        }

        await using (var write = store.LightweightSession(TenantScope.School(school)))
        {
            var stream = await write.Events.FetchForWriting<Notebook>(id);
            stream.Version.ShouldBe(2);
            stream.AppendOne(new NoteAdded("вторая"));
            await write.SaveChangesAsync();
        }
        await using var after = store.LightweightSession(TenantScope.School(school));
        var all = await after.Events.FetchStreamAsync(id);
        all[^1].Version.ShouldBe(3);
        all[^1].Sequence.ShouldBe(43); // the sequence continues after the copied events
        (await after.Events.FetchStreamStateAsync(id))!.Version.ShouldBe(3);
        await using var other = store.LightweightSession(TenantScope.School(Guid.NewGuid()));
        (await other.Events.FetchStreamAsync(id)).ShouldBeEmpty();
    }

    private async Task OwnerAsync(string sql, params object[] args)
    {
        await using var c = new NpgsqlConnection(Owner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }
}
