using Platform.Mentoring.Documents.Declension;
using static Platform.Mentoring.Documents.Declension.GrammaticalCase;

namespace Platform.Tests.Decisions;

/// <summary>Full names in the cases orders need, by the Petrovich rules; the gender from the patronymic.</summary>
public sealed class DeclensionTests
{
    [Theory]
    [InlineData("Иванова Мария Петровна", Genitive, "Ивановой Марии Петровны")]
    [InlineData("Иванова Мария Петровна", Dative, "Ивановой Марии Петровне")]
    [InlineData("Иванова Мария Петровна", Accusative, "Иванову Марию Петровну")]
    [InlineData("Иванова Мария Петровна", Instrumental, "Ивановой Марией Петровной")]
    [InlineData("Иванова Мария Петровна", Prepositional, "Ивановой Марии Петровне")]
    [InlineData("Петров Иван Иванович", Genitive, "Петрова Ивана Ивановича")]
    [InlineData("Петров Иван Иванович", Dative, "Петрову Ивану Ивановичу")]
    [InlineData("Петров Иван Иванович", Accusative, "Петрова Ивана Ивановича")]
    [InlineData("Петров Иван Иванович", Instrumental, "Петровым Иваном Ивановичем")]
    [InlineData("Петров Иван Иванович", Prepositional, "Петрове Иване Ивановиче")]
    [InlineData("Кузьмина Ольга Николаевна", Dative, "Кузьминой Ольге Николаевне")]
    [InlineData("Кузьмина Ольга Николаевна", Accusative, "Кузьмину Ольгу Николаевну")]
    [InlineData("Кузьмина Ольга Николаевна", Genitive, "Кузьминой Ольги Николаевны")]
    [InlineData("Черных Анна Сергеевна", Dative, "Черных Анне Сергеевне")]
    [InlineData("Черных Павел Андреевич", Accusative, "Черных Павла Андреевича")]
    [InlineData("Ильин Илья Ильич", Dative, "Ильину Илье Ильичу")]
    [InlineData("Ильин Илья Ильич", Accusative, "Ильина Илью Ильича")]
    [InlineData("Ильин Илья Ильич", Instrumental, "Ильиным Ильёй Ильичом")]
    [InlineData("Петрова-Водкина Ирина Олеговна", Dative, "Петровой-Водкиной Ирине Олеговне")]
    [InlineData("Римский-Корсаков Николай Андреевич", Genitive, "Римского-Корсакова Николая Андреевича")]
    [InlineData("Смирнова Анна", Dative, "Смирновой Анне")]
    [InlineData("Гребенщиков Юрий Алексеевич", Dative, "Гребенщикову Юрию Алексеевичу")]
    [InlineData("Белая Любовь Ивановна", Dative, "Белой Любови Ивановне")]
    public void A_full_name_takes_the_case(string name, GrammaticalCase @case, string expected) =>
        RussianNames.FullName(name, @case).ShouldBe(expected);

    [Theory]
    [InlineData("Иванова")]
    [InlineData("John Smith")]
    [InlineData("Иванова Мария Петровна Ивановна")]
    [InlineData("—")]
    [InlineData("")]
    [InlineData("Иванова М. П.")]
    public void A_name_it_cannot_parse_is_returned_unchanged(string name) => RussianNames.FullName(name, Dative).ShouldBe(name);

    [Fact]
    public void The_gender_comes_from_the_patronymic_or_is_given()
    {
        RussianNames.Gender("Черных Саша Ильич").ShouldBe(NameGender.Male);
        RussianNames.Gender("Черных Саша Ильинична").ShouldBe(NameGender.Female);
        RussianNames.Gender("Кузьмина Ольга").ShouldBe(NameGender.Female);
        RussianNames.FullName("Черных Саша", Dative, NameGender.Female).ShouldBe("Черных Саше");
    }
}
