using JasperFx;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EventStore;
using Platform.EventStore.Migrations;
using Platform.Identity;
using Platform.Mentoring;
using Platform.Reporting;
using Platform.Reporting.Dashboard;
using Platform.Tenancy;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

/// <summary>
/// Marten's tables come from our migration V050, not from Marten at start-up: the database must match what Marten
/// expects, and Marten's own migration, run by an owner, must not take row-level security off a tenant table.
/// </summary>
public sealed class MartenSchemaTests : StoreTest
{
    private global::Marten.IDocumentStore OwnerMarten(AutoCreate autoCreate)
    {
        var options = new DocumentStoreOptions { ConnectionString = Db.OwnerConnectionString }
            .AddTenancy().AddIdentity().AddMentoring().AddReporting().AddDashboard();
        return global::Marten.DocumentStore.For(o => options.ConfigureMarten(o, Db.OwnerConnectionString, autoCreate));
    }

    [Fact]
    public async Task The_migrated_database_is_what_Marten_expects()
    {
        using var marten = OwnerMarten(AutoCreate.None);
        await marten.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }

    [Fact]
    public async Task Row_level_security_survives_a_second_start_and_Martens_own_migration()
    {
        var school = TenantScope.School(TestRegistry.SchoolA1);
        var id = Guid.NewGuid();
        await using (var s = Store.LightweightSession(school))
        {
            s.Events.StartStream<Notebook>(id, new NotebookOpened(id, "До миграции"));
            await s.SaveChangesAsync();
        }

        // A second node starting, then Marten migrating as the owner (what a Marten upgrade with a schema change would do).
        await new SchemaMigrator(Db.OwnerConnectionString, NullLogger.Instance, Platform.Api.Infrastructure.PlatformServices.MigrationAssemblies)
            .MigrateAsync();
        using (var marten = OwnerMarten(AutoCreate.CreateOrUpdate))
            await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        (await Db.OwnerScalarAsync<string>(SchemaTests.UnprotectedTenantTables)).ShouldBeNull();
        await using var other = Store.LightweightSession(TenantScope.School(TestRegistry.SchoolB1));
        (await other.QueryAsync("SELECT count(*) FROM es.mt_events", r => r.GetInt64(0), default))[0].ShouldBe(0);
        (await other.Events.FetchStreamAsync(id)).ShouldBeEmpty();
        await using var own = Store.LightweightSession(school);
        (await own.Events.AggregateStreamAsync<Notebook>(id))!.Title.ShouldBe("До миграции");
    }
}
