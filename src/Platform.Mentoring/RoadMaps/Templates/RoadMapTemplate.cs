namespace Platform.Mentoring.RoadMaps.Templates;

/// <summary>
/// A model road map (примерная дорожная карта) a school starts from. Periods are written for the school
/// year starting in <see cref="BaseYear"/>; a road map made from it for another year shifts them.
/// </summary>
public sealed record RoadMapTemplate(string Id, string Title, string Publisher, string Source, int BaseYear, int Years, IReadOnlyList<StageDraft> Stages)
{
    public int ActivityCount => Stages.Sum(s => s.Activities?.Count ?? 0);

    /// <summary>The template's content for a road map starting in <paramref name="firstYear"/>.</summary>
    public IReadOnlyList<StageDraft> StagesFor(int firstYear) => Stages.Select(s => s with
    {
        Activities = (s.Activities ?? []).Select(a => a with { Period = a.Period?.ShiftYears(firstYear - BaseYear) }).ToList(),
    }).ToList();
}

/// <summary>The model road maps shipped with the product, from the seed documents.</summary>
public static class BuiltInTemplates
{
    public static readonly IReadOnlyList<RoadMapTemplate> All = [Seed001Komi.Template, Seed002Gymnasium166.Template, Seed004Cppmsp.Template];

    public static RoadMapTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);
}

/// <summary>
/// The road maps of all five seed documents, each with the demo school it belongs to: the Komi district's own
/// schools use the regional model (seed 001); the others use their own road maps. Seeds 000 and 003 are not
/// built-in templates: they only seed the demo schools (and tests).
/// </summary>
public static class SeedRoadMaps
{
    public static readonly IReadOnlyList<RoadMapTemplate> All =
        [Seed000School411.Template, Seed001Komi.Template, Seed002Gymnasium166.Template, Seed003Elan.Template, Seed004Cppmsp.Template];

    public static readonly IReadOnlyList<(Guid SchoolId, RoadMapTemplate Template)> ForDemo =
    [
        (Guid.Parse("11000000-0000-4000-8000-000000000001"), Seed001Komi.Template),
        (Guid.Parse("11000000-0000-4000-8000-000000000002"), Seed001Komi.Template),
        (Guid.Parse("11000000-0000-4000-8000-000000000166"), Seed002Gymnasium166.Template),
        (Guid.Parse("11000000-0000-4000-8000-000000000030"), Seed004Cppmsp.Template),
        (Guid.Parse("11000000-0000-4000-8000-000000000411"), Seed000School411.Template),
        (Guid.Parse("11000000-0000-4000-8000-000000000063"), Seed003Elan.Template),
    ];
}
