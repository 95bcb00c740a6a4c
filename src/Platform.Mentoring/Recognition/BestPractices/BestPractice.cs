using Platform.EventStore.PersonalData;

namespace Platform.Mentoring.Recognition.BestPractices;

// A best practice (лучшая практика, кейс for the «методическая копилка»; DOMAIN: BestPractice) published by the school from
// one completed program, with every participant's written consent to the publication (a minor's by the legal guardian).
// The district collects its schools' practices and may nominate one to the region. One stream per practice; tenant = the school.

/// <summary>The program as it was when it became a practice: what the public page and the district show of it.</summary>
public sealed record ProgramSummary(string Form, string Kind, string Problem, string Goal, DateOnly StartOn, DateOnly CompletedOn,
    int? EvaluationTotal, string? EvaluationLevel);

/// <param name="Role">mentor or mentee.</param>
/// <param name="GuardianName">Who signed for a minor: the legal guardian (законный представитель).</param>
/// <param name="NamePublished">The participant agreed to be named in the publication; otherwise the practice shows only the role.</param>
public sealed record PublicationConsent(Guid PersonId, [Personal] string FullName, string Role, DateOnly SignedOn, [Personal] string? GuardianName,
    bool NamePublished) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}

public sealed record BestPracticePublished(Guid BestPracticeId, Guid ProgramId, string Title, string Description, string Results, ProgramSummary Program,
    PublicationConsent[] Consents, DateTimeOffset PublishedAt);
public sealed record BestPracticeMaterialAdded(Guid FileId, string FileName, string ContentType, long Size, string Sha256);
public sealed record BestPracticeMaterialRemoved(Guid FileId, string FileName);
/// <summary>The district curator nominates the practice to the region (with a note for the regional institute).</summary>
public sealed record BestPracticeNominated(Guid DistrictId, DateOnly NominatedOn, string? Note);

public sealed record Material(Guid Id, string FileName, string ContentType, long Size, string Sha256);

public sealed record BestPractice(
    Guid Id, Guid ProgramId, string Title, string Description, string Results, ProgramSummary Program, IReadOnlyList<PublicationConsent> Consents,
    IReadOnlyList<Material> Materials, DateTimeOffset PublishedAt, DateOnly? NominatedOn, string? NominationNote)
{
    public bool Nominated => NominatedOn is not null;

    public static BestPractice Create(BestPracticePublished e) =>
        new(e.BestPracticeId, e.ProgramId, e.Title, e.Description, e.Results, e.Program, e.Consents, [], e.PublishedAt, null, null);

    public BestPractice Apply(BestPracticeMaterialAdded e) =>
        this with { Materials = [.. Materials, new Material(e.FileId, e.FileName, e.ContentType, e.Size, e.Sha256)] };
    public BestPractice Apply(BestPracticeMaterialRemoved e) => this with { Materials = Materials.Where(m => m.Id != e.FileId).ToList() };
    public BestPractice Apply(BestPracticeNominated e) => this with { NominatedOn = e.NominatedOn, NominationNote = e.Note };

    public Material? FindMaterial(Guid fileId) => Materials.FirstOrDefault(m => m.Id == fileId);
}
