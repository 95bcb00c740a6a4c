using Platform.Mentoring.LocalActs;
using Platform.Mentoring.DistrictActs;

namespace Platform.Tests.Decisions;

/// <summary>An order's number is stored as written without the «№» sign and cited with exactly one.</summary>
public sealed class OrderNumberTests
{
    [Theory]
    [InlineData("180", "180")]
    [InlineData("№ 180", "180")]
    [InlineData("№180", "180")]
    [InlineData("  № 21/1 ", "21/1")]
    [InlineData("№ № 21/1", "21/1")]
    [InlineData("N 181/1", "181/1")]
    [InlineData("No. 181/1", "181/1")]
    [InlineData("143-п", "143-п")]
    [InlineData("30-9  о/д", "30-9 о/д")]
    [InlineData("63/1-ОД", "63/1-ОД")]
    public void The_sign_is_not_stored(string typed, string stored) => OrderNumber.Clean(typed).ShouldBe(stored);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("№")]
    [InlineData(null)]
    public void Nothing_but_the_sign_is_no_number(string? typed) => OrderNumber.Clean(typed).ShouldBeNull();

    [Theory]
    [InlineData("21/1", "№ 21/1")]
    [InlineData("№ 21/1", "№ 21/1")]
    [InlineData("№№21/1", "№ 21/1")]
    public void A_number_is_cited_with_one_sign(string number, string cited) => OrderNumber.Cite(number).ShouldBe(cited);

    [Fact]
    public void A_citation_reads_as_documents_write_it() =>
        OrderNumber.Citation("143-п", new DateOnly(2022, 3, 21)).ShouldBe("от 21.03.2022 № 143-п");

    [Fact]
    public void A_schools_order_is_stored_and_cited_by_the_same_rule()
    {
        var today = new DateOnly(2026, 12, 7);
        var act = LocalActCommands.Register(Guid.NewGuid(), new RegisterLocalAct(LocalActKind.PairApproval, "№ 21/1", today, "О закреплении пар", null), today);
        act.Number.ShouldBe("21/1");
        LocalAct.Citation(act.Number, act.Date).ShouldBe("от 07.12.2026 № 21/1");
        Should.Throw<Platform.Domain.DomainValidationException>(() =>
            LocalActCommands.Register(Guid.NewGuid(), new RegisterLocalAct(LocalActKind.PairApproval, "№", today, "О закреплении пар", null), today))
            .Errors["number"].ShouldContain("Укажите номер приказа после знака «№».");
    }
}
