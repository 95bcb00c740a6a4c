using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Infrastructure.TestRegistry;

namespace Platform.Tests.EventStore;

/// <summary>A read model table of notebook titles, kept inline.</summary>
public sealed class NotebookTitles : IInlineProjection
{
    public const string Table = """
        CREATE TABLE notebook_titles (tenant_id uuid NOT NULL, id uuid NOT NULL, title text NOT NULL, notes int NOT NULL, PRIMARY KEY (tenant_id, id));
        SELECT app.isolate_tenant_table('notebook_titles');
        """;

    public bool FailOnPurpose { get; set; }
    public string Name => "notebook_titles";
    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(NotebookOpened), typeof(NoteAdded), typeof(NotebookRetitled) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            switch (e.Data)
            {
                case NotebookOpened o:
                    context.Queue("INSERT INTO notebook_titles VALUES ($1, $2, $3, 0)", e.TenantId, o.NotebookId, o.Title);
                    break;
                case NoteAdded:
                    context.Queue(FailOnPurpose ? "UPDATE notebook_titles SET notes = 1 / 0" : "UPDATE notebook_titles SET notes = notes + 1 WHERE tenant_id = $1 AND id = $2",
                        FailOnPurpose ? [] : [e.TenantId, e.StreamId]);
                    break;
                case NotebookRetitled r:
                    context.Queue("UPDATE notebook_titles SET title = $3 WHERE tenant_id = $1 AND id = $2", e.TenantId, e.StreamId, r.Title);
                    break;
            }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM notebook_titles WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}

public sealed class ProjectionTests : StoreTest
{
    private readonly NotebookTitles _projection = new();

    protected override void Configure(DocumentStoreOptions options) => options.Aggregate<Notebook>().Project(_projection);
    protected override Task ArrangeAsync() => Db.OwnerExecuteAsync(NotebookTitles.Table);

    private async Task<Guid> Write(Guid school, int notes)
    {
        var id = Guid.NewGuid();
        await using var s = Store.LightweightSession(TenantScope.School(school));
        s.Events.StartStream<Notebook>(id, [new NotebookOpened(id, "Т"), .. Enumerable.Range(0, notes).Select(i => (object)new NoteAdded($"{i}"))]);
        await s.SaveChangesAsync();
        return id;
    }

    private Task<long> Rows(string where = "true") => Db.OwnerScalarAsync<long>($"SELECT count(*) FROM notebook_titles WHERE {where}");

    [Fact]
    public async Task The_read_model_changes_in_the_same_transaction_as_the_events()
    {
        var id = await Write(SchoolA1, 3);
        (await Db.OwnerScalarAsync<int>("SELECT notes FROM notebook_titles WHERE id = $1", id)).ShouldBe(3);

        await using (var s = Store.LightweightSession(TenantScope.School(SchoolA1)))
        {
            s.Events.Append(id, new NotebookRetitled("Новое"));
            await s.FlushAsync();
            (await Db.OwnerScalarAsync<string>("SELECT title FROM notebook_titles WHERE id = $1", id)).ShouldBe("Т", "not visible before commit");
        } // rolled back
        (await Db.OwnerScalarAsync<string>("SELECT title FROM notebook_titles WHERE id = $1", id)).ShouldBe("Т");
    }

    [Fact]
    public async Task A_failing_projection_leaves_no_events_behind()
    {
        var id = await Write(SchoolA1, 0);
        _projection.FailOnPurpose = true;
        try
        {
            await using var s = Store.LightweightSession(TenantScope.School(SchoolA1));
            s.Events.Append(id, new NoteAdded("x"));
            await Should.ThrowAsync<Npgsql.PostgresException>(() => s.SaveChangesAsync());
        }
        finally { _projection.FailOnPurpose = false; }
        (await Db.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Rebuild_for_one_tenant_or_all_restores_the_read_model_and_reports_progress()
    {
        var a = await Write(SchoolA1, 4);
        await Write(SchoolA2, 2);
        await Write(SchoolB1, 1);
        await Db.OwnerExecuteAsync("UPDATE notebook_titles SET title = 'испорчено', notes = -1");
        await Db.OwnerExecuteAsync("INSERT INTO notebook_titles VALUES ($1, gen_random_uuid(), 'лишнее', 0)", SchoolA1);

        var reports = new List<RebuildProgress>();
        var progress = new SyncProgress(reports.Add);
        var rebuilder = new ProjectionRebuilder(Store);

        var one = await rebuilder.RebuildAsync("notebook_titles", SchoolA1, progress);
        one.Total.ShouldBe(5);
        one.Processed.ShouldBe(5);
        reports[0].Processed.ShouldBe(0);
        reports[^1].Percent.ShouldBe(100);
        (await Rows($"tenant_id = '{SchoolA1}'")).ShouldBe(1);
        (await Db.OwnerScalarAsync<int>("SELECT notes FROM notebook_titles WHERE id = $1", a)).ShouldBe(4);
        (await Rows("title = 'испорчено'")).ShouldBe(2, "other tenants are left alone");

        var all = await rebuilder.RebuildAsync("notebook_titles", null, progress);
        all.Processed.ShouldBe(10);
        (await Rows()).ShouldBe(3);
        (await Rows("title = 'испорчено'")).ShouldBe(0);
    }

    private sealed class SyncProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
