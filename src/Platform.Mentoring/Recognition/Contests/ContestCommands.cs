using Platform.Mentoring.Programs;
using Platform.Mentoring.Recognition.BestPractices;

namespace Platform.Mentoring.Recognition.Contests;

/// <param name="Title">Required for an own nomination; for the others the nomination's name when left out.</param>
public sealed record OpenContest(Nomination? Nomination, string? Title, DateOnly? From, DateOnly? To, string? Description = null);
public sealed record AddJuror(Guid? AccountId);
public sealed record NominateCandidate(Guid? SchoolId, Guid? ProgramId, string? Note = null);
public sealed record ScoreCandidate(int? Score, string? Comment = null);
public sealed record WinnerDraft(Guid? CandidateId, int? Place);
public sealed record AnnounceWinners(WinnerDraft[]? Winners, DateOnly? AnnouncedOn = null);

/// <summary>An account of the organiser's scope that may sit on the jury.</summary>
public sealed record JuryAccount(Guid Id, string FullName, string UserName, bool Blocked);

/// <summary>The decisions about contests: validate, then return the events.</summary>
public static class ContestCommands
{
    public const int MinScore = 1, MaxScore = 10, MaxJurors = 30, MaxCandidates = 100, MaxPlace = 3;

    public static ContestOpened Open(Guid id, ContestLevel level, Guid organiserId, OpenContest c, DateTimeOffset now)
    {
        var v = new Validation()
            .Require(c.Nomination is not null, "nomination", "Укажите номинацию: mentor_of_year («Наставник года»), best_pair («Лучшая пара»), mentor_plus («Наставник+») или own (своя).")
            .Require(c.Title is null || c.Title.Trim().Length <= 300, "title", "Поле «название конкурса» длиннее 300 символов.")
            .Require(c.From is not null, "from", "Укажите дату начала конкурса.")
            .Require(c.To is not null, "to", "Укажите дату окончания конкурса.")
            .Require(c.From is null || c.To is null || c.To >= c.From, "to", "Окончание конкурса — не раньше его начала.")
            .Require(c.From is null || c.To is null || c.To <= c.From.Value.AddYears(1), "to", "Конкурс длится не больше года.")
            .Require(c.From is null || c.From.Value.Year is >= 2000 and <= 2100, "from", "Дата начала конкурса — с 2000 по 2100 год.")
            .Require(c.Description is null || c.Description.Trim().Length <= 4000, "description", "Поле «описание» длиннее 4000 символов.");
        if (c.Nomination == Nomination.Own) v.Text(c.Title, "title", "название своей номинации", 300);
        v.ThrowIfInvalid();
        var title = string.IsNullOrWhiteSpace(c.Title) ? c.Nomination!.Value.Russian() : c.Title.Trim();
        return new ContestOpened(id, level, organiserId, c.Nomination!.Value, title, c.From!.Value, c.To!.Value,
            string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim(), now);
    }

    /// <param name="account">The account named, if it is one of the organiser's scope.</param>
    public static JurorAdded AddJuror(Contest contest, AddJuror c, JuryAccount? account)
    {
        new Validation()
            .Require(c.AccountId is not null, "accountId", "Укажите учётную запись члена жюри.")
            .Require(c.AccountId is null || account is not null, "accountId", "Такой учётной записи нет у организатора конкурса: в жюри входят его сотрудники.")
            .ThrowIfInvalid();
        RequireOpen(contest);
        if (account!.Blocked) throw new DomainRuleException($"Учётная запись {account.FullName} заблокирована.");
        if (contest.Jury.Any(j => j.AccountId == account.Id)) throw new DomainRuleException($"{account.FullName} уже в жюри.");
        if (contest.Jury.Count >= MaxJurors) throw new DomainRuleException($"В жюри уже {MaxJurors} человек.");
        return new JurorAdded(account.Id, account.FullName);
    }

