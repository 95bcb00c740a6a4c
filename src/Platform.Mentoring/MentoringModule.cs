using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Mentoring.Documents.Templates;
using Platform.Mentoring.Import;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Publication;
using Platform.Mentoring.Questionnaires;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Mentoring.Recognition.Contests;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;

namespace Platform.Mentoring;

/// <summary>The school workspace: its aggregates, projections and endpoints.</summary>
public static class MentoringModule
{
    public static DocumentStoreOptions AddMentoring(this DocumentStoreOptions options) => options
        // road maps
        .Snapshot<RoadMap>()
        .Aggregate<RoadMapTemplateDocument>()
        .Project(new RoadMapProjection())
        .Project(new RoadMapTemplateProjection())
        // coverage
        .Aggregate<CoverageTargets>()
        .Aggregate<SchoolYearTotals>()
        .Project(new CoverageProjection())
        // people and pools
        .Aggregate<Person>()
        .Aggregate<Questionnaire>()
        .Project(new PeopleProjection())
        .Project(new QuestionnaireProjection())
        // local acts and appointments: below
        .Aggregate<LocalAct>()
        .Aggregate<Appointment>()
        .Project(new LocalActProjection())
        .Project(new AppointmentProjection())
        // mentorships and programs
        .Aggregate<Mentorship>()
        .Snapshot<MentoringProgram>()
        .Project(new MentorshipProjection())
        .Project(new ProgramProjection())
        .Project(new PlanRowProjection())
        // the district's acts and deadlines
        .Aggregate<DistrictAct>()
        .Aggregate<DistrictDeadline>()
        .Aggregate<DistrictDeadlineMarks>()
        .Project(new DistrictActProjection())
        .Project(new DistrictDeadlineProjection())
        // the districts' own templates of documents
        .Aggregate<DistrictTemplate>()
        .Project(new DocumentTemplateProjection())
        // recognition: best practices and contests
        .Aggregate<BestPractice>()
        .Aggregate<Contest>()
        .Project(new BestPracticeProjection())
        .Project(new ContestProjection())
        .Project(new PublicRecognitionProjection()) // after the contest's: it copies the winners just placed
        // the public section of schools and districts
        .Aggregate<PublicSection>()
        .Project(new PublicationProjection());

    public static IServiceCollection AddMentoringServices(this IServiceCollection services) => services
        .AddScoped<RoadMapDecision>()
        // people and pools
        .AddScoped<PersonDecision>()
        // mentorships and programs
        .AddScoped<MentorshipDecision>()
        .AddScoped<ProgramDecision>()
        .AddSingleton<Platform.Operations.IOperationHandler, Import.PeopleImportOperation>();

    public static IEndpointRouteBuilder MapMentoring(this IEndpointRouteBuilder app)
    {
        app.MapRoadMaps();
        app.MapRoadMapTemplates();
        app.MapCoverage();
        // people and pools
        app.MapPeople();
        app.MapPeopleExport();
        app.MapPools();
        app.MapQuestionnaires();
        // import
        app.MapPeopleImport();
        // local acts and appointments: below
        app.MapLocalActs();
        app.MapAppointments();
        app.MapChecklist();
        // mentorships and programs
        app.MapMentorships();
        app.MapPrograms();
        app.MapMonitoring();
        // the district's acts and deadlines
        app.MapDistrictActs();
        app.MapDistrictDeadlines();
        app.MapDocumentTemplates();
        // recognition
        app.MapBestPractices();
        app.MapContests();
        // the public section
        app.MapPublication();
        return app;
    }
}
