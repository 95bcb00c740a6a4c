using Npgsql;
using Platform.EventStore;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Infrastructure.TestRegistry;

namespace Platform.Tests.EventStore;

/// <summary>Isolation is PostgreSQL's: these tests go around the store with raw SQL as the application role.</summary>
public sealed class TenantIsolationTests : StoreTest
{

    private async Task Start(Guid school, Guid id, string title)
    {
        await using var s = Store.LightweightSession(TenantScope.School(school));
        s.Events.StartStream<Notebook>(id, new NotebookOpened(id, title));
        await s.SaveChangesAsync();
    }

    /// <summary>A raw connection as platform_app with the scope set the way the store sets it.</summary>
    private async Task<(NpgsqlConnection, NpgsqlTransaction)> RawScoped(string? kind, Guid? id, string? connectionString = null)
    {
        var c = new NpgsqlConnection(connectionString ?? Db.AppConnectionString);
        await c.OpenAsync();
        var tx = await c.BeginTransactionAsync();
        if (kind is not null)
        {
            await using var cmd = new NpgsqlCommand("SELECT set_config('app.scope_kind', $1, true), set_config('app.scope_id', $2, true)", c, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
            cmd.Parameters.Add(new NpgsqlParameter { Value = id?.ToString() ?? "" });
            await cmd.ExecuteNonQueryAsync();
        }
        return (c, tx);
    }

    private static async Task<long> Count(NpgsqlConnection c, NpgsqlTransaction tx, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_same_stream_id_in_two_schools_is_two_streams()
    {
        var id = Guid.NewGuid();
        await Start(SchoolA1, id, "Школа A1");
        await Start(SchoolB1, id, "Школа B1");

        await using var a = Store.LightweightSession(TenantScope.School(SchoolA1));
        await using var b = Store.LightweightSession(TenantScope.School(SchoolB1));
        (await a.Events.AggregateStreamAsync<Notebook>(id))!.Title.ShouldBe("Школа A1");
        (await b.Events.AggregateStreamAsync<Notebook>(id))!.Title.ShouldBe("Школа B1");
        (await Db.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_streams WHERE id = $1", id)).ShouldBe(2);
    }

    [Fact]
    public async Task A_school_session_reads_and_writes_nothing_of_another_school_even_with_raw_sql()
    {
        var idB = Guid.NewGuid();
        await Start(SchoolB1, idB, "чужой");
        await Start(SchoolA1, Guid.NewGuid(), "свой");

        var (c, tx) = await RawScoped("school", SchoolA1);
        await using (c)
        {
            (await Count(c, tx, "SELECT count(*) FROM es.mt_events WHERE tenant_id = $1::text", SchoolB1)).ShouldBe(0);
            (await Count(c, tx, "SELECT count(*) FROM es.mt_streams WHERE id = $1", idB)).ShouldBe(0);
            (await Count(c, tx, "SELECT count(*) FROM es.mt_events")).ShouldBeGreaterThan(0);
            (await Count(c, tx, "SELECT count(*) FROM es.mt_events WHERE tenant_id <> $1::text", SchoolA1)).ShouldBe(0);
            // Updates and deletes of B's rows find nothing to touch.
            await using (var upd = new NpgsqlCommand("UPDATE es.mt_events SET data = '{}' WHERE tenant_id = $1::text", c, tx))
            {
                upd.Parameters.Add(new NpgsqlParameter { Value = SchoolB1 });
                (await upd.ExecuteNonQueryAsync()).ShouldBe(0);
            }
            await using (var del = new NpgsqlCommand("DELETE FROM es.mt_streams WHERE tenant_id = $1::text", c, tx))
            {
                del.Parameters.Add(new NpgsqlParameter { Value = SchoolB1 });
                (await del.ExecuteNonQueryAsync()).ShouldBe(0);
            }
            // Inserting a row for B is refused by the policy's WITH CHECK.
            await using var ins = new NpgsqlCommand(
                "INSERT INTO es.mt_streams (tenant_id, id, type, version) VALUES ($1::text, gen_random_uuid(), 'x', 1)", c, tx);
            ins.Parameters.Add(new NpgsqlParameter { Value = SchoolB1 });
            var e = await Should.ThrowAsync<PostgresException>(() => ins.ExecuteNonQueryAsync());
            e.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        (await Db.OwnerScalarAsync<string>("SELECT data::text FROM es.mt_events WHERE tenant_id = $1::text", SchoolB1))!.ShouldContain("чужой");
    }

    [Fact]
    public async Task An_unscoped_session_sees_nothing_and_writes_nothing()
    {
        await Start(SchoolA1, Guid.NewGuid(), "x");
        var (c, tx) = await RawScoped(null, null);
        await using (c)
        {
            (await Count(c, tx, "SELECT count(*) FROM es.mt_events")).ShouldBe(0);
            (await Count(c, tx, "SELECT count(*) FROM es.mt_streams")).ShouldBe(0);
            await using var ins = new NpgsqlCommand(
                "INSERT INTO es.mt_streams (tenant_id, id, type, version) VALUES ($1::text, gen_random_uuid(), 'x', 1)", c, tx);
            ins.Parameters.Add(new NpgsqlParameter { Value = SchoolA1 });
            await Should.ThrowAsync<PostgresException>(() => ins.ExecuteNonQueryAsync());
        }
        await using var s = Store.LightweightSession(null, SchoolA1);
        (await s.Events.FetchStreamAsync(Guid.NewGuid())).ShouldBeEmpty();
        (await s.QueryAsync("SELECT count(*) FROM es.mt_events", r => r.GetInt64(0), default))[0].ShouldBe(0);
    }

    [Fact]
    public async Task A_district_scope_sees_its_schools_only_and_a_region_scope_sees_its_districts()
    {
        await Start(SchoolA1, Guid.NewGuid(), "a1");
        await Start(SchoolA2, Guid.NewGuid(), "a2");
        await Start(SchoolB1, Guid.NewGuid(), "b1");

        var (c, tx) = await RawScoped("district", DistrictA);
        await using (c)
        {
            var tenants = new List<Guid>();
            await using var cmd = new NpgsqlCommand("SELECT DISTINCT tenant_id::uuid FROM es.mt_events ORDER BY 1", c, tx);
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) tenants.Add(r.GetGuid(0));
            tenants.ShouldBe([SchoolA1, SchoolA2]);
        }
        var (rc, rtx) = await RawScoped("region", Region);
        await using (rc)
            (await Count(rc, rtx, "SELECT count(DISTINCT tenant_id) FROM es.mt_events")).ShouldBe(3);
        var (pc, ptx) = await RawScoped("region", Guid.NewGuid());
        await using (pc)
            (await Count(pc, ptx, "SELECT count(*) FROM es.mt_events")).ShouldBe(0);
    }

    [Fact]
    public async Task The_catalog_is_readable_by_all_but_written_only_by_its_owner()
    {
        var (c, tx) = await RawScoped("school", SchoolA1);
        await using (c)
        {
            (await Count(c, tx, "SELECT count(*) FROM registry.schools")).ShouldBe(3);
            await using var upd = new NpgsqlCommand("UPDATE registry.schools SET short_name = 'взлом'", c, tx);
            (await upd.ExecuteNonQueryAsync()).ShouldBe(0);
        }
        var (dc, dtx) = await RawScoped("district", DistrictA);
        await using (dc)
        {
            await using var upd = new NpgsqlCommand("UPDATE registry.schools SET short_name = short_name", dc, dtx);
            (await upd.ExecuteNonQueryAsync()).ShouldBe(2);
        }
    }

    [Fact]
    public async Task The_platform_scope_is_refused_to_the_application_role_and_kept_for_the_system_role()
    {
        await Start(SchoolA1, Guid.NewGuid(), "a1");
        await Start(SchoolB1, Guid.NewGuid(), "b1");

        var (c, tx) = await RawScoped("platform", Guid.Empty);
        await using (c)
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Count(c, tx, "SELECT count(*) FROM es.mt_events"));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        var (sc, stx) = await RawScoped("platform", Guid.Empty, Db.SystemConnectionString);
        await using (sc)
            (await Count(sc, stx, "SELECT count(DISTINCT tenant_id) FROM es.mt_events")).ShouldBe(2);
        // The store opens the system role's connection for the platform scope.
        await using var platform = Store.LightweightSession(TenantScope.Platform);
        (await platform.QueryAsync("SELECT count(DISTINCT tenant_id) FROM es.mt_events", r => r.GetInt64(0), default))[0].ShouldBe(2);
    }

    [Fact]
    public async Task A_district_scope_cannot_register_another_districts_school_under_itself_nor_a_school_under_its_school()
    {
        var (c, tx) = await RawScoped("district", DistrictA);
        await using (c)
        {
            await using var attach = new NpgsqlCommand(
                "INSERT INTO registry.schools VALUES ($1, $2, $1, 'Чужая', 'Чужая', 'school', 'Europe/Moscow', NULL, NULL, 1)", c, tx);
            attach.Parameters.Add(new NpgsqlParameter { Value = DistrictA });
            attach.Parameters.Add(new NpgsqlParameter { Value = SchoolB1 });
            (await Should.ThrowAsync<PostgresException>(() => attach.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        }
        var (c2, tx2) = await RawScoped("district", DistrictA);
        await using (c2)
        {
            // A row whose tenant is one of the district's schools is visible to the district, but its parent is not the district.
            await using var nested = new NpgsqlCommand(
                "INSERT INTO registry.schools VALUES ($1, gen_random_uuid(), $1, 'Вложенная', 'Вложенная', 'school', 'Europe/Moscow', NULL, NULL, 1)", c2, tx2);
            nested.Parameters.Add(new NpgsqlParameter { Value = SchoolA1 });
            (await Should.ThrowAsync<PostgresException>(() => nested.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        var (c3, tx3) = await RawScoped("district", DistrictA);
        await using (c3)
        {
            await using var own = new NpgsqlCommand(
                "INSERT INTO registry.schools VALUES ($1, gen_random_uuid(), $1, 'Новая', 'Новая', 'school', 'Europe/Moscow', NULL, NULL, 1)", c3, tx3);
            own.Parameters.Add(new NpgsqlParameter { Value = DistrictA });
            (await own.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        (await Db.OwnerScalarAsync<long>("SELECT count(*) FROM registry.schools WHERE id = $1", SchoolB1)).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_platform_registers_a_region_and_a_district_goes_under_its_own_region_only()
    {
        var (c, tx) = await RawScoped("region", Region);
        await using (c)
        {
            await using var region = new NpgsqlCommand(
                "INSERT INTO registry.regions VALUES ($1, $1, '12', 'Марий Эл', 'ИРО', 'Europe/Moscow', 1)", c, tx);
            region.Parameters.Add(new NpgsqlParameter { Value = Region });
            (await Should.ThrowAsync<PostgresException>(() => region.ExecuteNonQueryAsync())).SqlState.ShouldBeOneOf(
                PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.UniqueViolation);
        }
        var (c2, tx2) = await RawScoped("region", Region);
        await using (c2)
        {
            await using var district = new NpgsqlCommand(
                "INSERT INTO registry.districts VALUES ($1, gen_random_uuid(), $1, 'Район', 'Район', 'Europe/Moscow', 1)", c2, tx2);
            district.Parameters.Add(new NpgsqlParameter { Value = Region });
            (await district.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var (c3, tx3) = await RawScoped("district", DistrictA);
        await using (c3)
        {
            // The district is its own tenant in its scope; a district row under it names it as its region.
            await using var district = new NpgsqlCommand(
                "INSERT INTO registry.districts VALUES ($1, gen_random_uuid(), $1, 'Район', 'Район', 'Europe/Moscow', 1)", c3, tx3);
            district.Parameters.Add(new NpgsqlParameter { Value = DistrictA });
            (await Should.ThrowAsync<PostgresException>(() => district.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
    }
}
