using System.Security.Cryptography;
using System.Text;

namespace Platform.Mentoring.Publication;

// The public section (раздел на сайте) of one school or one district: which of its acts are published, which program
// summaries, and the news its curator writes. One stream per owner; tenant = the school or the district. What a
// publication event carries is exactly what the public sees (a snapshot the curator chose), nothing more: the
// projection copies it into the publication schema, the only tables an anonymous request can read.

/// <summary>A file of a published act, as the public downloads it.</summary>
public sealed record PublishedFile(Guid FileId, string FileName, string ContentType, long Size, string Sha256);

public sealed record PublicSectionOpened(Guid OwnerId);

/// <param name="KindName">The act's kind as the public reads it («Положение о системе наставничества»).</param>
public sealed record LocalActPublished(Guid LocalActId, string KindName, string Number, DateOnly Date, string Title, PublishedFile[] Files);
public sealed record LocalActUnpublished(Guid LocalActId);
public sealed record DistrictActPublished(Guid DistrictActId, string KindName, string Number, DateOnly Date, string Title);
public sealed record DistrictActUnpublished(Guid DistrictActId);

/// <param name="Title">The curator's title for the public (programs have none of their own: a pair is named by its people).</param>
/// <param name="PublishedName">Only when given, with the participants' consent to its publication: no other name is shown.</param>
public sealed record ProgramSummaryPublished(Guid ProgramId, string Title, string FormName, string KindName, DateOnly StartOn, DateOnly EndOn,
    string Goal, string? PublishedName);
public sealed record ProgramSummaryUnpublished(Guid ProgramId);

public sealed record NewsPosted(Guid NewsId, string Title, DateOnly Date, string Text);
public sealed record NewsEdited(Guid NewsId, string Title, DateOnly Date, string Text);
public sealed record NewsUnpublished(Guid NewsId);
public sealed record NewsRepublished(Guid NewsId);

public sealed record ProgramSummary(Guid ProgramId, string Title, string Goal, string? PublishedName);

public sealed record NewsItem(Guid Id, string Title, DateOnly Date, string Text, bool Published);

/// <param name="Id">The stream's id (<see cref="StreamId"/> of the owner).</param>
public sealed record PublicSection(Guid Id, Guid OwnerId, IReadOnlySet<Guid> Acts, IReadOnlyDictionary<Guid, ProgramSummary> Programs,
    IReadOnlyDictionary<Guid, NewsItem> News)
{
    /// <summary>The stream of an owner's section: derived from the owner's id, so that it is found without a lookup.</summary>
    public static Guid StreamId(Guid ownerId)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"public-section:{ownerId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // a name-based (version 3) UUID
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }

    /// <summary>The public page's address: the one a school puts on its own site.</summary>
    public static string PathOf(bool school, Guid ownerId) => school ? $"/public/schools/{ownerId}" : $"/public/districts/{ownerId}";

    public static PublicSection Empty(Guid ownerId) => new(StreamId(ownerId), ownerId, new HashSet<Guid>(), new Dictionary<Guid, ProgramSummary>(), new Dictionary<Guid, NewsItem>());

    public static PublicSection Create(PublicSectionOpened e) => Empty(e.OwnerId);

    public PublicSection Apply(LocalActPublished e) => this with { Acts = new HashSet<Guid>(Acts) { e.LocalActId } };
    public PublicSection Apply(LocalActUnpublished e) => this with { Acts = Acts.Where(a => a != e.LocalActId).ToHashSet() };
    public PublicSection Apply(DistrictActPublished e) => this with { Acts = new HashSet<Guid>(Acts) { e.DistrictActId } };
    public PublicSection Apply(DistrictActUnpublished e) => this with { Acts = Acts.Where(a => a != e.DistrictActId).ToHashSet() };

    public PublicSection Apply(ProgramSummaryPublished e) =>
        this with { Programs = new Dictionary<Guid, ProgramSummary>(Programs) { [e.ProgramId] = new(e.ProgramId, e.Title, e.Goal, e.PublishedName) } };
    public PublicSection Apply(ProgramSummaryUnpublished e) => this with { Programs = Programs.Where(p => p.Key != e.ProgramId).ToDictionary() };

    public PublicSection Apply(NewsPosted e) => WithNews(new NewsItem(e.NewsId, e.Title, e.Date, e.Text, true));
    public PublicSection Apply(NewsEdited e) => WithNews(News[e.NewsId] with { Title = e.Title, Date = e.Date, Text = e.Text });
    public PublicSection Apply(NewsUnpublished e) => WithNews(News[e.NewsId] with { Published = false });
    public PublicSection Apply(NewsRepublished e) => WithNews(News[e.NewsId] with { Published = true });

    private PublicSection WithNews(NewsItem item) => this with { News = new Dictionary<Guid, NewsItem>(News) { [item.Id] = item } };
}
