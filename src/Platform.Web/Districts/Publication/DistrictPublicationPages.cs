using Microsoft.AspNetCore.Routing;
using Platform.Web.Schools.Publication;

namespace Platform.Web.Districts.Publication;

/// <summary>The district's «Публичная страница»: its acts and news, with the same pages as a school's (no program summaries).</summary>
public static class DistrictPublicationPages
{
    public static RouteGroupBuilder MapDistrictPublicationPages(this RouteGroupBuilder district) =>
        district.MapPublicationPages(Policies.DistrictRead, Policies.DistrictWrite);
}
