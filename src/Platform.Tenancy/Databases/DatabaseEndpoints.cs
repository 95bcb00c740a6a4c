using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Domain;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Tenancy.Access;
using Platform.Tenancy.Resolution;

namespace Platform.Tenancy.Databases;

public sealed record RegionInDatabase(Guid Id, string Code, string Name);

/// <param name="LastEventSequence">The event store's sequence: how many events the database has ever stored.</param>
public sealed record DatabaseCard(string Id, string DatabaseName, string? Host, int? Port, IReadOnlyList<RegionInDatabase> Regions,
    int Districts, int Schools, long LastEventSequence, long SizeBytes);

/// <summary>A region's database to connect: its id in the catalog, its name, and its server when not the home one's.</summary>
public sealed record AddDatabase(string? Id, string? DatabaseName, string? Host, int? Port);

/// <summary>
/// The platform's databases (the platform administrator's work): the home database and the regions' own, each with its
/// regions, districts, schools, events and size, read from that database; and a region's database connected at run time
/// (created on the server when missing, migrated, listed in the catalog), after which a new region may be placed in it.
/// </summary>
public static partial class DatabaseEndpoints
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_]{1,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]{1,253}$")]
    private static partial Regex HostPattern();

    public static IEndpointRouteBuilder MapDatabases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/platform/databases").WithTags("Базы данных").RequireAuthorization(Policies.Platform);
        group.MapGet("", List).WithSummary("Базы данных платформы: домашняя и базы регионов, с регионами, районами, школами, событиями и размером каждой");
        group.MapPost("", Add).WithSummary("Подключить базу данных региона: создаётся на сервере, если её нет, и получает схему платформы");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DatabaseCard>>> List(DocumentStore store, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(store, ct));

    /// <summary>Every database with what it holds, each read from the database itself. Shared by the API and the web page.</summary>
    public static async Task<IReadOnlyList<DatabaseCard>> ListAsync(DocumentStore store, CancellationToken ct)
    {
        var cards = new List<DatabaseCard>();
        foreach (var database in await store.Databases.ListAsync(ct))
            cards.Add(await DescribeAsync(store, database, ct));
        return cards;
    }

    private static async Task<DatabaseCard> DescribeAsync(DocumentStore store, TenantDatabase database, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform, database: database.Id);
        // The home database keeps a copy of every region's registry: its own regions are the ones placed nowhere else.
        return (await session.QueryAsync("""
            WITH own AS (SELECT id, code, name FROM registry.regions WHERE NOT $1 OR tenancy.database_of(id) IS NULL)
            SELECT (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name) ORDER BY code), '[]')::text FROM own),
                   (SELECT count(*)::int FROM registry.districts WHERE region_id IN (SELECT id FROM own)),
                   (SELECT count(*)::int FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id WHERE d.region_id IN (SELECT id FROM own)),
                   (SELECT coalesce(max(seq_id), 0) FROM es.mt_events),
                   pg_database_size(current_database())
            """, r => new DatabaseCard(database.Id, database.DatabaseName, database.Host, database.Port,
                JsonSerializer.Deserialize<List<RegionInDatabase>>(r.GetString(0), JsonSerializerOptions.Web)!,
                r.GetInt32(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4)), ct, database.Id == TenantDatabases.Home)).Single();
    }

    private static async Task<Created<DatabaseCard>> Add(AddDatabase command, DocumentStore store, DatabaseMigrations migrations, CancellationToken ct)
    {
        var card = await AddAsync(command, store, migrations, ct);
        return TypedResults.Created($"/api/platform/databases/{card.Id}", card);
    }

    /// <summary>Connects a region's database: validated, created when missing, migrated, then listed. Shared by the API and the web page.</summary>
    public static async Task<DatabaseCard> AddAsync(AddDatabase command, DocumentStore store, DatabaseMigrations migrations, CancellationToken ct)
    {
        var known = await store.Databases.ListAsync(ct);
        var id = command.Id?.Trim();
        var name = command.DatabaseName?.Trim();
        var host = string.IsNullOrWhiteSpace(command.Host) ? null : command.Host.Trim();
        new Validation()
            .Require(id is not null && IdPattern().IsMatch(id) && id != TenantDatabases.Home, "id",
                "Код базы — до 40 строчных латинских букв, цифр, «-» и «_», например komi или region-11 (home занят домашней базой).")
            .Require(id is null || known.All(d => d.Id != id), "id", $"База с кодом «{id}» уже подключена.")
            .Require(name is not null && NamePattern().IsMatch(name), "databaseName", "Имя базы данных PostgreSQL — до 63 латинских букв, цифр и «_».")
            .Require(name is null || known.All(d => !(d.DatabaseName == name && d.Host == host && d.Port == command.Port)), "databaseName",
                "Эта база данных уже подключена к платформе.")
            .Require(host is null || HostPattern().IsMatch(host), "host", "Адрес сервера — имя или IP-адрес, без схемы и порта.")
            .Require(command.Port is null or (>= 1 and <= 65535), "port", "Порт — число от 1 до 65535.")
            .ThrowIfInvalid();
        var database = new TenantDatabase(id!, name!, host, command.Port);
        try
        {
            await migrations.MigrateAsync(database, ct);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new DomainRuleException($"Не удалось подключиться к базе данных «{name}» или подготовить её: {e.Message}");
        }
        await store.Databases.AddAsync(database, ct);
        return await DescribeAsync(store, database, ct);
    }
}
