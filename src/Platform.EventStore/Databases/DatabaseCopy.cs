namespace Platform.EventStore.Databases;

/// <summary>
/// Rows copied between the platform's databases as JSON (the same migrations give every database the same row types):
/// the home database's copy of a region's registry, a region database's copy of its accounts.
/// </summary>
public static class DatabaseCopy
{
    /// <summary>
    /// Reads <paramref name="query"/> in <paramref name="from"/> and, in one transaction of <paramref name="to"/> (under a lock,
    /// so two nodes copying at once cannot collide), runs the statements of <paramref name="replace"/>: $1 is the rows as a JSON
    /// array, to be read with json_populate_recordset. Both in the platform scope.
    /// </summary>
    public static async Task CopyAsync(DocumentStore store, string from, string query, object?[] args, string to, string[] replace, CancellationToken ct)
    {
        string rows;
        await using (var source = store.LightweightSession(TenantScope.Platform, database: from))
            rows = (await source.QueryAsync($"SELECT coalesce(json_agg(q), '[]')::text FROM ({query}) q", r => r.GetString(0), ct, args)).Single();
        await using var target = store.LightweightSession(TenantScope.Platform, database: to);
        await target.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext($1))", ct, "copy:" + replace[^1]);
        foreach (var statement in replace) await target.ExecuteAsync(statement, ct, rows);
        await target.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A region database's copy of the accounts of its tenants (what identity.accounts declares; never credentials), taken
    /// from the home database, where the accounts live.
    /// </summary>
    public static async Task CopyAccountsAsync(DocumentStore store, string database, CancellationToken ct)
    {
        if (database == TenantDatabases.Home) return;
        Guid[] tenants;
        await using (var region = store.LightweightSession(TenantScope.Platform, database: database))
            tenants = (await region.QueryAsync(
                "SELECT id FROM registry.regions UNION ALL SELECT id FROM registry.districts UNION ALL SELECT id FROM registry.schools",
                r => r.GetGuid(0), ct)).ToArray();
        await CopyAsync(store, TenantDatabases.Home,
            "SELECT tenant_id, id, user_name, full_name, email, roles, blocked FROM identity.accounts WHERE tenant_id = ANY ($1)", [tenants],
            database, [
                "DELETE FROM identity.account_copies WHERE $1::text IS NOT NULL",
                "INSERT INTO identity.account_copies SELECT * FROM json_populate_recordset(NULL::identity.account_copies, $1::json)",
            ], ct);
    }
}