    /// <param name="program">The program cited, from the candidate's school; null if there is none.</param>
    /// <param name="schoolName">The school's name, null if the school is not within the organiser's scope.</param>
    public static CandidateNominated Nominate(Contest contest, Guid candidateId, NominateCandidate c, string? schoolName, MentoringProgram? program,
        IReadOnlyList<ProgramParticipant> participants)
    {
        new Validation()
            .Require(c.SchoolId is not null, "schoolId", "Укажите организацию кандидата.")
            .Require(c.SchoolId is null || schoolName is not null, "schoolId", "Эта организация не участвует в конкурсе: кандидаты — из организаций организатора.")
            .Require(c.ProgramId is not null, "programId", "Укажите завершённую программу наставничества кандидата.")
            .Require(c.ProgramId is null || schoolName is null || program is not null, "programId", "Такой программы в организации нет.")
            .Require(c.Note is null || c.Note.Trim().Length <= 1000, "note", "Поле «представление» длиннее 1000 символов.")
            .ThrowIfInvalid();
        RequireOpen(contest);
        if (program!.Status != ProgramStatus.Completed)
            throw new DomainRuleException("Программа ещё не завершена: кандидаты выдвигаются по завершённым программам.");
        if (contest.Candidates.Any(x => x.ProgramId == program.Id)) throw new DomainRuleException("Кандидат по этой программе уже выдвинут.");
        if (contest.Candidates.Count >= MaxCandidates) throw new DomainRuleException($"В конкурсе уже {MaxCandidates} кандидатов.");
        var people = contest.Nomination.NominatesPair() ? participants : participants.Where(p => p.Role == "mentor").ToList();
        var last = program.Evaluations.Count > 0 ? program.Evaluations[^1] : null;
        return new CandidateNominated(candidateId, c.SchoolId!.Value, schoolName!, program.Id, people.Select(p => p.PersonId).ToArray(),
            people.Select(p => new NominatedPerson(p.PersonId, p.FullName)).ToArray(), last?.Total, last?.Level.Russian(), string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim());
    }

    public static CandidateScored Score(Contest contest, Guid candidateId, Guid? jurorId, ScoreCandidate c)
    {
        new Validation()
            .Require(c.Score is >= MinScore and <= MaxScore, "score", $"Оценка — целое число от {MinScore} до {MaxScore}.")
            .Require(c.Comment is null || c.Comment.Trim().Length <= 1000, "comment", "Поле «комментарий» длиннее 1000 символов.")
            .ThrowIfInvalid();
        if (contest.Candidates.All(x => x.Id != candidateId)) throw new RecordNotFoundException("Такого кандидата в конкурсе нет.");
        if (jurorId is null || contest.Jury.All(j => j.AccountId != jurorId))
            throw new DomainRuleException("Оценивают только члены жюри этого конкурса.");
        RequireOpen(contest);
        return new CandidateScored(candidateId, jurorId.Value, c.Score!.Value, string.IsNullOrWhiteSpace(c.Comment) ? null : c.Comment.Trim());
    }

    public static WinnersAnnounced Announce(Contest contest, AnnounceWinners c, DateOnly today)
    {
        var winners = c.Winners ?? [];
        var on = c.AnnouncedOn ?? today;
        var v = new Validation()
            .Require(winners.Length > 0, "winners", "Укажите победителей и их места.")
            .Require(on <= today, "announcedOn", "Дата подведения итогов — не позже сегодняшнего дня.")
            .Require(on >= contest.From, "announcedOn", $"Итоги подводятся не раньше начала конкурса ({contest.From:dd.MM.yyyy}).");
        for (var i = 0; i < winners.Length; i++)
            v.Require(winners[i].CandidateId is { } id && contest.Candidates.Any(x => x.Id == id), $"winners[{i}].candidateId", "Такого кандидата в конкурсе нет.")
                .Require(winners[i].Place is >= 1 and <= MaxPlace, $"winners[{i}].place", $"Место — от 1 до {MaxPlace}.");
        v.Require(winners.Where(w => w.CandidateId is not null).GroupBy(w => w.CandidateId).All(g => g.Count() == 1), "winners", "Каждый кандидат — с одним местом.");
        v.ThrowIfInvalid();
        RequireOpen(contest);
        var unscored = winners.Select(w => contest.Candidates.Single(x => x.Id == w.CandidateId)).Where(x => x.Scores.Count == 0).Select(x => x.Names).ToList();
        if (unscored.Count > 0) throw new DomainRuleException("Жюри ещё не оценило: " + string.Join(", ", unscored) + ". Победители определяются по оценкам жюри.");
        return new WinnersAnnounced(winners.Select(w => new WinnerPlace(w.CandidateId!.Value, w.Place!.Value)).OrderBy(w => w.Place).ToArray(), on);
    }

    private static void RequireOpen(Contest contest)
    {
        if (contest.Announced) throw new DomainRuleException($"Итоги конкурса подведены {contest.AnnouncedOn:dd.MM.yyyy}: изменения не принимаются.");
    }
}
