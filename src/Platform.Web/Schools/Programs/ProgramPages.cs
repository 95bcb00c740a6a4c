using Microsoft.AspNetCore.Routing;
namespace Platform.Web.Schools.Programs;
public static class ProgramPages
{
    public static RouteGroupBuilder MapProgramPages(this RouteGroupBuilder school) => school;
}
