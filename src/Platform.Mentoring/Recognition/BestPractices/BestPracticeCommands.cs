using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;

namespace Platform.Mentoring.Recognition.BestPractices;

/// <param name="GuardianName">For a minor: the legal guardian who signed.</param>
/// <param name="PublishName">Whether the participant agreed to be named (true when left out).</param>
public sealed record ConsentDraft(Guid? PersonId, DateOnly? SignedOn, string? GuardianName = null, bool? PublishName = null);

public sealed record PublishBestPractice(Guid? ProgramId, string? Title, string? Description, string? Results, ConsentDraft[]? Consents = null);

public sealed record NominateBestPractice(string? Note);

/// <summary>A participant of the program (the pair's mentor or a mentee), as the publication's consent needs them.</summary>
public sealed record ProgramParticipant(Guid PersonId, string FullName, string Role, bool Minor);

/// <summary>The decisions about best practices: validate, then return the events.</summary>
public static class BestPracticeCommands
{
    public const int MaxMaterials = 10;

    /// <param name="program">The school's program cited, null if there is none with that id.</param>
    /// <param name="participants">The program's pair: mentor first, then the mentees.</param>
    /// <param name="publishedAlready">The program is a practice already.</param>
    public static BestPracticePublished Publish(Guid id, PublishBestPractice c, MentoringProgram? program, IReadOnlyList<ProgramParticipant> participants,
        bool publishedAlready, DateOnly today, DateTimeOffset now)
    {
        var consents = c.Consents ?? [];
        var v = new Validation()
            .Require(c.ProgramId is not null, "programId", "Укажите завершённую программу наставничества (programId).")
            .Require(c.ProgramId is null || program is not null, "programId", "Такой программы нет в организации.")
            .Text(c.Title, "title", "название практики", 300)
            .Text(c.Description, "description", "описание кейса", 8000)
            .Text(c.Results, "results", "результаты", 4000)
            .Require(consents.Length <= 50, "consents", "Не больше 50 согласий.")
            .Require(consents.All(d => d is not null), "consents", "Каждое согласие — объект с полями personId и signedOn, не null.");
        for (var i = 0; i < consents.Length && i < 50; i++)
        {
            if (consents[i] is not { } d) continue;
            var who = participants.FirstOrDefault(p => p.PersonId == d.PersonId);
            v.Require(d.PersonId is not null && (program is null || who is not null), $"consents[{i}].personId", "Согласие даёт участник этой программы: наставник или наставляемый.")
                .Require(d.SignedOn is not null, $"consents[{i}].signedOn", "Укажите дату письменного согласия на публикацию.")
                .Require(d.SignedOn is null || d.SignedOn <= today, $"consents[{i}].signedOn", "Дата согласия — не позже сегодняшнего дня.")
                .Require(d.GuardianName is null || d.GuardianName.Trim().Length <= 200, $"consents[{i}].guardianName", "Поле «законный представитель» длиннее 200 символов.");
            if (who is { Minor: true })
                v.Require(!string.IsNullOrWhiteSpace(d.GuardianName), $"consents[{i}].guardianName",
                    $"{who.FullName} — несовершеннолетний: согласие даёт законный представитель, укажите его ФИО.");
        }
        v.Require(consents.Where(d => d?.PersonId is not null).GroupBy(d => d.PersonId).All(g => g.Count() == 1), "consents", "Согласие каждого участника — один раз.");
        v.ThrowIfInvalid();
        var p = program!;
        if (p.Status != ProgramStatus.Completed)
            throw new DomainRuleException("Программа ещё не завершена: лучшей практикой публикуется только завершённая программа.");
        if (publishedAlready) throw new DomainRuleException("Эта программа уже опубликована как лучшая практика.");
        var missing = participants.Where(x => consents.All(d => d.PersonId != x.PersonId)).Select(x => x.FullName).ToList();
        if (missing.Count > 0)
            throw new DomainRuleException("Нет письменного согласия на публикацию: " + string.Join(", ", missing) + ". Без согласия каждого участника практика не публикуется.");

        var last = p.Evaluations.Count > 0 ? p.Evaluations[^1] : null;
        var summary = new ProgramSummary(MentoringForms.Names.GetValueOrDefault(p.Content.Form, p.Content.Form), p.Content.Kind.Russian(),
            p.Content.Problem, p.Content.Goal, p.StartOn, p.CompletedOn!.Value, last?.Total, last?.Level.Russian());
        var recorded = participants.Select(x =>
        {
            var d = consents.Single(d => d.PersonId == x.PersonId);
            return new PublicationConsent(x.PersonId, x.FullName, x.Role, d.SignedOn!.Value, Clean(d.GuardianName), d.PublishName ?? true);
        }).ToArray();
        return new BestPracticePublished(id, p.Id, Clean(c.Title)!, c.Description!.Trim(), c.Results!.Trim(), summary, recorded, now);
    }

    public static BestPracticeMaterialAdded AddMaterial(BestPractice practice, Guid fileId, AcceptedFile file)
    {
        if (practice.Materials.FirstOrDefault(m => m.Sha256 == file.Sha256) is { } same)
            throw new DomainRuleException($"Этот файл уже приложен к практике (под именем «{same.FileName}»).");
        if (practice.Materials.Count >= MaxMaterials)
            throw new DomainRuleException($"К практике приложено {MaxMaterials} файлов: удалите лишние, прежде чем добавлять новые.");
        return new BestPracticeMaterialAdded(fileId, file.FileName, file.ContentType, file.Size, file.Sha256);
    }

    public static BestPracticeMaterialRemoved RemoveMaterial(BestPractice practice, Guid fileId) =>
        practice.FindMaterial(fileId) is { } file
            ? new BestPracticeMaterialRemoved(file.Id, file.FileName)
            : throw new RecordNotFoundException("Такого файла у практики нет.");

    public static BestPracticeNominated Nominate(BestPractice practice, Guid districtId, NominateBestPractice c, DateOnly today)
    {
        new Validation()
            .Require(c.Note is null || c.Note.Trim().Length <= 1000, "note", "Поле «примечание для региона» длиннее 1000 символов.")
            .ThrowIfInvalid();
        if (practice.Nominated) throw new DomainRuleException($"Практика уже выдвинута в регион ({practice.NominatedOn:dd.MM.yyyy}).");
        return new BestPracticeNominated(districtId, today, Clean(c.Note));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
