using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Web.Schools.Appointments;
using Platform.Web.Schools.Coverage;
using Platform.Web.Schools.LocalActs;
using Platform.Web.Schools.Mentorships;
using Platform.Web.Schools.Monitoring;
using Platform.Web.Schools.Overview;
using Platform.Web.Schools.People;
using Platform.Web.Schools.Pools;
using Platform.Web.Schools.Programs;
using Platform.Web.Schools.Publication;
using Platform.Web.Schools.Questionnaires;
using Platform.Web.Schools.Recognition;
using Platform.Web.Schools.RoadMaps;
using Platform.Web.Schools.Surveys;

namespace Platform.Web.Schools;

/// <summary>The school's pages, under the same <c>{schoolId}</c> route value as its API: the scope resolves the same way.</summary>
public static class SchoolPages
{
    public static IEndpointRouteBuilder MapSchoolPages(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/schools/{schoolId:guid}").ExcludeFromDescription();
        school.MapOverview();
        school.MapLocalActPages();
        school.MapRoadMapPages();
        school.MapPeoplePages();
        school.MapMentorPoolPages();
        school.MapMenteePoolPages();
        school.MapQuestionnairePages();
        school.MapMentorshipPages();
        school.MapProgramPages();
        school.MapMonitoringPages();
        school.MapSurveyPages();
        school.MapAppointmentPages();
        school.MapCoveragePages();
        school.MapBestPracticePages();
        school.MapContestPages();
        school.MapAwardPages();
        school.MapSchoolPublicationPages();
        return app;
    }
}
