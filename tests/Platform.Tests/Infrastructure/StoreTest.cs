using Platform.EventStore;
using Platform.Tests.EventStore;

namespace Platform.Tests.Infrastructure;

/// <summary>A store on its own database with the test registry (one region, two districts, three schools).</summary>
public abstract class StoreTest : IAsyncLifetime
{
    protected PostgresDatabase Db { get; } = new();
    protected DocumentStore Store { get; private set; } = null!;
    protected virtual TimeProvider Time => TimeProvider.System;

    protected virtual void Configure(DocumentStoreOptions options) => options.Aggregate<Notebook>();

    /// <summary>Schema additions made as the owner before the store opens.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        await TestRegistry.SeedAsync(Db);
        await ArrangeAsync();
        Store = Db.CreateStore(Configure, Time);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Db.DisposeAsync();
    }
}
