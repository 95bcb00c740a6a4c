using Platform.Mentoring.LocalActs;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.DistrictActs;

/// <summary>One act of the district as it is (or was, with asOf) — the API's item and the list's row.</summary>
public sealed record DistrictActView(
    Guid Id, Guid DistrictId, DistrictActKind Kind, string KindName, string Number, DateOnly Date, string Title, string? Note, string Citation,
    bool Repealed, DateOnly? RepealedOn, string? RepealReason, long Version)
{
    public static DistrictActView From(Guid districtId, DistrictAct a, long version) => new(
        a.Id, districtId, a.Kind, a.Kind.Russian(), a.Number, a.Date, a.Title, a.Note, a.Citation, a.IsRepealed, a.RepealedOn, a.RepealReason, version);
}

/// <summary>The district's acts from mentoring.district_acts, newest first: the district's page and its schools' overview read it.</summary>
public static class DistrictActList
{
    public static async Task<IReadOnlyList<DistrictActView>> QueryAsync(DocumentSession session, Guid districtId, bool includeRepealed, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT id, tenant_id, kind, number, date, title, note, repealed_on, repeal_reason, version
              FROM mentoring.district_acts
             WHERE tenant_id = $1 AND ($2 OR repealed_on IS NULL)
             ORDER BY date DESC, registered_at DESC, id
             LIMIT 500
            """, Read, ct, districtId, includeRepealed);

    private static DistrictActView Read(NpgsqlDataReader r)
    {
        var kind = DistrictActKinds.Parse(r.GetString(2));
        var number = r.GetString(3);
        var date = r.GetFieldValue<DateOnly>(4);
        var repealedOn = r.IsDBNull(7) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(7);
        return new DistrictActView(r.GetGuid(0), r.GetGuid(1), kind, kind.Russian(), number, date, r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
            OrderNumber.Citation(number, date), repealedOn is not null, repealedOn, r.IsDBNull(8) ? null : r.GetString(8), r.GetInt64(9));
    }

    /// <summary>A second registration of one order (same number and date) in the district is refused: the API's and the page's rule.</summary>
    public static async Task RefuseDuplicateAsync(DocumentSession session, Guid districtId, Guid? except, string number, DateOnly date, CancellationToken ct)
    {
        var taken = await session.QueryAsync("""
            SELECT 1 FROM mentoring.district_acts
             WHERE tenant_id = $1 AND lower(number) = lower($2) AND date = $3 AND ($4::uuid IS NULL OR id <> $4)
             LIMIT 1
            """, r => r.GetInt32(0), ct, districtId, number, date, except);
        if (taken.Count > 0) throw new DomainRuleException($"Приказ {OrderNumber.Citation(number, date)} уже зарегистрирован в районе.");
    }
}

/// <summary>mentoring.district_acts: the district's acts, read by the district and by its schools.</summary>
public sealed class DistrictActProjection : IInlineProjection
{
    public string Name => "district_acts";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(DistrictActRegistered), typeof(DistrictActChanged), typeof(DistrictActRepealed) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DistrictActRegistered r:
                    context.Queue("""
                        INSERT INTO mentoring.district_acts (tenant_id, id, kind, number, date, title, note, registered_at, registered_by, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10)
                        """, e.TenantId, r.DistrictActId, r.Kind.Code(), r.Number, r.Date, r.Title, r.Note, e.Timestamp, e.UserName, e.Version);
                    break;
                case DistrictActChanged c:
                    context.Queue("""
                        UPDATE mentoring.district_acts SET kind = $3, number = $4, date = $5, title = $6, note = $7, updated_at = $8, version = $9
                         WHERE tenant_id = $1 AND id = $2
                        """, e.TenantId, e.StreamId, c.Kind.Code(), c.Number, c.Date, c.Title, c.Note, e.Timestamp, e.Version);
                    break;
                case DistrictActRepealed r:
                    context.Queue("""
                        UPDATE mentoring.district_acts SET repealed_on = $3, repeal_reason = $4, updated_at = $5, version = $6 WHERE tenant_id = $1 AND id = $2
                        """, e.TenantId, e.StreamId, r.RepealedOn, r.Reason, e.Timestamp, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.district_acts WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
