using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Publication;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Mentoring.Publication;

/// <summary>The decisions of the public section: what a publication carries (only what the public sees) and what is refused.</summary>
public sealed class PublicationDecisionTests
{
    private static readonly Guid School = Guid.NewGuid();
    private static readonly DateOnly Today = new(2025, 12, 10);

    private static LocalAct Act() => LocalAct.Create(new LocalActRegistered(Guid.NewGuid(), LocalActKind.Regulation, "45-од", new(2022, 5, 16),
        "Об утверждении положения о системе наставничества", "внутреннее примечание"))
        .Apply(new LocalActAttachmentAdded(Guid.NewGuid(), "Положение.pdf", "application/pdf", 1234, "abc"));

    private static MentoringProgram Program() => MentoringProgram.Create(new ProgramCreated(Guid.NewGuid(), Guid.NewGuid(),
        new ProgramContent("Трудности с дисциплиной у Иванова И. И.", "Цель программы", ["Задача"], "teacher_teacher", MentoringKind.Traditional, "Результаты", null, null),
        new(2025, 9, 1), new(2026, 5, 31), DateTimeOffset.UtcNow));

    [Fact]
    public void A_published_act_carries_its_public_fields_and_files_and_is_refused_twice_or_repealed()
    {
        var act = Act();
        var section = PublicSection.Empty(School);
        var published = PublicationCommands.PublishLocalAct(section, act);
        (published.KindName, published.Number, published.Title).ShouldBe(("Положение о системе наставничества", "45-од", act.Title));
        published.Files.Single().FileName.ShouldBe("Положение.pdf");
        Rule(() => PublicationCommands.PublishLocalAct(section.Apply(published), act)).ShouldBe("Акт от 16.05.2022 № 45-од уже опубликован.");
        Rule(() => PublicationCommands.PublishLocalAct(section, act.Apply(new LocalActRepealed(Today, "утратил силу"))))
            .ShouldBe("Акт от 16.05.2022 № 45-од отменён: отменённые акты не публикуются.");
        Rule(() => PublicationCommands.UnpublishLocalAct(section, act.Id)).ShouldBe("Этот акт не опубликован.");
        PublicationCommands.UnpublishLocalAct(section.Apply(published), act.Id).LocalActId.ShouldBe(act.Id);
    }

    [Fact]
    public void A_program_summary_has_no_name_unless_one_is_given_with_consent()
    {
        var program = Program();
        var summary = PublicationCommands.PublishProgram(program, new PublishProgramSummary(" Адаптация ", " Цель для сайта ", " ", false));
        (summary.Title, summary.Goal, summary.PublishedName, summary.FormName, summary.KindName).ShouldBe(
            ("Адаптация", "Цель для сайта", null, "Педагог – педагог", "Традиционное наставничество («один на один»)"));
        (summary.StartOn, summary.EndOn).ShouldBe((program.StartOn, program.EndOn));

        var errors = Invalid(() => PublicationCommands.PublishProgram(program, new PublishProgramSummary("", new string('ц', 1001), "Иванова Анна", false)));
        errors["title"].ShouldBe(["Укажите название программы для публикации."]);
        errors["goal"].ShouldBe(["Поле «цель программы» длиннее 1000 символов."]);
        errors["nameConsent"][0].ShouldStartWith("Имя публикуется только с согласия участников");
        PublicationCommands.PublishProgram(program, new PublishProgramSummary("Т", "Ц", "Иванова Анна", true)).PublishedName.ShouldBe("Иванова Анна");
    }

    [Fact]
    public void News_has_limits_a_date_not_ahead_and_an_edit_that_changes_nothing_is_no_event()
    {
        var errors = Invalid(() => PublicationCommands.PostNews(Guid.NewGuid(), new WriteNews(new string('з', 201), Today.AddDays(1), ""), Today));
        errors["title"].ShouldBe(["Поле «заголовок новости» длиннее 200 символов."]);
        errors["date"].ShouldBe(["Дата новости не может быть в будущем."]);
        errors["text"].ShouldBe(["Укажите текст новости."]);

        var posted = PublicationCommands.PostNews(Guid.NewGuid(), new WriteNews("Заголовок", Today, "Текст"), Today);
        var section = PublicSection.Empty(School).Apply(posted);
        PublicationCommands.EditNews(section, posted.NewsId, new WriteNews(" Заголовок ", Today, "Текст "), Today).ShouldBeEmpty();
        PublicationCommands.EditNews(section, posted.NewsId, new WriteNews("Новый", Today, "Текст"), Today).Single().ShouldBeOfType<NewsEdited>();
        NotFound(() => PublicationCommands.EditNews(section, Guid.NewGuid(), new WriteNews("Т", Today, "Т"), Today)).ShouldBe("Новость не найдена.");

        Rule(() => PublicationCommands.RepublishNews(section, posted.NewsId)).ShouldBe("Новость уже опубликована.");
        section = section.Apply(PublicationCommands.UnpublishNews(section, posted.NewsId));
        section.News[posted.NewsId].Published.ShouldBeFalse();
        Rule(() => PublicationCommands.UnpublishNews(section, posted.NewsId)).ShouldBe("Новость уже снята с публикации.");
        PublicationCommands.RepublishNews(section, posted.NewsId).NewsId.ShouldBe(posted.NewsId);
    }

    [Fact]
    public void The_section_stream_of_an_owner_is_stable_and_differs_by_owner()
    {
        PublicSection.StreamId(School).ShouldBe(PublicSection.StreamId(School));
        PublicSection.StreamId(School).ShouldNotBe(PublicSection.StreamId(Guid.NewGuid()));
        PublicSection.StreamId(School).ShouldNotBe(School);
    }
}
