using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Tenancy;

public static class TenancyModule
{
    /// <summary>Registers the registry's aggregates and projection with the store.</summary>
    public static DocumentStoreOptions AddTenancy(this DocumentStoreOptions options) => options
        .Aggregate<Region>()
        .Aggregate<District>()
        .Aggregate<School>()
        .Project(new RegistryProjection());
}
