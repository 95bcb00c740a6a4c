using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;

namespace Platform.Mentoring;

/// <summary>The school workspace: its aggregates, projections and endpoints.</summary>
public static class MentoringModule
{
    public static DocumentStoreOptions AddMentoring(this DocumentStoreOptions options) => options
        // road maps
        .Aggregate<RoadMap>()
        .Aggregate<RoadMapTemplateDocument>("road_map_template")
        .Project(new RoadMapProjection())
        .Project(new RoadMapTemplateProjection());
        // local acts and appointments: below

    public static IServiceCollection AddMentoringServices(this IServiceCollection services) => services
        .AddScoped<RoadMapDecision>();

    public static IEndpointRouteBuilder MapMentoring(this IEndpointRouteBuilder app)
    {
        app.MapRoadMaps();
        app.MapRoadMapTemplates();
        // local acts and appointments: below
        return app;
    }
}
