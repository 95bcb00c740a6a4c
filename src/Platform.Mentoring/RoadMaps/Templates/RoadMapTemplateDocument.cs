namespace Platform.Mentoring.RoadMaps.Templates;

// A model road map published by a district for its schools (one stream per template, tenant = the district).
public sealed record RoadMapTemplatePublished(Guid TemplateId, string Title, string Publisher, string Source, int BaseYear, int Years,
    IReadOnlyList<StageDraft> Stages, DateTimeOffset PublishedAt);
public sealed record RoadMapTemplateWithdrawn(Guid TemplateId, DateTimeOffset WithdrawnAt);

public sealed record RoadMapTemplateDocument(Guid Id, RoadMapTemplate Template, bool Withdrawn)
{
    public static RoadMapTemplateDocument Create(RoadMapTemplatePublished e) =>
        new(e.TemplateId, new RoadMapTemplate(e.TemplateId.ToString(), e.Title, e.Publisher, e.Source, e.BaseYear, e.Years, e.Stages), false);

    public RoadMapTemplateDocument Apply(RoadMapTemplateWithdrawn _) => this with { Withdrawn = true };
}

public sealed record PublishRoadMapTemplate(string? Title, string? Source, int? BaseYear, int? Years, IReadOnlyList<StageDraft>? Stages);

public static class RoadMapTemplateCommands
{
    public static RoadMapTemplatePublished Publish(Guid id, string publisher, PublishRoadMapTemplate c, DateTimeOffset now)
    {
        // The content is checked exactly as a road map made from it would be.
        RoadMapCommands.Create(id, new CreateRoadMap(c.Title, c.BaseYear, c.Years, null, c.Stages), now, Guid.NewGuid);
        new Validation().Require(c.Stages is { Count: > 0 }, "stages", "В примерной дорожной карте должен быть хотя бы один этап.").ThrowIfInvalid();
        return new RoadMapTemplatePublished(id, c.Title!.Trim(), publisher, c.Source?.Trim() ?? "", c.BaseYear!.Value, c.Years!.Value, c.Stages!, now);
    }
}
