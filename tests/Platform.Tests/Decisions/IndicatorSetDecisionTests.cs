using Platform.Reporting.Indicators;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A region's own indicator set: known computed codes, unique codes, names and kinds of the manual ones.</summary>
public sealed class IndicatorSetDecisionTests
{
    private static readonly Guid Region = Guid.Parse("e0000000-0000-4000-8000-000000000001");

    [Fact]
    public void A_set_keeps_the_platforms_computed_indicator_and_completes_the_manual_ones()
    {
        var e = IndicatorCatalog.Define(Region, [
            new IndicatorDraft("mentors_total", Source: IndicatorSource.Computed),
            new IndicatorDraft("pairs_total", " Пар всего ", IndicatorSource.Computed),
            new IndicatorDraft("website_section", "Раздел на сайте", Kind: IndicatorKind.Flag),
            new IndicatorDraft(" events ", " Мероприятий ", IndicatorSource.Manual, IndicatorKind.Count),
            new IndicatorDraft("hours", "Часов", Kind: IndicatorKind.Count, Unit: " ч. "),
        ], Now);
        e.RegionId.ShouldBe(Region);
        e.DefinedAt.ShouldBe(Now);
        e.Indicators.ShouldBe([
            new Indicator("mentors_total", "Наставников всего", IndicatorSource.Computed, IndicatorKind.Count, "чел."),
            new Indicator("pairs_total", "Пар всего", IndicatorSource.Computed, IndicatorKind.Count, "ед."),
            new Indicator("website_section", "Раздел на сайте", IndicatorSource.Manual, IndicatorKind.Flag, "да/нет"),
            new Indicator("events", "Мероприятий", IndicatorSource.Manual, IndicatorKind.Count, "ед."),
            new Indicator("hours", "Часов", IndicatorSource.Manual, IndicatorKind.Count, "ч."),
        ]);
        IndicatorSet.Create(e).Indicators.Count.ShouldBe(5);
    }

    [Fact]
    public void An_empty_set_is_refused()
    {
        Invalid(() => IndicatorCatalog.Define(Region, null, Now))["indicators"].ShouldBe(["Укажите хотя бы один показатель."]);
        Invalid(() => IndicatorCatalog.Define(Region, [], Now))["indicators"].ShouldBe(["Укажите хотя бы один показатель."]);
    }

    [Fact]
    public void Codes_are_lower_case_latin_and_do_not_repeat()
    {
        var errors = Invalid(() => IndicatorCatalog.Define(Region, [
            new IndicatorDraft("Events", "Мероприятия", Kind: IndicatorKind.Count),
            new IndicatorDraft("hours", "Часы", Kind: IndicatorKind.Count),
            new IndicatorDraft("hours", "Часы ещё раз", Kind: IndicatorKind.Count),
        ], Now));
        errors.Keys.Order().ShouldBe(["indicators[0].code", "indicators[2].code"]);
        errors["indicators[0].code"].ShouldBe(["Код показателя: латинские строчные буквы, цифры и «_», от 2 до 64 символов."]);
        errors["indicators[2].code"].ShouldBe(["Код «hours» повторяется."]);
    }

    [Fact]
    public void A_computed_indicator_must_be_one_the_platform_computes()
    {
        var errors = Invalid(() => IndicatorCatalog.Define(Region, [new IndicatorDraft("teachers_happy", Source: IndicatorSource.Computed)], Now));
        errors["indicators[0].code"].Single().ShouldStartWith("Показатель «teachers_happy» не рассчитывается платформой; рассчитываются: regulation_adopted, ");
    }

    [Fact]
    public void A_manual_indicator_needs_a_name_and_a_kind()
    {
        var errors = Invalid(() => IndicatorCatalog.Define(Region, [new IndicatorDraft("events")], Now));
        errors["indicators[0].name"].ShouldBe(["Укажите наименование показателя."]);
        errors["indicators[0].kind"].ShouldBe(["Укажите вид значения: count, percent или flag."]);
    }
}
