using Platform.EventStore;
using Platform.Mentoring.Publication;
using Platform.Tenancy.Registry;

namespace Platform.Web.Public;

public enum PublicOwnerKind { School, District }

/// <summary>Whose public page it is: a school or a district, with the names the public reads.</summary>
public sealed record PublicOwner(PublicOwnerKind Kind, Guid Id, string FullName, string ShortName, Guid? DistrictId)
{
    public string Path => PublicPages.PathOf(Kind, Id);
}

/// <summary>One section of a public page, as loaded: the component that shows it and its parameters.</summary>
public sealed record PublicSectionView(string Anchor, string Title, Type Component, IReadOnlyDictionary<string, object?> Parameters);

/// <summary>
/// A section of the public page of a school or district. The page shows, in <see cref="Order"/>, every registered section that
/// has something published (a section returns null when it has nothing: no empty heading, no placeholder). A new kind of public
/// content is one more implementation registered in DI (<c>services.AddSingleton&lt;IPublicPageSection, …&gt;()</c>); the page
/// itself does not change. <paramref name="anonymous"/> has no tenant scope: it can read the publication schema and the
/// registry catalog, nothing else.
/// </summary>
public interface IPublicPageSection
{
    int Order { get; }

    Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct);
}

/// <summary>Where each section stands on the page. Best practices and contest winners come from the recognition module.</summary>
public static class PublicSectionOrder
{
    public const int NormativeBase = 10;
    public const int Programs = 20;
    public const int BestPractices = 30;
    public const int ContestWinners = 40;
    public const int News = 50;
    public const int Schools = 60;
}

/// <summary>The normative base: the regulation, road map and orders the owner published, with their files.</summary>
public sealed class NormativeBaseSection : IPublicPageSection
{
    public int Order => PublicSectionOrder.NormativeBase;

    public async Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct)
    {
        var acts = await PublishedContent.ActsAsync(anonymous, owner.Id, ct);
        return acts.Count == 0 ? null : new PublicSectionView("normative-base", "Нормативная база", typeof(PublicActs),
            new Dictionary<string, object?> { ["Owner"] = owner, ["Acts"] = acts });
    }
}

public sealed class ProgramSummariesSection : IPublicPageSection
{
    public int Order => PublicSectionOrder.Programs;

    public async Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct)
    {
        var programs = await PublishedContent.ProgramsAsync(anonymous, owner.Id, ct);
        return programs.Count == 0 ? null : new PublicSectionView("programs", "Программы наставничества", typeof(PublicPrograms),
            new Dictionary<string, object?> { ["Programs"] = programs });
    }
}

/// <summary>The best practices of the school (a district's page: of its schools), as their schools published them.</summary>
public sealed class BestPracticesSection : IPublicPageSection
{
    public int Order => PublicSectionOrder.BestPractices;

    public async Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct)
    {
        var practices = await PublicRecognitionProjection.BestPracticesAsync(anonymous, owner.Id, ct);
        return practices.Count == 0 ? null : new PublicSectionView("best-practices", "Лучшие практики наставничества", typeof(PublicBestPractices),
            new Dictionary<string, object?> { ["Practices"] = practices, ["ShowSchool"] = owner.Kind == PublicOwnerKind.District });
    }
}

/// <summary>The winners of contests among the school's (a district's page: its schools') mentors and pairs.</summary>
public sealed class WinnersSection : IPublicPageSection
{
    public int Order => PublicSectionOrder.ContestWinners;

    public async Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct)
    {
        var winners = await PublicRecognitionProjection.WinnersAsync(anonymous, owner.Id, ct);
        return winners.Count == 0 ? null : new PublicSectionView("winners", "Победители конкурсов", typeof(PublicWinners),
            new Dictionary<string, object?> { ["Winners"] = winners, ["ShowSchool"] = owner.Kind == PublicOwnerKind.District });
    }
}

public sealed class NewsSection : IPublicPageSection
{
    public int Order => PublicSectionOrder.News;

    public async Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct)
    {
        var news = await PublishedContent.NewsAsync(anonymous, owner.Id, publishedOnly: true, ct);
        return news.Count == 0 ? null : new PublicSectionView("news", "Новости", typeof(PublicNewsList),
            new Dictionary<string, object?> { ["News"] = news });
    }
}

/// <summary>A district's page: its schools that have a public page of their own.</summary>
public sealed class DistrictSchoolsSection : IPublicPageSection
{
    public int Order => PublicSectionOrder.Schools;

    public async Task<PublicSectionView?> LoadAsync(PublicOwner owner, DocumentSession anonymous, CancellationToken ct)
    {
        if (owner.Kind != PublicOwnerKind.District) return null;
        var schools = new List<SchoolCard>();
        for (var page = 1; ; page++) // the registry's list comes in pages of at most 200
        {
            var batch = await SchoolList.QueryAsync(anonymous, owner.Id, new SchoolListQuery(Status: "open", Sort: "name", Page: page, PageSize: 200), ct);
            schools.AddRange(batch.Items);
            if (schools.Count >= batch.Total || batch.Items.Count == 0) break;
        }
        var withPages = (await PublishedContent.SchoolsWithPagesAsync(anonymous, schools.Select(s => s.Id).ToList(), ct)).ToHashSet();
        var shown = schools.Where(s => withPages.Contains(s.Id)).ToList();
        return shown.Count == 0 ? null : new PublicSectionView("schools", "Образовательные организации", typeof(PublicSchools),
            new Dictionary<string, object?> { ["Schools"] = shown });
    }
}
