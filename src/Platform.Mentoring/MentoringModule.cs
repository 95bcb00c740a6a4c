using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Questionnaires;
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
        .Project(new RoadMapTemplateProjection())
        // people and pools
        .Aggregate<Person>()
        .Aggregate<Questionnaire>()
        .Project(new PeopleProjection())
        .Project(new QuestionnaireProjection())
        // local acts and appointments: below
        .Aggregate<LocalAct>()
        .Aggregate<Appointment>()
        .Project(new LocalActProjection())
        .Project(new AppointmentProjection());

    public static IServiceCollection AddMentoringServices(this IServiceCollection services) => services
        .AddScoped<RoadMapDecision>()
        // people and pools
        .AddScoped<PersonDecision>();

    public static IEndpointRouteBuilder MapMentoring(this IEndpointRouteBuilder app)
    {
        app.MapRoadMaps();
        app.MapRoadMapTemplates();
        // people and pools
        app.MapPeople();
        app.MapPools();
        app.MapQuestionnaires();
        // local acts and appointments: below
        app.MapLocalActs();
        app.MapAppointments();
        app.MapChecklist();
        return app;
    }
}
